// `repscope figure FILE:PATH --view prefix|spectrum|compat [--with FILE:PATH]`: the Embedding
// checks view's pictures headless (embedding-checks.md), from the same core and chart builders.
// FILE:PATH is the old model (or the only one), --with the new one.
#include "cli/inputs.h"
#include "figure_views.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/error.h"
#include "repscope/metrics/registry.h"
#include "repscope/text.h"
#include "repscope/views/embedding_chart.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::figure {

namespace {

struct Inputs {
    cli::LoadedRepresentation first;
    std::optional<cli::LoadedRepresentation> second;
};

Inputs load(const cli::FigureRequest& request) {
    Inputs in{cli::loadRepresentation(request.input), std::nullopt};
    std::vector<cli::LoadedRepresentation*> all{&in.first};
    if (!request.with.empty()) {
        in.second = cli::loadRepresentation(request.with);
        all.push_back(&*in.second);
        if (in.second->values.rows() != in.first.values.rows()) {
            throw AlignmentError(in.first.name + " and " + in.second->name + " have different numbers of stimuli");
        }
    }
    for (const cli::LoadedRepresentation* r : all) {
        if (r->representation->info().kind != RepresentationKind::Features) {
            throw InputError(r->name + " is a precomputed RDM; the embedding checks need features");
        }
    }
    cli::applyNanPolicy(all, NanPolicy::Error);
    return in;
}

const CategoryColumn* labelsOf(const cli::LoadedRepresentation& r) {
    const std::string column = defaultCategoryColumn(r.file->stimuli());
    return column.empty() ? nullptr : r.file->stimuli().column(column);
}

QString nameOf(const cli::LoadedRepresentation& r) {
    return QString::fromStdString(printable(fileName(r.representation->info().file) + ":" +
                                            shortPath(r.representation->info().path)));
}

}  // namespace

views::Figure embeddingFigure(const cli::FigureRequest& request) {
    Inputs in = load(request);
    const CategoryColumn* labels = labelsOf(in.first);
    views::Figure f;
    const QString first = nameOf(in.first);
    const QString second = in.second ? nameOf(*in.second) : QString();
    const QColor a = views::categoryColour(0);
    const QColor b = views::categoryColour(1);
    if (request.view == "prefix") {
        const metrics::MetricInfo& metric = metrics::metric(request.metric);
        embedding_checks::PrefixOptions options;
        options.codes = labels != nullptr ? &labels->codes : nullptr;
        std::vector<views::Named<embedding_checks::PrefixCurve>> curves{
            {first, a, embedding_checks::prefixCurve(in.first.values, metric, {}, options)}};
        if (in.second) curves.push_back({second, b, embedding_checks::prefixCurve(in.second->values, metric, {}, options)});
        f.content = views::prefixChart(curves, QString::fromStdString(request.metric));
        f.title = QStringLiteral("Prefixes of %1").arg(in.second ? first + QStringLiteral(" and ") + second : first);
        f.subtitle = QStringLiteral("%1 of X[:, :d] with X%2").arg(QString::fromStdString(request.metric),
                                                                    labels != nullptr ? QStringLiteral("; top-1 by %1").arg(QString::fromStdString(labels->name)) : QString());
        std::get<views::ChartContent>(f.content).note.clear();  // no point to click in a file
        return f;
    }
    if (request.view == "spectrum") {
        const std::vector<CategoryColumn>& columns = in.first.file->stimuli().columns;
        std::vector<views::Named<embedding_checks::Spectrum>> spectra{
            {first, a, embedding_checks::computeSpectrum(in.first.values, columns)}};
        if (in.second) spectra.push_back({second, b, embedding_checks::computeSpectrum(in.second->values, columns)});
        f.content = views::spectrumChart(spectra);
        f.title = QStringLiteral("Variance spectrum of %1").arg(in.second ? first + QStringLiteral(" and ") + second : first);
        QStringList shares;
        for (const auto& s : spectra) {
            for (const auto& c : s.value.categories) {
                shares << QStringLiteral("%1 %2: R² %3").arg(s.name, QString::fromStdString(printable(c.column)))
                              .arg(c.r2, 0, 'f', 3);
            }
        }
        f.subtitle = shares.isEmpty() ? QStringLiteral("no categorical column") : shares.join(QStringLiteral(" · "));
        return f;
    }
    // compat: one bar per measure and retrieval
    if (!in.second) throw InputError("--view compat needs the new model: --with FILE:PATH");
    if (labels == nullptr) {
        throw InputError(in.first.file->path() + " has no categorical column to say which items are relevant");
    }
    embedding_checks::CompatOptions options;
    options.oldName = in.first.name;
    options.newName = in.second->name;
    if (in.first.values.cols() != in.second->values.cols()) options.alignment = embedding_checks::Alignment::Orthogonal;
    const embedding_checks::CompatResult r =
        embedding_checks::compatibility(in.first.values, in.second->values, labels->codes, options);
    views::ChartContent c;
    c.kind = views::ChartKind::Bars;
    c.valueTitle = QStringLiteral("retrieval score");
    c.valueRange = std::pair{0.0, 1.0};
    const QColor colours[] = {a, b, views::categoryColour(2)};
    for (const embedding_checks::CompatMeasure& m : r.measures) {
        const QString measure = m.name == "map" ? QStringLiteral("mAP") : QString::fromStdString(m.name);
        const double values[] = {m.oldOld, m.newNew, m.newOld};
        const char* names[] = {"old·old", "new·new", "new·old"};
        for (int k = 0; k < 3; ++k) {
            views::ChartItem bar;
            bar.value = values[k];
            bar.label = QStringLiteral("%1 %2").arg(measure, QString::fromUtf8(names[k]));
            bar.colour = colours[k];
            if (k == 2) bar.mark = m.compatible ? QStringLiteral("compatible") : QStringLiteral("not compatible");
            c.bars.push_back(bar);
        }
    }
    c.legend = {{colours[0], QStringLiteral("old queries, old index")},
                {colours[1], QStringLiteral("new queries, new index")},
                {colours[2], QStringLiteral("new queries, old index")}};
    c.note = QStringLiteral("relevant: same %1; %2 queries").arg(QString::fromStdString(labels->name)).arg(r.queries);
    f.content = std::move(c);
    f.title = QStringLiteral("Compatibility of %1 (new) with %2 (old)").arg(second, first);
    f.subtitle = options.alignment == embedding_checks::Alignment::Orthogonal
                     ? QStringLiteral("orthogonal map learned on even stimuli, scored on odd ones")
                     : QStringLiteral("leave-one-out cosine retrieval");
    return f;
}

}  // namespace repscope::figure
