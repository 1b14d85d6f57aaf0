// Where a chart's parts go (chart.h): margins for labels, axes, legend and note, the value
// range, each bar's rectangle and each point's position; and what lies under a position.
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

#include "chart_parts.h"
#include "figure_parts.h"
#include "repscope/views/chart.h"

namespace repscope::views {

namespace {

// Widens [lo, hi] by v; on a log axis (positive) only by what it can show.
void widen(double v, double& lo, double& hi, bool positive = false) {
    if (!std::isfinite(v) || (positive && v <= 0.0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
}

void widenItem(const ChartItem& item, double& lo, double& hi, bool positive) {
    widen(item.value, lo, hi, positive);
    widen(item.errLo, lo, hi, positive);
    widen(item.errHi, lo, hi, positive);
    for (const double d : item.dots) widen(d, lo, hi, positive);
}

// The value axis: everything drawn, bars from 0, padded a little.
std::pair<double, double> valueRange(const ChartContent& c) {
    if (c.valueRange && c.valueRange->second > c.valueRange->first) return *c.valueRange;
    const bool positive = c.logValue;
    const bool fromZero = c.kind == ChartKind::Bars && !c.logValue;
    double lo = fromZero ? 0.0 : std::numeric_limits<double>::infinity();
    double hi = fromZero ? 0.0 : -std::numeric_limits<double>::infinity();
    for (const ChartItem& b : c.bars) widenItem(b, lo, hi, positive);
    for (const ChartSeries& s : c.series) {
        for (const ChartItem& p : s.points) widenItem(p, lo, hi, positive);
    }
    if (c.band) {
        widen(c.band->lo, lo, hi, positive);
        widen(c.band->hi, lo, hi, positive);
    }
    for (const ChartRule& r : c.rules) widen(r.value, lo, hi, positive);
    if (c.logValue) {
        // Whole decades around the values.
        if (!std::isfinite(lo)) return {0.1, 1.0};
        const double a = std::pow(10.0, std::floor(std::log10(lo)));
        double b = std::pow(10.0, std::ceil(std::log10(hi)));
        if (b <= a) b = a * 10.0;
        return {a, b};
    }
    if (!(hi > lo)) {
        const double mid = std::isfinite(lo) ? lo : 0.0;
        return {mid - 0.5, mid + 0.5};
    }
    const double pad = 0.05 * (hi - lo);
    return {lo == 0.0 ? 0.0 : lo - pad, hi == 0.0 ? 0.0 : hi + pad};
}

std::pair<double, double> xRange(const ChartContent& c) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const ChartSeries& s : c.series) {
        for (const ChartItem& p : s.points) widen(p.x, lo, hi, c.logX);
    }
    for (const auto& [x, text] : c.xTicks) widen(x, lo, hi, c.logX);
    if (c.logX) {
        if (!std::isfinite(lo)) return {1.0, 2.0};
        // Half an octave of room on each side.
        return {lo / std::sqrt(2.0), (hi > lo ? hi : lo * 2.0) * std::sqrt(2.0)};
    }
    if (!(hi > lo)) {
        const double mid = std::isfinite(lo) ? lo : 0.0;
        return {mid - 1.0, mid + 1.0};
    }
    const double pad = 0.04 * (hi - lo);
    return {lo - pad, hi + pad};
}

}  // namespace

double ChartGeometry::valuePixel(ChartKind kind, double v) const {
    if (logValue && !(v > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    const double t = logValue ? std::log10(v / valueLo) / std::log10(valueHi / valueLo)
                              : (v - valueLo) / (valueHi - valueLo);
    return kind == ChartKind::Bars ? plot.left() + t * plot.width() : plot.bottom() - t * plot.height();
}

double ChartGeometry::xPixel(double x) const {
    if (logX) {
        if (!(x > 0.0)) return std::numeric_limits<double>::quiet_NaN();
        return plot.left() + std::log2(x / xLo) / std::log2(xHi / xLo) * plot.width();
    }
    return plot.left() + (x - xLo) / (xHi - xLo) * plot.width();
}

namespace detail {

std::vector<double> chartValueTicks(const ChartGeometry& g, int count) {
    if (!g.logValue) return niceTicks(g.valueLo, g.valueHi, count);
    std::vector<double> t;
    const int a = static_cast<int>(std::floor(std::log10(g.valueLo) + 1e-9));
    const int b = static_cast<int>(std::ceil(std::log10(g.valueHi) - 1e-9));
    const int step = std::max(1, (b - a + count - 1) / std::max(count, 1));
    for (int e = a; e <= b; e += step) t.push_back(std::pow(10.0, e));
    return t;
}

QString chartTickText(const ChartGeometry& g, double v) {
    if (g.logValue) return QString::number(v, 'g', 3);
    const std::vector<double> t = niceTicks(g.valueLo, g.valueHi, 5);
    return tickText(v, t.size() >= 2 ? t[1] - t[0] : 0.01);
}

double legendHeight(const ChartContent& c, double width) {
    if (c.legend.empty()) return 0.0;
    return static_cast<double>(legendLines(c, width).size()) * kChartLegendLine + 4.0;
}

std::vector<std::vector<std::size_t>> legendLines(const ChartContent& c, double width) {
    const QFontMetricsF m(figureFont(kTickPixels));
    std::vector<std::vector<std::size_t>> lines(1);
    double x = c.legendTitle.isEmpty() ? 0.0 : m.horizontalAdvance(c.legendTitle) + 8.0;
    for (std::size_t k = 0; k < c.legend.size(); ++k) {
        const double w = kChartSwatch + 4.0 + std::min(m.horizontalAdvance(c.legend[k].text), width / 2) + 12.0;
        if (x + w > width && !lines.back().empty()) {
            lines.emplace_back();
            x = 0.0;
        }
        lines.back().push_back(k);
        x += w;
    }
    return lines;
}

std::vector<int> bracketLevels(const ChartContent& c) {
    // Greedy interval packing: a bracket takes the first level whose brackets it does not overlap.
    std::vector<int> level(c.brackets.size(), 0);
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> used;
    for (std::size_t k = 0; k < c.brackets.size(); ++k) {
        const std::size_t lo = std::min(c.brackets[k].a, c.brackets[k].b);
        const std::size_t hi = std::max(c.brackets[k].a, c.brackets[k].b);
        std::size_t l = 0;
        for (; l < used.size(); ++l) {
            const bool clash = std::any_of(used[l].begin(), used[l].end(), [&](const auto& iv) {
                return !(hi < iv.first || lo > iv.second);
            });
            if (!clash) break;
        }
        if (l == used.size()) used.emplace_back();
        used[l].push_back({lo, hi});
        level[k] = static_cast<int>(l);
    }
    return level;
}

}  // namespace detail

ChartGeometry layoutChart(const ChartContent& c, const QRectF& area) {
    ChartGeometry g;
    g.logValue = c.logValue;
    g.logX = c.logX;
    const QFontMetricsF ticks(detail::figureFont(detail::kTickPixels));
    const double tickHeight = ticks.height();
    const double noteHeight = c.note.isEmpty() ? 0.0
                              : ticks.horizontalAdvance(c.note) > area.width() ? 2.0 * tickHeight + 4.0
                                                                                : tickHeight + 4.0;
    const double legendHeight = detail::legendHeight(c, area.width());
    const double axisHeight = tickHeight + 6.0 + (c.valueTitle.isEmpty() ? 0.0 : tickHeight + 4.0);
    const double top = area.top() + tickHeight + 6.0;  // band and rule labels above the plot
    const double bottom = area.bottom() - noteHeight - legendHeight;
    std::tie(g.valueLo, g.valueHi) = valueRange(c);

    if (c.kind == ChartKind::Bars) {
        double labels = 0.0;
        for (const ChartItem& b : c.bars) labels = std::max(labels, ticks.horizontalAdvance(b.label));
        labels = std::min(std::ceil(labels) + 8.0, 0.38 * area.width());
        const std::vector<int> levelOf = detail::bracketLevels(c);
        const int levels = levelOf.empty() ? 0 : *std::max_element(levelOf.begin(), levelOf.end()) + 1;
        const double right = detail::kChartMarkWidth + std::min(levels, 12) * detail::kChartBracketStep + 4.0;
        const double height = std::max(0.0, bottom - axisHeight - top);
        const double rows = std::max<double>(1.0, static_cast<double>(c.bars.size()));
        g.rowHeight = std::min(height / rows, detail::kChartMaxRow);
        g.plot = QRectF(area.left() + labels, top, std::max(10.0, area.width() - labels - right),
                        g.rowHeight * rows);
        g.rowLabels = g.rowHeight >= detail::kChartMinLabelRow;
        const double thickness = std::min(0.72 * g.rowHeight, detail::kChartMaxBar);
        const double zero = g.valuePixel(c.kind, c.logValue ? g.valueLo : std::clamp(0.0, g.valueLo, g.valueHi));
        for (std::size_t k = 0; k < c.bars.size(); ++k) {
            const double centre = g.plot.top() + (static_cast<double>(k) + 0.5) * g.rowHeight;
            const double v = c.bars[k].value;
            if (!std::isfinite(v) || !std::isfinite(g.valuePixel(c.kind, v))) {
                g.bars.emplace_back(zero, centre - thickness / 2, 0.0, thickness);
                continue;
            }
            const double end = g.valuePixel(c.kind, v);
            g.bars.emplace_back(std::min(zero, end), centre - thickness / 2, std::abs(end - zero), thickness);
        }
        if (c.band) {
            const double a = g.valuePixel(c.kind, c.band->lo);
            const double b = g.valuePixel(c.kind, c.band->hi);
            if (std::isfinite(a) && std::isfinite(b)) {
                g.band = QRectF(std::min(a, b), g.plot.top(), std::max(std::abs(b - a), 1.0), g.plot.height());
            }
        }
    } else {
        double tickWidth = 0.0;
        for (const double t : detail::chartValueTicks(g, 5)) {
            tickWidth = std::max(tickWidth, ticks.horizontalAdvance(detail::chartTickText(g, t)));
        }
        const double left = std::ceil(tickWidth) + 8.0 + (c.valueTitle.isEmpty() ? 0.0 : tickHeight + 6.0);
        const double xAxis = tickHeight + 6.0 + (c.xTitle.isEmpty() ? 0.0 : tickHeight + 4.0);
        g.plot = QRectF(area.left() + left, top, std::max(10.0, area.width() - left - 12.0),
                        std::max(10.0, bottom - xAxis - top));
        std::tie(g.xLo, g.xHi) = xRange(c);
        for (const ChartSeries& s : c.series) {
            std::vector<QPointF> pts;
            for (const ChartItem& p : s.points) {
                const double x = g.xPixel(p.x);
                pts.emplace_back(std::isfinite(x) ? x : kChartNone,
                                 std::isfinite(p.value) && std::isfinite(x) ? g.valuePixel(c.kind, p.value) : kChartNone);
            }
            g.points.push_back(std::move(pts));
        }
        if (c.band) {
            const double a = g.valuePixel(c.kind, c.band->lo);
            const double b = g.valuePixel(c.kind, c.band->hi);
            if (std::isfinite(a) && std::isfinite(b)) {
                g.band = QRectF(g.plot.left(), std::min(a, b), g.plot.width(), std::max(std::abs(b - a), 1.0));
            }
        }
    }
    // Legend and note follow the axis (a short bar chart leaves no gap above them).
    const double axisBelow = c.kind == ChartKind::Bars
                                 ? axisHeight
                                 : tickHeight + 6.0 + (c.xTitle.isEmpty() ? 0.0 : tickHeight + 4.0);
    // A 4 px gap when the area has it; never pushing the legend and note out of the area.
    g.below = std::max(g.plot.bottom() + axisBelow, std::min(g.plot.bottom() + axisBelow + 4.0, bottom));
    if (!c.legend.empty()) {
        g.legend = QRectF(area.left(), g.below, area.width(), legendHeight);
    }
    return g;
}

std::optional<ChartHit> hitTestChart(const ChartContent& c, const ChartGeometry& g, QPointF at) {
    if (c.kind == ChartKind::Bars) {
        if (g.rowHeight <= 0.0 || at.y() < g.plot.top() || at.y() >= g.plot.bottom()) return std::nullopt;
        if (at.x() < g.plot.left() - 0.38 * g.plot.width() - 400.0 || at.x() > g.plot.right() + 40.0) {
            return std::nullopt;
        }
        const auto row = static_cast<std::size_t>((at.y() - g.plot.top()) / g.rowHeight);
        if (row >= c.bars.size()) return std::nullopt;
        return ChartHit{0, row};
    }
    std::optional<ChartHit> best;
    double bestDistance = detail::kChartPickRadius * detail::kChartPickRadius;
    for (std::size_t s = 0; s < g.points.size(); ++s) {
        for (std::size_t k = 0; k < g.points[s].size(); ++k) {
            const QPointF p = g.points[s][k];
            if (!std::isfinite(p.y())) continue;
            const double d = (p.x() - at.x()) * (p.x() - at.x()) + (p.y() - at.y()) * (p.y() - at.y());
            if (d <= bestDistance) {
                bestDistance = d;
                best = ChartHit{s, k};
            }
        }
    }
    return best;
}

}  // namespace repscope::views
