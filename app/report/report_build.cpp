// buildReport: reads the collection's representations, computes the layer matrices, the pairs and
// the per-layer pictures, and gathers the summary and provenance.
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <map>

#include "report_content.h"
#include "report_figures.h"
#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/metrics/layer_matrix.h"
#include "repscope/sub_progress.h"

namespace repscope::report {
namespace {

constexpr std::size_t kSampleLabels = 12;

void say(const ReportLog& log, const std::string& line) {
    if (log) log(line);
}

std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string s;
    for (std::size_t k = 0; k < shape.size(); ++k) s += (k ? " × " : "") + std::to_string(shape[k]);
    return s;
}

// A representation read once, in collection order, shared by every section.
struct Loaded {
    CollectionEntry entry;
    MatrixF values;
    std::string label;  // in matrices and pair lists
};

bool sameFile(const std::string& a, const std::string& b) {
    if (a == b) return true;
    const QString ca = QFileInfo(QString::fromStdString(a)).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(QString::fromStdString(b)).canonicalFilePath();
}

// The representations to draw: those --layers names, or the last layer of each model.
std::vector<std::size_t> chosenLayers(const std::vector<CollectionEntry>& all, const ReportOptions& options) {
    std::vector<std::size_t> chosen;
    if (options.layers.empty()) {
        for (std::size_t i = 0; i < all.size(); ++i) {
            const RepresentationInfo& info = all[i].representation->info();
            const bool lastOfModel = i + 1 == all.size() || all[i + 1].fileIndex != all[i].fileIndex ||
                                     all[i + 1].representation->info().model != info.model;
            if (lastOfModel) chosen.push_back(i);
        }
        return chosen;
    }
    for (const std::string& spec : options.layers) {
        const QualifiedPath where = splitQualifiedPath(spec);
        const auto it = std::find_if(all.begin(), all.end(), [&](const CollectionEntry& e) {
            const RepresentationInfo& info = e.representation->info();
            return info.path == where.path && sameFile(info.file, where.file);
        });
        if (it == all.end()) {
            throw InputError("--layers names " + spec + ", which is not a representation of the files given");
        }
        const auto index = static_cast<std::size_t>(it - all.begin());
        if (std::find(chosen.begin(), chosen.end(), index) == chosen.end()) chosen.push_back(index);
    }
    return chosen;
}

// Most and least similar off-diagonal pairs (each unordered pair once for symmetric metrics).
void rankPairs(MetricSection& s, int top) {
    std::vector<SimilarPair> pairs;
    const auto k = s.values.rows();
    for (Eigen::Index i = 0; i < k; ++i) {
        for (Eigen::Index j = 0; j < k; ++j) {
            if (i == j || (s.metric->symmetric && j < i) || !std::isfinite(s.values(i, j))) continue;
            pairs.push_back({s.labels[static_cast<std::size_t>(i)], s.labels[static_cast<std::size_t>(j)],
                             s.values(i, j)});
        }
    }
    const bool distance = s.metric->isDistance;
    std::stable_sort(pairs.begin(), pairs.end(), [distance](const SimilarPair& x, const SimilarPair& y) {
        return distance ? x.value < y.value : x.value > y.value;
    });
    const auto n = std::min(pairs.size(), static_cast<std::size_t>(std::max(top, 0)));
    s.most.assign(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(n));
    s.least.assign(pairs.rbegin(), pairs.rbegin() + static_cast<std::ptrdiff_t>(n));
}

MetricSection metricSection(const metrics::MetricInfo& metric, const std::vector<Loaded>& all,
                            std::size_t stimuli, int top, Progress& progress) {
    MetricSection s;
    s.metric = &metric;
    std::vector<metrics::LayerOperand> operands;
    std::vector<std::string> models;
    for (const Loaded& l : all) {
        const RepresentationInfo& info = l.entry.representation->info();
        const bool rdm = info.kind == RepresentationKind::Rdm;
        if (rdm && !metric.compareRdms) {
            s.notes.push_back(l.label + " is left out: a precomputed RDM cannot enter " + metric.name + ".");
            continue;
        }
        if (!rdm && metric.accepts.needsFewerFeaturesThanStimuli && info.d >= stimuli) {
            s.notes.push_back(l.label + " is left out: " + metric.name + " needs fewer features than stimuli.");
            continue;
        }
        operands.push_back({&l.values, rdm, nullptr, l.label});
        s.labels.push_back(l.label);
        models.push_back(info.model);
    }
    if (operands.empty()) {
        s.notes.push_back("No representation can enter " + metric.name + ".");
        return s;
    }
    const metrics::LayerMatrix m = metrics::computeLayerMatrix(metric, operands, {}, progress);
    s.values = m.values;
    for (const auto& u : m.undefined) {
        if (metric.symmetric && u.column < u.row) continue;
        s.notes.push_back(s.labels[static_cast<std::size_t>(u.row)] + " vs " +
                          s.labels[static_cast<std::size_t>(u.column)] + " is undefined: " + u.message);
    }
    rankPairs(s, top);
    s.figure = layerMatrixFigure(s, models);
    return s;
}

void summarise(Report& r, const Collection& collection, Progress& progress, const ReportLog& log) {
    const auto& files = collection.files();
    for (std::size_t f = 0; f < files.size(); ++f) {
        const DataFile& file = *files[f];
        FileRow row;
        row.name = baseName(file.path());
        row.path = file.path();
        row.layout = std::string(layoutName(file.layout()));
        row.stimuli = file.stimulusCount();
        row.representations = file.representations().size();
        row.bytes = fileSize(file.path());
        say(log, "hashing " + row.name + " (SHA-256)");
        SubProgress sub(progress, static_cast<double>(f) / static_cast<double>(files.size()) * 0.1,
                        static_cast<double>(f + 1) / static_cast<double>(files.size()) * 0.1);
        row.sha256 = sha256OfFile(file.path(), sub);
        const std::string mainName = row.name;
        r.files.push_back(std::move(row));
        // Every file actually read is in the provenance: those reached through links too.
        for (const std::string& linked : file.linkedFiles()) {
            FileRow l;
            l.name = baseName(linked);
            l.path = linked;
            l.linkedFrom = mainName;
            l.bytes = fileSize(linked);
            say(log, "hashing " + l.name + " (SHA-256, linked from " + mainName + ")");
            l.sha256 = sha256OfFile(linked, sub);
            r.files.push_back(std::move(l));
        }
    }
    r.alignment = collection.alignmentReport();
    const Stimuli& st = collection.stimuli();
    r.stimuli = st.count;
    r.labelled = st.hasLabels();
    for (std::size_t i = 0; i < std::min(st.count, kSampleLabels); ++i) r.sampleLabels.push_back(st.label(i));
    for (const CategoryColumn& c : st.columns) {
        CategorySummary summary;
        summary.name = c.name;
        const std::vector<std::size_t> counts = c.counts();
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            summary.counts.emplace_back(c.categories[k], k < counts.size() ? counts[k] : 0);
        }
        r.categories.push_back(std::move(summary));
    }
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        RepresentationRow row{baseName(info.file), info.model, info.layer, info.path, info.n, info.d,
                              info.dtype, shapeText(info.shape), info.kind == RepresentationKind::Rdm, {}};
        row.attributes.assign(info.attributes.begin(), info.attributes.end());
        r.representations.push_back(std::move(row));
    }
}

}  // namespace

