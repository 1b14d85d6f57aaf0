#pragma once
// What a report holds (repscope report, File ▸ Export Report…): the dataset summary, a layer ×
// layer matrix per metric with its most and least similar pairs, an RDM and a 2-D projection of
// chosen layers, the parameters, the metrics' definitions and where everything came from. It is
// computed once from a Collection and then written as HTML or PDF (report_file.h), so that both
// formats show the same content.
//
//   auto app = ...;  // a QGuiApplication must exist: the figures are painted with QPainter
//   const report::Report r = report::buildReport(collection, {}, progress, log);
//   report::writeReport(r, "out.html");
#include <Eigen/Core>
#include <QImage>
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "repscope/alignment/collection_evaluation.h"
#include "repscope/collection.h"
#include "repscope/metrics/registry.h"
#include "repscope/progress.h"

namespace repscope::report {

inline constexpr const char* kDefaultMetrics[] = {"cka_linear", "rsa_spearman"};

struct ReportOptions {
    std::vector<std::string> metrics;  // registry names; empty: kDefaultMetrics
    // Representations to draw an RDM and a projection of, as FILE:PATH (FILE as given when the
    // file was opened); empty: the last layer of each model.
    std::vector<std::string> layers;
    int topPairs = 5;
    // An "Alignment with T" section: every model against this RDM set of the collection.
    std::optional<alignment::SetTarget> alignmentTarget;
    alignment::Comparator comparator = alignment::Comparator::Spearman;
    metrics::RdmMeasure rdmMeasure = metrics::RdmMeasure::Correlation;
    bool excludeTargetFile = false;  // the target's file holds no models
    std::size_t bootstrap = 0;       // resamples for a 95 % interval; 0: none
    // An "Embedding checks" section: the old and the new representation as FILE:PATH (FILE as
    // given when the file was opened); empty: none.
    std::string compatOld;
    std::string compatNew;
};

// A picture with its caption; null image when it could not be made (then `note` says why).
struct ReportFigure {
    QString caption;
    QImage image;  // at 2× its display size (widthPx, heightPx)
    int widthPx = 0;
    int heightPx = 0;
    std::string note;
};

struct RepresentationRow {
    std::string file;  // file name
    std::string model;
    std::string layer;
    std::string path;
    std::uint64_t n = 0;
    std::uint64_t d = 0;
    std::string dtype;
    std::string shape;  // "40 × 4 × 3"
    bool precomputedRdm = false;
    std::vector<std::pair<std::string, std::string>> attributes;  // the dataset's, as text
};

struct FileRow {
    std::string name;  // file name
    std::string path;  // as given
    std::string layout;
    std::uint64_t stimuli = 0;
    std::uint64_t representations = 0;
    std::uint64_t bytes = 0;
    std::string sha256;  // hex
    // Set for a file read through an external link or virtual dataset of the named file: it
    // is listed in the provenance (with its hash), not as a file of the collection.
    std::string linkedFrom;
};

struct CategorySummary {
    std::string name;
    std::vector<std::pair<std::string, std::uint64_t>> counts;  // category, stimuli
};

struct SimilarPair {
    std::string a;
    std::string b;
    double value = 0.0;
};

struct MetricSection {
    const metrics::MetricInfo* metric = nullptr;
    std::vector<std::string> labels;  // one per row/column
    Eigen::MatrixXd values;           // NaN where undefined
    std::vector<std::string> notes;   // skipped representations, undefined pairs
    std::vector<SimilarPair> most;    // most similar first
    std::vector<SimilarPair> least;   // least similar first
    ReportFigure figure;
};

struct LayerSection {
    std::string name;  // "file.h5:/model/layer"
    ReportFigure rdm;
    ReportFigure projection;
};

struct AlignmentRow {
    std::string name;  // "model/layer"
    double mean = 0.0;
    double sem = 0.0;
    double t = 0.0;
    double p = 0.0;
    double q = 0.0;  // BH-FDR across the models
    std::optional<std::pair<double, double>> ci95;
};

struct AlignmentSection {
    std::string target;      // "file:/path"
    std::string comparator;  // name
    std::string comparatorReference;
    std::string rdmMeasure;
    std::size_t subjects = 0;
    std::size_t stimuli = 0;
    std::optional<std::pair<double, double>> noiseCeiling;  // lower, upper
    std::vector<AlignmentRow> rows;
    ReportFigure figure;
};

struct CompatRow {
    std::string measure;  // top1, top5, mAP; " (aligned)" with the orthogonal map
    double oldOld = 0.0;
    double newNew = 0.0;
    double newOld = 0.0;
    bool compatible = false;
    double gain = 0.0;
};

struct EmbeddingSection {
    std::string oldName;  // "file:/path"
    std::string newName;
    std::string labels;   // the categorical column that makes items relevant; empty: none
    std::vector<CompatRow> rows;
    std::vector<std::string> notes;  // what could not be computed, one sentence each
    ReportFigure prefix;
    ReportFigure spectrum;
};

struct Provenance {
    std::string version;
    std::string linearAlgebra;
    std::string qtVersion;
    std::string generatedUtc;  // ISO 8601, "2026-11-27T11:30:00Z"
    std::string host;
    std::string os;
    std::string cpu;
    unsigned cores = 0;
};

struct Report {
    std::string title;
    std::vector<FileRow> files;
    std::vector<std::string> alignment;  // what aligning the files dropped
    std::uint64_t stimuli = 0;
    bool labelled = false;
    std::vector<std::string> sampleLabels;  // the first labels
    std::vector<CategorySummary> categories;
    std::vector<RepresentationRow> representations;
    std::vector<MetricSection> metrics;
    std::vector<LayerSection> layers;
    std::optional<AlignmentSection> evaluation;  // with ReportOptions::alignmentTarget
    std::optional<EmbeddingSection> embedding;   // with ReportOptions::compatOld/compatNew
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value
    Provenance provenance;
};

// One line of progress for the user ("computing the cka_linear matrix of 8 representations").
using ReportLog = std::function<void(const std::string& line)>;

// Throws InputError for an unknown metric or a --layers entry that is not in the collection,
// Error from reading the files (NaN/Inf included: one sentence naming the representation),
// Cancelled through progress. Needs a QGuiApplication (painting text).
[[nodiscard]] Report buildReport(const Collection& collection, const ReportOptions& options,
                                 Progress& progress = silentProgress(), const ReportLog& log = {});

// The parts buildReport puts together (report_provenance.cpp, report_figures.cpp).
// SHA-256 of a file, read in blocks; throws FileError when it cannot be read.
[[nodiscard]] std::string sha256OfFile(const std::string& path, Progress& progress = silentProgress());
[[nodiscard]] std::uint64_t fileSize(const std::string& path);
[[nodiscard]] Provenance currentProvenance();
// The "Alignment with T" section (report_alignment.cpp): the evaluation, its table and figure.
[[nodiscard]] AlignmentSection alignmentSection(const Collection& collection, const ReportOptions& options,
                                                Progress& progress);
// The "Embedding checks" section (report_embedding.cpp): compatibility table, prefix and spectrum
// figures. Throws InputError when either representation is not in the collection.
[[nodiscard]] EmbeddingSection embeddingSection(const Collection& collection, const ReportOptions& options,
                                                Progress& progress);

}  // namespace repscope::report
