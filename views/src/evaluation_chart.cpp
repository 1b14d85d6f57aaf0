#include "repscope/views/evaluation_chart.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "repscope/text.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::views {

namespace {

QString text(const std::string& s) { return QString::fromStdString(printable(s)); }

QString number(double v) {
    if (!std::isfinite(v)) return QStringLiteral("–");
    return QString::number(v, 'g', 4);
}

std::string fileNameOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool significant(double q, double alpha) { return std::isfinite(q) && q < alpha; }

// The error bar of model m: mean ± SEM, or the bootstrap interval when there is one.
std::pair<double, double> errorBar(const alignment::ModelScore& s, EvaluationErrorBars errors) {
    if (errors == EvaluationErrorBars::Sem && std::isfinite(s.sem)) return {s.mean - s.sem, s.mean + s.sem};
    if (errors == EvaluationErrorBars::Bootstrap && s.ci95) return {s.ci95->lo, s.ci95->hi};
    return {kChartNone, kChartNone};
}

QString errorNote(const alignment::CollectionEvaluation& e, EvaluationErrorBars errors) {
    const std::size_t subjects = e.subjects.size();
    const bool haveCi = std::any_of(e.result.models.begin(), e.result.models.end(),
                                    [](const alignment::ModelScore& s) { return s.ci95.has_value(); });
    if (errors == EvaluationErrorBars::Sem && subjects > 1) {
        return QStringLiteral("error bars: SEM over %1 subjects").arg(subjects);
    }
    if (errors == EvaluationErrorBars::Bootstrap && haveCi) {
        return QStringLiteral("error bars: bootstrap 95 % interval");
    }
    return subjects > 1 ? QString() : QStringLiteral("one subject: no error bars, no test");
}

QString noteOf(const alignment::CollectionEvaluation& e, const EvaluationChartOptions& o) {
    QStringList parts;
    if (e.result.noiseCeiling) {
        parts << QStringLiteral("noise ceiling %1 – %2").arg(number(e.result.noiseCeiling->lower),
                                                              number(e.result.noiseCeiling->upper));
    } else {
        parts << QStringLiteral("no noise ceiling (one subject)");
    }
    if (e.subjects.size() > 1) {
        parts << QStringLiteral("* FDR q < %1 (mean > 0)").arg(o.alpha);
    }
    const QString errors = errorNote(e, o.errors);
    if (!errors.isEmpty()) parts << errors;
    if (o.pairwise) parts << QStringLiteral("brackets: paired t, FDR q < %1").arg(o.alpha);
    return parts.join(QStringLiteral(" · "));
}

std::vector<ChartLegendEntry> legendOf(const EvaluationNames& names, const std::vector<QColor>& colours) {
    std::vector<ChartLegendEntry> legend;
    std::vector<QString> seen;
    for (std::size_t m = 0; m < names.models.size(); ++m) {
        if (std::find(seen.begin(), seen.end(), names.models[m]) != seen.end()) continue;
        seen.push_back(names.models[m]);
        legend.push_back({colours[m], names.models[m]});
    }
    return legend;
}

}  // namespace

QString comparatorTitle(alignment::Comparator comparator) {
    using alignment::Comparator;
    switch (comparator) {
        case Comparator::Spearman: return QStringLiteral("Spearman ρ");
        case Comparator::Pearson: return QStringLiteral("Pearson r");
        case Comparator::KendallTauA: return QStringLiteral("Kendall τa");
        case Comparator::RhoA: return QStringLiteral("Spearman ρa");
        case Comparator::Cosine: return QStringLiteral("cosine");
        case Comparator::CorrCov: return QStringLiteral("whitened Pearson (corr_cov)");
        case Comparator::CosineCov: return QStringLiteral("whitened cosine (cosine_cov)");
    }
    return {};
}

EvaluationNames evaluationNames(const alignment::CollectionEvaluation& e) { return evaluationNames(e.models); }

EvaluationNames evaluationNames(const std::vector<CollectionEntry>& models) {
    EvaluationNames out;
    std::map<std::string, int> uses;
    std::vector<std::string> shortNames;
    for (const CollectionEntry& entry : models) {
        const RepresentationInfo& info = entry.representation->info();
        std::string path = info.path;
        if (!path.empty() && path.front() == '/') path.erase(0, 1);
        shortNames.push_back(path);
        ++uses[path];
    }
    for (std::size_t m = 0; m < models.size(); ++m) {
        const RepresentationInfo& info = models[m].representation->info();
        const bool clash = uses[shortNames[m]] > 1;
        out.names.push_back(text(clash ? fileNameOf(info.file) + ":" + shortNames[m] : shortNames[m]));
        std::string model = info.model.empty() ? "(no model)" : info.model;
        if (clash) model = fileNameOf(info.file) + ":" + model;
        out.models.push_back(text(model));
    }
    return out;
}

