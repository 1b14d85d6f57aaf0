// Painting a chart (chart.h) from its layout: band and rules behind, grid and axes, bars or
// lines with error bars and marks, brackets, labels, legend and note. Text is QPainter text, so
// SVG and PDF keep it as text.
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "chart_parts.h"
#include "figure_parts.h"
#include "repscope/views/chart.h"

namespace repscope::views {

namespace {

const QColor kBandColour{150, 150, 150, 70};
const QColor kGridColour{225, 225, 225};
const QColor kErrorColour{40, 40, 40};

QPen pen(const QColor& colour, double width, Qt::PenStyle style = Qt::SolidLine) {
    QPen p(colour, width, style);
    p.setCapStyle(Qt::FlatCap);
    return p;
}


void paintBand(QPainter& p, const ChartContent& c, const ChartGeometry& g) {
    if (!c.band || g.band.isEmpty()) return;
    const bool thin = c.kind == ChartKind::Bars ? g.band.width() <= 1.5 : g.band.height() <= 1.5;
    if (!thin) {
        p.fillRect(g.band, kBandColour);
        return;
    }
    // A band of one value (a ceiling without bounds) is a solid grey line.
    p.setPen(pen(QColor(150, 150, 150), 2.5));
    if (c.kind == ChartKind::Bars) {
        p.drawLine(QPointF(g.band.center().x(), g.plot.top()), QPointF(g.band.center().x(), g.plot.bottom()));
    } else {
        p.drawLine(QPointF(g.plot.left(), g.band.center().y()), QPointF(g.plot.right(), g.band.center().y()));
    }
}

// Labels of the band and the rules, and the rules: drawn over the grid.
void paintBandAndRules(QPainter& p, const ChartContent& c, const ChartGeometry& g) {
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    p.setFont(detail::figureFont(detail::kTickPixels));
    if (c.band && !g.band.isEmpty()) {
        p.setPen(detail::kMutedColour);
        if (c.kind == ChartKind::Bars) {
            const double w = m.horizontalAdvance(c.band->label);
            const double x = std::clamp(g.band.center().x() - w / 2, g.plot.left(), g.plot.right() - w);
            p.drawText(QPointF(x, g.plot.top() - 4.0), c.band->label);
        } else {
            p.drawText(QPointF(g.plot.right() - m.horizontalAdvance(c.band->label) - 4.0,
                               g.band.top() - 3.0), c.band->label);
        }
    }
    for (const ChartRule& r : c.rules) {
        if (r.value < g.valueLo || r.value > g.valueHi) continue;
        const double v = g.valuePixel(c.kind, r.value);
        if (!std::isfinite(v)) continue;
        p.setPen(pen(detail::kTextColour, 1.0, Qt::DashLine));
        if (c.kind == ChartKind::Bars) {
            p.drawLine(QPointF(v, g.plot.top()), QPointF(v, g.plot.bottom()));
            // Rule labels sit at the foot of their line, band labels above the plot: they never
            // collide with each other.
            p.setPen(detail::kTextColour);
            p.drawText(QPointF(std::min(v + 3.0, g.plot.right() - m.horizontalAdvance(r.label)),
                               g.plot.bottom() - 4.0), r.label);
        } else {
            p.drawLine(QPointF(g.plot.left(), v), QPointF(g.plot.right(), v));
            p.setPen(detail::kTextColour);
            p.drawText(QPointF(g.plot.left() + 4.0, v - 3.0), r.label);
        }
    }
}

void paintValueAxis(QPainter& p, const ChartContent& c, const ChartGeometry& g, const QRectF& area) {
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    p.setFont(detail::figureFont(detail::kTickPixels));
    const std::vector<double> ticks = detail::chartValueTicks(g, c.kind == ChartKind::Bars ? 6 : 5);
    for (const double t : ticks) {
        const double v = g.valuePixel(c.kind, t);
        const QString text = detail::chartTickText(g, t);
        if (c.kind == ChartKind::Bars) {
            p.setPen(pen(kGridColour, 1.0));
            p.drawLine(QPointF(v, g.plot.top()), QPointF(v, g.plot.bottom()));
            p.setPen(pen(detail::kFrameColour, 1.0));
            p.drawLine(QPointF(v, g.plot.bottom()), QPointF(v, g.plot.bottom() + 4.0));
            p.setPen(detail::kTextColour);
            p.drawText(QPointF(v - m.horizontalAdvance(text) / 2, g.plot.bottom() + 5.0 + m.ascent()), text);
        } else {
            p.setPen(pen(kGridColour, 1.0));
            p.drawLine(QPointF(g.plot.left(), v), QPointF(g.plot.right(), v));
            p.setPen(pen(detail::kFrameColour, 1.0));
            p.drawLine(QPointF(g.plot.left() - 4.0, v), QPointF(g.plot.left(), v));
            p.setPen(detail::kTextColour);
            p.drawText(QPointF(g.plot.left() - 6.0 - m.horizontalAdvance(text), v + m.ascent() / 2 - 1), text);
        }
    }
    p.setPen(pen(detail::kFrameColour, 1.0));
    if (c.kind == ChartKind::Bars) {
        p.drawLine(g.plot.bottomLeft(), g.plot.bottomRight());
        if (!g.logValue && g.valueLo < 0.0 && g.valueHi > 0.0) {
            const double z = g.valuePixel(c.kind, 0.0);
            p.drawLine(QPointF(z, g.plot.top()), QPointF(z, g.plot.bottom()));
        }
        if (!c.valueTitle.isEmpty()) {
            p.setPen(detail::kTextColour);
            const double y = g.plot.bottom() + 8.0 + m.height() + m.ascent();
            p.drawText(QPointF(g.plot.center().x() - m.horizontalAdvance(c.valueTitle) / 2, y), c.valueTitle);
        }
    } else {
        p.drawLine(g.plot.bottomLeft(), g.plot.topLeft());
        p.drawLine(g.plot.bottomLeft(), g.plot.bottomRight());
        if (!c.valueTitle.isEmpty()) {
            p.save();
            p.setPen(detail::kTextColour);
            const double x = g.plot.left() - m.height();
            double left = g.plot.left();
            for (const double t : ticks) {
                left = std::min(left, g.plot.left() - 6.0 - m.horizontalAdvance(detail::chartTickText(g, t)));
            }
            // Centred on the plot, inside the chart's area: a title taller than a short chart is
            // elided with "…" instead of running off its top and bottom edges.
            // Above the legend and the note, which run under the axis.
            const double bottom = (g.below > g.plot.bottom() ? std::min(g.below, area.bottom()) : area.bottom()) - 2.0;
            const QString title = m.elidedText(c.valueTitle, Qt::ElideRight, std::max(0.0, bottom - area.top() - 2.0));
            const double length = m.horizontalAdvance(title);
            const double end = std::max(area.top() + 2.0 + length, std::min(bottom, g.plot.center().y() + length / 2));
            p.translate(std::min(x, left - 4.0), end);
            p.rotate(-90.0);
            p.drawText(QPointF(0, 0), title);
            p.restore();
        }
    }
}

void paintXAxis(QPainter& p, const ChartContent& c, const ChartGeometry& g, const QRectF& area) {
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    p.setFont(detail::figureFont(detail::kTickPixels));
    std::vector<std::pair<double, QString>> ticks = c.xTicks;
    if (ticks.empty() && g.logX) {
        for (double x = std::pow(2.0, std::ceil(std::log2(g.xLo))); x <= g.xHi; x *= 2.0) {
            ticks.emplace_back(x, QString::number(x, 'g', 6));
        }
    } else if (ticks.empty()) {
        const std::vector<double> t = detail::niceTicks(g.xLo, g.xHi, 6);
        const double step = t.size() >= 2 ? t[1] - t[0] : 1.0;
        for (const double x : t) ticks.emplace_back(x, detail::tickText(x, step));
    }
    double lastRight = -1e9;
    for (const auto& [x, text] : ticks) {
        const double px = g.xPixel(x);
        if (!std::isfinite(px)) continue;
        p.setPen(pen(detail::kFrameColour, 1.0));
        p.drawLine(QPointF(px, g.plot.bottom()), QPointF(px, g.plot.bottom() + 4.0));
        // Centred under its tick, but shifted (or elided) to stay inside the chart: the last
        // layer's name under the right edge was cut off.
        const QString shown = m.elidedText(text, Qt::ElideRight, std::max(0.0, area.width() - 2.0));
        const double w = m.horizontalAdvance(shown);
        const double left = std::max(area.left() + 1.0, std::min(px - w / 2, area.right() - 1.0 - w));
        if (left < lastRight + 4.0) continue;  // would overlap the previous label
        p.setPen(detail::kTextColour);
        p.drawText(QPointF(left, g.plot.bottom() + 5.0 + m.ascent()), shown);
        lastRight = left + w;
    }
    if (!c.xTitle.isEmpty()) {
        p.setPen(detail::kTextColour);
        p.drawText(QPointF(g.plot.center().x() - m.horizontalAdvance(c.xTitle) / 2,
                           g.plot.bottom() + 8.0 + m.height() + m.ascent()), c.xTitle);
    }
}

void paintErrorBar(QPainter& p, ChartKind kind, const ChartGeometry& g, const ChartItem& item,
                   QPointF centre, double cap) {
    if (!std::isfinite(item.errLo) || !std::isfinite(item.errHi)) return;
    const double a = g.valuePixel(kind, item.errLo);
    const double b = g.valuePixel(kind, item.errHi);
    if (!std::isfinite(a) || !std::isfinite(b)) return;
    p.setPen(pen(kErrorColour, 1.2));
    if (kind == ChartKind::Bars) {
        p.drawLine(QPointF(a, centre.y()), QPointF(b, centre.y()));
        p.drawLine(QPointF(a, centre.y() - cap), QPointF(a, centre.y() + cap));
        p.drawLine(QPointF(b, centre.y() - cap), QPointF(b, centre.y() + cap));
    } else {
        p.drawLine(QPointF(centre.x(), a), QPointF(centre.x(), b));
        p.drawLine(QPointF(centre.x() - cap, a), QPointF(centre.x() + cap, a));
        p.drawLine(QPointF(centre.x() - cap, b), QPointF(centre.x() + cap, b));
    }
}

// Per-subject dots of an item, spread across the bar (or around the point) so they do not stack.
void paintDots(QPainter& p, ChartKind kind, const ChartGeometry& g, const ChartItem& item,
               QPointF centre, double spread) {
    p.setPen(pen(QColor(20, 20, 20), 0.8));
    p.setBrush(QColor(255, 255, 255, 220));
    const std::size_t n = item.dots.size();
    for (std::size_t k = 0; k < n; ++k) {
        if (!std::isfinite(item.dots[k])) continue;
        const double offset = n > 1 ? (static_cast<double>(k) / static_cast<double>(n - 1) - 0.5) * spread : 0.0;
        const double v = g.valuePixel(kind, item.dots[k]);
        if (!std::isfinite(v)) continue;
        const QPointF at = kind == ChartKind::Bars ? QPointF(v, centre.y() + offset) : QPointF(centre.x() + offset, v);
        p.drawEllipse(at, 2.6, 2.6);
    }
    p.setBrush(Qt::NoBrush);
}

void paintBars(QPainter& p, const ChartContent& c, const ChartGeometry& g, const QRectF& area,
               std::optional<ChartHit> highlight) {
    const double labelPixels = std::clamp(std::floor(g.rowHeight * 0.8), 8.0, static_cast<double>(detail::kTickPixels));
    const QFont labelFont = detail::figureFont(static_cast<int>(labelPixels));
    const QFontMetricsF lm(labelFont);
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    for (std::size_t k = 0; k < c.bars.size(); ++k) {
        const ChartItem& b = c.bars[k];
        const QRectF r = g.bars[k];
        const QPointF centre(r.right(), r.center().y());
        const bool lit = highlight && highlight->index == k;
        if (std::isfinite(b.value)) {
            p.fillRect(r, b.colour);
            if (lit) {
                p.setPen(pen(QColor(0, 0, 0), 2.0));
                p.drawRect(r);
            }
        } else {
            p.setPen(detail::kMutedColour);
            p.setFont(labelFont);
            p.drawText(QPointF(r.left() + 3.0, r.center().y() + lm.ascent() / 2 - 1), QStringLiteral("undefined"));
        }
        paintErrorBar(p, ChartKind::Bars, g, b, centre, std::min(r.height() / 2, 4.0));
        if (lit) paintDots(p, ChartKind::Bars, g, b, centre, r.height() * 0.7);
        if (!b.mark.isEmpty() && std::isfinite(b.value)) {
            double end = std::max(r.right(), std::isfinite(b.errHi) ? g.valuePixel(ChartKind::Bars, b.errHi) : r.right());
            if (b.value < 0) end = std::max(g.valuePixel(ChartKind::Bars, 0.0), end);
            p.setPen(detail::kTextColour);
            p.setFont(detail::figureFont(detail::kTickPixels, true));
            p.drawText(QPointF(end + 3.0, r.center().y() + m.ascent() / 2 - 1), b.mark);
        }
        if (g.rowLabels) {
            p.setFont(labelFont);
            p.setPen(lit ? QColor(0, 0, 0) : detail::kTextColour);
            if (lit) p.setFont(detail::figureFont(static_cast<int>(labelPixels), true));
            const double width = g.plot.left() - area.left() - 6.0;
            const QString text = lm.elidedText(b.label, Qt::ElideMiddle, std::max(0.0, width));
            p.drawText(QPointF(g.plot.left() - 6.0 - lm.horizontalAdvance(text),
                               r.center().y() + lm.ascent() / 2 - 1), text);
        }
    }
    // Brackets between bars, beside the marks column.
    const std::vector<int> level = detail::bracketLevels(c);
    p.setPen(pen(detail::kTextColour, 1.0));
    for (std::size_t k = 0; k < c.brackets.size(); ++k) {
        const ChartBracket& br = c.brackets[k];
        if (br.a >= g.bars.size() || br.b >= g.bars.size() || level[k] >= 12) continue;
        const double x = g.plot.right() + detail::kChartMarkWidth + level[k] * detail::kChartBracketStep;
        const double ya = g.bars[br.a].center().y();
        const double yb = g.bars[br.b].center().y();
        p.drawLine(QPointF(x, ya), QPointF(x, yb));
        p.drawLine(QPointF(x - 3.0, ya), QPointF(x, ya));
        p.drawLine(QPointF(x - 3.0, yb), QPointF(x, yb));
    }
}

void paintLines(QPainter& p, const ChartContent& c, const ChartGeometry& g, std::optional<ChartHit> highlight) {
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    for (std::size_t s = 0; s < c.series.size(); ++s) {
        const ChartSeries& series = c.series[s];
        const std::vector<QPointF>& pts = g.points[s];
        QPainterPath path;
        bool open = false;
        for (const QPointF& q : pts) {
            if (!std::isfinite(q.y())) {
                open = false;
                continue;
            }
            if (open) {
                path.lineTo(q);
            } else {
                path.moveTo(q);
                open = true;
            }
        }
        p.setPen(pen(series.colour, 2.0));
        p.drawPath(path);
        for (std::size_t k = 0; k < pts.size(); ++k) {
            if (!std::isfinite(pts[k].y())) continue;
            const ChartItem& item = series.points[k];
            paintErrorBar(p, ChartKind::Lines, g, item, pts[k], 3.0);
            const bool lit = highlight && highlight->series == s && highlight->index == k;
            p.setPen(pen(lit ? QColor(0, 0, 0) : series.colour.darker(130), lit ? 2.0 : 1.0));
            p.setBrush(series.colour);
            p.drawEllipse(pts[k], lit ? 5.0 : 3.5, lit ? 5.0 : 3.5);
            p.setBrush(Qt::NoBrush);
            if (lit) paintDots(p, ChartKind::Lines, g, item, pts[k], 12.0);
            if (!item.mark.isEmpty()) {
                p.setPen(detail::kTextColour);
                p.setFont(detail::figureFont(detail::kTickPixels, true));
                p.drawText(QPointF(pts[k].x() - m.horizontalAdvance(item.mark) / 2, pts[k].y() - 7.0), item.mark);
            }
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void paintLegendAndNote(QPainter& p, const ChartContent& c, const ChartGeometry& g, const QRectF& area) {
    const QFontMetricsF m(detail::figureFont(detail::kTickPixels));
    p.setFont(detail::figureFont(detail::kTickPixels));
    if (!g.legend.isEmpty()) {
        const auto lines = detail::legendLines(c, area.width());
        double y = g.legend.top() + 4.0;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            double x = area.left();
            if (l == 0 && !c.legendTitle.isEmpty()) {
                p.setPen(detail::kMutedColour);
                p.drawText(QPointF(x, y + m.ascent()), c.legendTitle);
                x += m.horizontalAdvance(c.legendTitle) + 8.0;
            }
            for (const std::size_t k : lines[l]) {
                const ChartLegendEntry& e = c.legend[k];
                p.fillRect(QRectF(x, y + (m.height() - detail::kChartSwatch) / 2, detail::kChartSwatch,
                                  detail::kChartSwatch), e.colour);
                x += detail::kChartSwatch + 4.0;
                const QString text = m.elidedText(e.text, Qt::ElideMiddle, area.width() / 2);
                p.setPen(detail::kTextColour);
                p.drawText(QPointF(x, y + m.ascent()), text);
                x += m.horizontalAdvance(text) + 12.0;
            }
            y += detail::kChartLegendLine;
        }
    }
    if (!c.note.isEmpty()) {
        p.setPen(detail::kMutedColour);
        // Two lines at most, word-wrapped; what does not fit is elided.
        const double lines = m.horizontalAdvance(c.note) > area.width() ? 2.0 : 1.0;
        const double top = std::min(g.legend.isEmpty() ? g.below : g.legend.bottom(),
                                    area.bottom() - lines * m.height() - 1.0);
        QString text = c.note;
        if (lines > 1.0 && m.horizontalAdvance(text) > 1.9 * area.width()) {
            text = m.elidedText(text, Qt::ElideRight, 1.9 * area.width());
        }
        p.drawText(QRectF(area.left(), top, area.width(), lines * m.height() + 1.0), Qt::TextWordWrap, text);
    }
}

}  // namespace

void paintChart(QPainter& painter, const ChartContent& content, const QRectF& area,
                std::optional<ChartHit> highlight) {
    const ChartGeometry g = layoutChart(content, area);
    painter.save();
    painter.setClipRect(area);
    paintBand(painter, content, g);
    paintValueAxis(painter, content, g, area);
    paintBandAndRules(painter, content, g);
    if (content.kind == ChartKind::Bars) {
        paintBars(painter, content, g, area, highlight);
    } else {
        paintXAxis(painter, content, g, area);
        paintLines(painter, content, g, highlight);
    }
    paintLegendAndNote(painter, content, g, area);
    painter.restore();
}

}  // namespace repscope::views
