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

void widen(double v, double& lo, double& hi) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
}

void widenItem(const ChartItem& item, double& lo, double& hi) {
    widen(item.value, lo, hi);
    widen(item.errLo, lo, hi);
    widen(item.errHi, lo, hi);
    for (const double d : item.dots) widen(d, lo, hi);
}

// The value axis: everything drawn, bars from 0, padded a little.
std::pair<double, double> valueRange(const ChartContent& c) {
    if (c.valueRange && c.valueRange->second > c.valueRange->first) return *c.valueRange;
    double lo = c.kind == ChartKind::Bars ? 0.0 : std::numeric_limits<double>::infinity();
    double hi = c.kind == ChartKind::Bars ? 0.0 : -std::numeric_limits<double>::infinity();
    for (const ChartItem& b : c.bars) widenItem(b, lo, hi);
    for (const ChartSeries& s : c.series) {
        for (const ChartItem& p : s.points) widenItem(p, lo, hi);
    }
    if (c.band) {
        widen(c.band->lo, lo, hi);
        widen(c.band->hi, lo, hi);
    }
    for (const ChartRule& r : c.rules) widen(r.value, lo, hi);
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
        for (const ChartItem& p : s.points) widen(p.x, lo, hi);
    }
    for (const auto& [x, text] : c.xTicks) widen(x, lo, hi);
    if (!(hi > lo)) {
        const double mid = std::isfinite(lo) ? lo : 0.0;
        return {mid - 1.0, mid + 1.0};
    }
    const double pad = 0.04 * (hi - lo);
    return {lo - pad, hi + pad};
}

}  // namespace

double ChartGeometry::valuePixel(ChartKind kind, double v) const {
    const double t = (v - valueLo) / (valueHi - valueLo);
    return kind == ChartKind::Bars ? plot.left() + t * plot.width() : plot.bottom() - t * plot.height();
}

double ChartGeometry::xPixel(double x) const {
    return plot.left() + (x - xLo) / (xHi - xLo) * plot.width();
}

namespace detail {

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
        const double zero = g.valuePixel(c.kind, std::clamp(0.0, g.valueLo, g.valueHi));
        for (std::size_t k = 0; k < c.bars.size(); ++k) {
            const double centre = g.plot.top() + (static_cast<double>(k) + 0.5) * g.rowHeight;
            const double v = c.bars[k].value;
            if (!std::isfinite(v)) {
                g.bars.emplace_back(zero, centre - thickness / 2, 0.0, thickness);
                continue;
            }
            const double end = g.valuePixel(c.kind, v);
            g.bars.emplace_back(std::min(zero, end), centre - thickness / 2, std::abs(end - zero), thickness);
        }
        if (c.band) {
            const double a = g.valuePixel(c.kind, c.band->lo);
            const double b = g.valuePixel(c.kind, c.band->hi);
            g.band = QRectF(std::min(a, b), g.plot.top(), std::max(std::abs(b - a), 1.0), g.plot.height());
        }
    } else {
        double tickWidth = 0.0;
        for (const double t : detail::niceTicks(g.valueLo, g.valueHi, 5)) {
            tickWidth = std::max(tickWidth, ticks.horizontalAdvance(detail::tickText(t, 0.01)));
        }
        const double left = std::ceil(tickWidth) + 8.0 + (c.valueTitle.isEmpty() ? 0.0 : tickHeight + 6.0);
        const double xAxis = tickHeight + 6.0 + (c.xTitle.isEmpty() ? 0.0 : tickHeight + 4.0);
        g.plot = QRectF(area.left() + left, top, std::max(10.0, area.width() - left - 12.0),
                        std::max(10.0, bottom - xAxis - top));
        std::tie(g.xLo, g.xHi) = xRange(c);
        for (const ChartSeries& s : c.series) {
            std::vector<QPointF> pts;
            for (const ChartItem& p : s.points) {
                pts.emplace_back(g.xPixel(p.x), std::isfinite(p.value) ? g.valuePixel(c.kind, p.value)
                                                                      : kChartNone);
            }
            g.points.push_back(std::move(pts));
        }
        if (c.band) {
            const double a = g.valuePixel(c.kind, c.band->lo);
            const double b = g.valuePixel(c.kind, c.band->hi);
            g.band = QRectF(g.plot.left(), std::min(a, b), g.plot.width(), std::max(std::abs(b - a), 1.0));
        }
    }
    // Legend and note follow the axis (a short bar chart leaves no gap above them).
    const double axisBelow = c.kind == ChartKind::Bars
                                 ? axisHeight
                                 : tickHeight + 6.0 + (c.xTitle.isEmpty() ? 0.0 : tickHeight + 4.0);
    g.below = g.plot.bottom() + axisBelow + 4.0;
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