std::vector<QColor> evaluationColours(const EvaluationNames& names) {
    std::vector<QString> order;
    std::vector<QColor> colours;
    for (const QString& model : names.models) {
        auto it = std::find(order.begin(), order.end(), model);
        if (it == order.end()) it = order.insert(order.end(), model);
        colours.push_back(categoryColour(static_cast<std::int32_t>(it - order.begin())));
    }
    return colours;
}

QString evaluationSummary(const alignment::CollectionEvaluation& e, std::size_t m) {
    const EvaluationNames names = evaluationNames(e);
    const alignment::ModelScore& s = e.result.models.at(m);
    QStringList lines;
    lines << names.names[m];
    lines << QStringLiteral("mean %1, SEM %2 over %3 subjects").arg(number(s.mean), number(s.sem)).arg(e.subjects.size());
    if (std::isfinite(s.test.t)) {
        lines << QStringLiteral("t = %1, one-sided p = %2, FDR q = %3").arg(number(s.test.t), number(s.test.p), number(s.pFdr));
    }
    if (s.ci95) lines << QStringLiteral("bootstrap 95 % interval [%1, %2]").arg(number(s.ci95->lo), number(s.ci95->hi));
    QStringList values;
    for (std::size_t k = 0; k < s.perSubject.size() && k < 40; ++k) {
        values << QStringLiteral("%1 %2").arg(text(e.subjects.at(k)), number(s.perSubject[k]));
    }
    if (s.perSubject.size() > 40) values << QStringLiteral("… %1 more").arg(s.perSubject.size() - 40);
    lines << QStringLiteral("per subject: ") + values.join(QStringLiteral(", "));
    return lines.join('\n');
}

namespace {

// One model's value as the charts draw it.
struct ModelValue {
    double value = kChartNone;
    double lo = kChartNone;
    double hi = kChartNone;
    std::vector<double> dots;
    QString mark;
    QString tooltip;
};

ChartContent barsOf(const EvaluationNames& names, const std::vector<ModelValue>& values, bool sortByValue) {
    const std::vector<QColor> colours = evaluationColours(names);
    ChartContent c;
    c.kind = ChartKind::Bars;
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (sortByValue) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const double x = values[a].value;
            const double y = values[b].value;
            if (!std::isfinite(x)) return false;
            if (!std::isfinite(y)) return true;
            return x > y;
        });
    }
    for (const std::size_t m : order) {
        ChartItem bar;
        bar.value = values[m].value;
        bar.errLo = values[m].lo;
        bar.errHi = values[m].hi;
        bar.dots = values[m].dots;
        bar.label = names.names[m];
        bar.colour = colours[m];
        bar.mark = values[m].mark;
        bar.tooltip = values[m].tooltip;
        bar.id = static_cast<int>(m);
        c.bars.push_back(std::move(bar));
    }
    c.legend = legendOf(names, colours);
    c.legendTitle = QStringLiteral("model");
    return c;
}

ChartContent profileOf(const std::vector<CollectionEntry>& models, const EvaluationNames& names,
                       const std::vector<ModelValue>& values) {
    const std::vector<QColor> colours = evaluationColours(names);
    ChartContent c;
    c.kind = ChartKind::Lines;
    c.xTitle = QStringLiteral("layer depth (order in the file)");
    std::vector<QString> parts;
    std::vector<std::vector<QString>> layers;
    for (std::size_t m = 0; m < values.size(); ++m) {
        auto it = std::find(parts.begin(), parts.end(), names.models[m]);
        const auto s = static_cast<std::size_t>(it - parts.begin());
        if (it == parts.end()) {
            parts.push_back(names.models[m]);
            c.series.push_back({names.models[m], colours[m], {}});
            layers.emplace_back();
        }
        ChartItem p;
        p.x = static_cast<double>(c.series[s].points.size() + 1);
        p.value = values[m].value;
        p.errLo = values[m].lo;
        p.errHi = values[m].hi;
        p.dots = values[m].dots;
        p.mark = values[m].mark;
        p.tooltip = values[m].tooltip;
        p.id = static_cast<int>(m);
        c.series[s].points.push_back(std::move(p));
        layers[s].push_back(text(models[m].representation->info().layer));
    }
    // Layer names on the axis when every model has the same layers; else depths 1, 2, …
    const bool shared = std::all_of(layers.begin(), layers.end(), [&](const auto& l) { return l == layers.front(); });
    std::size_t depth = 0;
    for (const auto& l : layers) depth = std::max(depth, l.size());
    for (std::size_t k = 0; k < depth; ++k) {
        c.xTicks.emplace_back(static_cast<double>(k + 1),
                              shared && !layers.empty() ? layers.front()[k] : QString::number(k + 1));
    }
    if (shared && !layers.empty()) c.xTitle = QStringLiteral("layer");
    for (const ChartSeries& s : c.series) c.legend.push_back({s.colour, s.name});
    c.legendTitle = QStringLiteral("model");
    return c;
}

