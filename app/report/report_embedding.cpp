// The report's "Embedding checks" section (embedding-checks.md): is the new representation
// backward compatible with the old one (as they are and with an orthogonal map), their prefix
// curves and spectra — the Embedding checks view's content, drawn with the same chart builders.
#include <QFileInfo>

#include "report_content.h"
#include "report_figures.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/embedding_checks/prefix.h"
#include "repscope/embedding_checks/spectrum.h"
#include "repscope/error.h"
#include "repscope/metrics/registry.h"
#include "repscope/sub_progress.h"
#include "repscope/views/embedding_chart.h"
#include "repscope/views/figure.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::report {

namespace {

CollectionEntry find(const Collection& collection, const std::string& spec, const char* option) {
    const QualifiedPath where = splitQualifiedPath(spec);
    const QString wanted = QFileInfo(QString::fromStdString(where.file)).canonicalFilePath();
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (info.path != where.path) continue;
        if (info.file == where.file ||
            (!wanted.isEmpty() && QFileInfo(QString::fromStdString(info.file)).canonicalFilePath() == wanted)) {
            if (info.kind != RepresentationKind::Features) {
                throw InputError(std::string(option) + " names " + spec + ", a precomputed RDM; the embedding "
                                 "checks need features");
            }
            return e;
        }
    }
    throw InputError(std::string(option) + " names " + spec + ", which is not a representation of the files given");
}

ReportFigure chartFigure(const QString& title, const QString& subtitle, views::ChartContent content,
                         const QString& caption) {
    ReportFigure f;
    f.caption = caption;
    f.widthPx = kLayerFigureWidth;
    f.heightPx = kLayerFigureHeight;
    f.image = views::renderFigureImage(views::Figure{title, subtitle, std::move(content)},
                                       {kLayerFigureWidth, kLayerFigureHeight}, 2);
    return f;
}

void addRows(EmbeddingSection& s, const embedding_checks::CompatResult& r, const std::string& suffix) {
    for (const embedding_checks::CompatMeasure& m : r.measures) {
        s.rows.push_back({(m.name == "map" ? std::string("mAP") : m.name) + suffix, m.oldOld, m.newNew, m.newOld,
                          m.compatible, m.updateGain});
    }
}

}  // namespace

EmbeddingSection embeddingSection(const Collection& collection, const ReportOptions& options, Progress& progress) {
    const CollectionEntry oldEntry = find(collection, options.compatOld, "--compat");
    const CollectionEntry newEntry = find(collection, options.compatNew, "--compat");
    EmbeddingSection s;
    s.oldName = baseName(oldEntry.representation->info().file) + ":" + oldEntry.representation->info().path;
    s.newName = baseName(newEntry.representation->info().file) + ":" + newEntry.representation->info().path;
    const MatrixF oldX = collection.read(oldEntry);
    const MatrixF newX = collection.read(newEntry);
    const std::string column = colourColumn(collection.stimuli());
    const CategoryColumn* labels = column.empty() ? nullptr : collection.stimuli().column(column);
    s.labels = column;
    if (labels == nullptr) {
        s.notes.push_back("No categorical column says which items are relevant, so there are no retrieval scores.");
    } else {
        embedding_checks::CompatOptions o;
        o.oldName = s.oldName;
        o.newName = s.newName;
        if (oldX.cols() == newX.cols()) {
            SubProgress p(progress, 0.0, 0.4);
            addRows(s, embedding_checks::compatibility(oldX, newX, labels->codes, o, p), "");
        } else {
            s.notes.push_back("The dimensions differ (" + std::to_string(oldX.cols()) + " and " +
                              std::to_string(newX.cols()) + "): only the rows with an orthogonal map are given.");
        }
        o.alignment = embedding_checks::Alignment::Orthogonal;
        SubProgress p(progress, 0.4, 0.7);
        addRows(s, embedding_checks::compatibility(oldX, newX, labels->codes, o, p), " (aligned)");
    }
    const metrics::MetricInfo& cka = metrics::metric("cka_linear");
    embedding_checks::PrefixOptions prefix;
    prefix.codes = labels != nullptr ? &labels->codes : nullptr;
    const QColor a = views::categoryColour(0);
    const QColor b = views::categoryColour(1);
    const QString oldName = QString::fromStdString(s.oldName);
    const QString newName = QString::fromStdString(s.newName);
    views::ChartContent curves = views::prefixChart(
        {{QStringLiteral("old"), a, embedding_checks::prefixCurve(oldX, cka, {}, prefix)},
         {QStringLiteral("new"), b, embedding_checks::prefixCurve(newX, cka, {}, prefix)}},
        QStringLiteral("cka_linear"));
    curves.note.clear();
    s.prefix = chartFigure(QStringLiteral("Prefixes"), QStringLiteral("old: %1 · new: %2").arg(oldName, newName),
                           std::move(curves),
                           QStringLiteral("Linear CKA of the first d dimensions with all of them, and top-1 retrieval "
                                          "of the prefix, against d"));
    const std::vector<CategoryColumn>& columns = collection.stimuli().columns;
    s.spectrum = chartFigure(
        QStringLiteral("Variance spectra"), QStringLiteral("old: %1 · new: %2").arg(oldName, newName),
        views::spectrumChart({{QStringLiteral("old"), a, embedding_checks::computeSpectrum(oldX, columns)},
                              {QStringLiteral("new"), b, embedding_checks::computeSpectrum(newX, columns)}}),
        QStringLiteral("Explained variance ratio of the first components; participation ratios under the plot"));
    progress.report(1.0);
    return s;
}

}  // namespace repscope::report