Report buildReport(const Collection& collection, const ReportOptions& options, Progress& progress,
                   const ReportLog& log) {
    std::vector<const metrics::MetricInfo*> chosenMetrics;
    if (options.metrics.empty()) {
        for (const char* name : kDefaultMetrics) chosenMetrics.push_back(&metrics::metric(name));
    } else {
        for (const std::string& name : options.metrics) {
            const metrics::MetricInfo* m = &metrics::metric(name);  // InputError when unknown
            if (std::find(chosenMetrics.begin(), chosenMetrics.end(), m) == chosenMetrics.end()) {
                chosenMetrics.push_back(m);
            }
        }
    }
    if (collection.files().empty()) throw InputError("there is no file to report on");

    // Every --layers entry is checked before any work.
    std::vector<CollectionEntry> entries = collection.representations();
    if (options.alignmentTarget) {
        // The target's subjects are what the models are tested against, not models: they have
        // their own section (and may miss pairs, which the layer matrices do not allow).
        const alignment::SetTarget& t = *options.alignmentTarget;
        std::erase_if(entries, [&](const CollectionEntry& e) {
            return e.fileIndex == t.fileIndex && e.representation->info().rdmSet == t.path;
        });
    }
    const std::vector<std::size_t> drawn = chosenLayers(entries, options);

    Report r;
    r.provenance = currentProvenance();
    summarise(r, collection, progress, log);
    std::string names;
    for (const FileRow& f : r.files) names += (names.empty() ? "" : ", ") + f.name;
    r.title = "RepScope report: " + names;

    // Every representation, read once (NaN/Inf is an error naming it, as in the other commands).
    std::vector<Loaded> all;
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < collection.stimulusCount(); ++i) labels.push_back(collection.stimuli().label(i));
    const bool severalFiles = collection.files().size() > 1;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const RepresentationInfo& info = entries[k].representation->info();
        say(log, "reading " + info.qualifiedName());
        SubProgress sub(progress, 0.1 + 0.2 * static_cast<double>(k) / static_cast<double>(entries.size()),
                        0.1 + 0.2 * static_cast<double>(k + 1) / static_cast<double>(entries.size()));
        Loaded l;
        l.entry = entries[k];
        l.values = collection.read(entries[k], sub);
        requireFinite(l.values, info.qualifiedName(), labels);
        l.label = (severalFiles ? baseName(info.file) + ":" : std::string()) + withoutLeadingSlash(info.path);
        all.push_back(std::move(l));
    }

    for (std::size_t m = 0; m < chosenMetrics.size(); ++m) {
        const metrics::MetricInfo& metric = *chosenMetrics[m];
        say(log, "computing the " + metric.name + " matrix of " + std::to_string(all.size()) + " representations");
        const double step = 0.4 / static_cast<double>(chosenMetrics.size());
        SubProgress sub(progress, 0.3 + step * static_cast<double>(m), 0.3 + step * static_cast<double>(m + 1));
        r.metrics.push_back(metricSection(metric, all, collection.stimulusCount(), options.topPairs, sub));
    }

    const auto stimuli = std::make_shared<const Stimuli>(collection.stimuli());
    for (std::size_t k = 0; k < drawn.size(); ++k) {
        const Loaded& l = all[drawn[k]];
        const RepresentationInfo& info = l.entry.representation->info();
        say(log, "drawing the RDM and projection of " + info.qualifiedName());
        const double step = 0.3 / static_cast<double>(drawn.size());
        SubProgress rdmPart(progress, 0.7 + step * static_cast<double>(k), 0.7 + step * (static_cast<double>(k) + 0.5));
        SubProgress projectionPart(progress, 0.7 + step * (static_cast<double>(k) + 0.5),
                                   0.7 + step * static_cast<double>(k + 1));
        LayerSection s;
        s.name = baseName(info.file) + ":" + info.path;
        s.rdm = rdmFigure(info, l.values, stimuli, rdmPart);
        s.projection = projectionFigure(info, l.values, stimuli, projectionPart);
        r.layers.push_back(std::move(s));
    }

    if (!options.compatOld.empty()) {
        say(log, "checking " + options.compatNew + " against " + options.compatOld);
        r.embedding = embeddingSection(collection, options, progress);
    }
    if (options.alignmentTarget) {
        say(log, "evaluating every model against " + alignment::targetName(collection, *options.alignmentTarget));
        r.evaluation = alignmentSection(collection, options, progress);
    }

    std::string metricNames;
    for (const auto* m : chosenMetrics) metricNames += (metricNames.empty() ? "" : ", ") + m->name;
    std::string layerNames;
    for (const LayerSection& s : r.layers) layerNames += (layerNames.empty() ? "" : ", ") + s.name;
    r.parameters = {
        {"metrics", metricNames},
        {"metric parameters", "defaults of each metric (listed under Metric definitions)"},
        {"layers drawn", (options.layers.empty() ? "the last layer of each model: " : "") + layerNames},
        {"RDM measure (figures)", "correlation distance (1 − Pearson r)"},
        {"RDM ordering", "average-linkage clustering with optimal leaf order (up to 2000 stimuli; by category above)"},
        {"projection", "PCA, 2 components, centred, not scaled (classical MDS for precomputed RDMs)"},
        {"NaN/Inf policy", "error"},
        {"pairs listed", std::to_string(options.topPairs) + " most and " + std::to_string(options.topPairs) +
                             " least similar per metric"},
        {"stimuli", std::to_string(collection.stimulusCount()) + " (aligned across the files)"},
    };
    progress.report(1.0);
    return r;
}

}  // namespace repscope::report