std::vector<ModelValue> valuesOf(const alignment::CollectionEvaluation& e, const EvaluationChartOptions& o) {
    std::vector<ModelValue> out;
    for (std::size_t m = 0; m < e.result.models.size(); ++m) {
        const alignment::ModelScore& s = e.result.models[m];
        ModelValue v;
        v.value = s.mean;
        std::tie(v.lo, v.hi) = errorBar(s, o.errors);
        v.dots = s.perSubject;
        v.mark = significant(s.pFdr, o.alpha) ? QStringLiteral("*") : QString();
        v.tooltip = evaluationSummary(e, m);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<ModelValue> valuesOf(const alignment::CollectionTriplets& t, const EvaluationNames& names,
                                 const EvaluationChartOptions& o) {
    std::vector<ModelValue> out;
    for (std::size_t m = 0; m < t.agreement.size(); ++m) {
        ModelValue v;
        v.value = t.agreement[m];
        if (o.errors != EvaluationErrorBars::None && std::isfinite(t.sem[m])) {
            v.lo = t.agreement[m] - t.sem[m];
            v.hi = t.agreement[m] + t.sem[m];
        }
        v.tooltip = QStringLiteral("%1\nagreement %2 (chance 0.333), SEM %3 over %4 triplets")
                        .arg(names.names[m], number(t.agreement[m]), number(t.sem[m]))
                        .arg(t.triplets);
        out.push_back(std::move(v));
    }
    return out;
}

void addTripletParts(ChartContent& c, const alignment::CollectionTriplets& t) {
    c.valueTitle = QStringLiteral("triplet agreement");
    c.rules.push_back({1.0 / 3.0, QStringLiteral("chance")});
    if (t.ceiling) c.band = ChartBand{t.ceiling->value, t.ceiling->value, QStringLiteral("noise ceiling")};
    QStringList parts;
    parts << (t.ceiling ? QStringLiteral("noise ceiling %1 (%2 triplets answered twice or more)")
                              .arg(number(t.ceiling->value))
                              .arg(t.ceiling->repeated)
                        : QStringLiteral("no noise ceiling (no triplet answered twice)"));
    parts << QStringLiteral("error bars: SEM over %1 triplets").arg(t.triplets);
    if (t.dropped > 0) parts << QStringLiteral("%1 triplets name a label the files lack").arg(t.dropped);
    c.note = parts.join(QStringLiteral(" · "));
}

}  // namespace

ChartContent evaluationBars(const alignment::CollectionEvaluation& e, alignment::Comparator comparator,
                            const EvaluationChartOptions& o) {
    const EvaluationNames names = evaluationNames(e);
    ChartContent c = barsOf(names, valuesOf(e, o), o.sortByValue);
    c.valueTitle = comparatorTitle(comparator);
    if (e.result.noiseCeiling) {
        c.band = ChartBand{e.result.noiseCeiling->lower, e.result.noiseCeiling->upper,
                           QStringLiteral("noise ceiling")};
    }
    if (o.pairwise) {
        std::vector<std::size_t> rowOf(c.bars.size());
        for (std::size_t r = 0; r < c.bars.size(); ++r) rowOf[static_cast<std::size_t>(c.bars[r].id)] = r;
        for (const alignment::ModelPair& p : e.result.pairwise) {
            if (significant(p.pFdr, o.alpha)) c.brackets.push_back({rowOf[p.a], rowOf[p.b], {}});
        }
    }
    c.note = noteOf(e, o);
    return c;
}

ChartContent evaluationProfile(const alignment::CollectionEvaluation& e, alignment::Comparator comparator,
                               const EvaluationChartOptions& o) {
    ChartContent c = profileOf(e.models, evaluationNames(e), valuesOf(e, o));
    c.valueTitle = comparatorTitle(comparator);
    if (e.result.noiseCeiling) {
        c.band = ChartBand{e.result.noiseCeiling->lower, e.result.noiseCeiling->upper,
                           QStringLiteral("noise ceiling")};
    }
    c.note = noteOf(e, {o.sortByValue, o.errors, false, o.alpha});
    return c;
}

ChartContent tripletBars(const alignment::CollectionTriplets& t, const EvaluationChartOptions& o) {
    const EvaluationNames names = evaluationNames(t.models);
    ChartContent c = barsOf(names, valuesOf(t, names, o), o.sortByValue);
    addTripletParts(c, t);
    return c;
}

ChartContent tripletProfile(const alignment::CollectionTriplets& t, const EvaluationChartOptions& o) {
    const EvaluationNames names = evaluationNames(t.models);
    ChartContent c = profileOf(t.models, names, valuesOf(t, names, o));
    addTripletParts(c, t);
    return c;
}

}  // namespace repscope::views
