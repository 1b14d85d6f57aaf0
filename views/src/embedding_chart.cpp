#include "repscope/views/embedding_chart.h"

#include <algorithm>

#include "repscope/text.h"

namespace repscope::views {

namespace {

constexpr std::size_t kSpectrumComponents = 50;

QColor lighter(const QColor& c) { return QColor::fromHsv(c.hue(), c.saturation() / 2, std::min(255, c.value() + 40)); }

QString number(double v) { return QString::number(v, 'g', 4); }

}  // namespace

ChartContent prefixChart(const std::vector<Named<embedding_checks::PrefixCurve>>& curves, const QString& metric) {
    ChartContent c;
    c.kind = ChartKind::Lines;
    c.logX = true;
    c.valueTitle = metric + QStringLiteral(" of X[:, :d] with X; top-1");
    c.xTitle = QStringLiteral("prefix size d (log2)");
    std::vector<double> dims;
    for (const auto& [name, colour, curve] : curves) {
        ChartSeries values{QStringLiteral("%1 %2").arg(name, metric), colour, {}};
        ChartSeries top1{QStringLiteral("%1 top-1").arg(name), lighter(colour), {}};
        for (std::size_t k = 0; k < curve.dims.size(); ++k) {
            const int d = curve.dims[k];
            dims.push_back(d);
            ChartItem p;
            p.x = d;
            p.value = curve.value[k];
            p.tooltip = QStringLiteral("%1, d = %2\n%3 = %4").arg(name).arg(d).arg(metric, number(curve.value[k]));
            p.id = d;
            if (k < curve.top1.size()) {
                p.tooltip += QStringLiteral("\ntop-1 = %1").arg(number(curve.top1[k]));
                ChartItem t = p;
                t.value = curve.top1[k];
                top1.points.push_back(t);
            }
            values.points.push_back(p);
        }
        c.series.push_back(std::move(values));
        if (!top1.points.empty()) c.series.push_back(std::move(top1));
    }
    std::sort(dims.begin(), dims.end());
    dims.erase(std::unique(dims.begin(), dims.end()), dims.end());
    for (const double d : dims) c.xTicks.emplace_back(d, QString::number(d));
    for (const ChartSeries& s : c.series) c.legend.push_back({s.colour, s.name});
    c.note = QStringLiteral("Click a point to show that prefix of focus A in the RDM view.");
    return c;
}

ChartContent spectrumChart(const std::vector<Named<embedding_checks::Spectrum>>& spectra) {
    ChartContent c;
    c.kind = ChartKind::Lines;
    c.logX = true;
    c.logValue = true;
    c.valueTitle = QStringLiteral("explained variance ratio");
    c.xTitle = QStringLiteral("component");
    QStringList ratios;
    for (const auto& [name, colour, s] : spectra) {
        ChartSeries series{name, colour, {}};
        for (std::size_t k = 0; k < std::min(s.explained.size(), kSpectrumComponents); ++k) {
            ChartItem p;
            p.x = static_cast<double>(k + 1);
            p.value = s.explained[k];
            p.tooltip = QStringLiteral("%1: component %2 explains %3 of the variance").arg(name).arg(k + 1).arg(number(s.explained[k]));
            series.points.push_back(p);
        }
        c.series.push_back(std::move(series));
        ratios << QStringLiteral("%1: participation ratio %2 of %3 dimensions").arg(name, number(s.participationRatio)).arg(s.d);
    }
    for (const ChartSeries& s : c.series) c.legend.push_back({s.colour, s.name});
    c.note = ratios.join(QStringLiteral(" · "));
    return c;
}

ChartContent categoryShareChart(const std::vector<Named<embedding_checks::Spectrum>>& spectra) {
    ChartContent c;
    c.kind = ChartKind::Bars;
    c.valueTitle = QStringLiteral("R² (between-category share of variance)");
    c.valueRange = std::pair{0.0, 1.0};
    for (const auto& [name, colour, s] : spectra) {
        for (const embedding_checks::CategoryShare& share : s.categories) {
            ChartItem b;
            b.value = share.r2;
            b.label = QStringLiteral("%1: %2").arg(name, QString::fromStdString(printable(share.column)));
            b.colour = colour;
            b.tooltip = QStringLiteral("%1\n%2 categories, R² = %3")
                            .arg(b.label)
                            .arg(share.categories)
                            .arg(number(share.r2));
            c.bars.push_back(b);
        }
        c.legend.push_back({colour, name});
    }
    if (c.bars.empty()) c.note = QStringLiteral("No categorical column: no R².");
    return c;
}

}  // namespace repscope::views
