// The scatter content of a figure: framed axes with round ticks and a light grid, one dot per
// stimulus coloured by category (drawn in a fixed shuffled order, so that no category hides
// the others just by coming last), and the categories' legend.
#include <QFontMetricsF>
#include <limits>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "figure_parts.h"
#include "heatmap_overlay.h"

namespace repscope::views::detail {
namespace {

constexpr double kLegendGap = 22.0;
constexpr double kTickLength = 4.0;
constexpr double kPad = 0.04;  // of the data range on each side

struct Range {
    double lo = 0.0;
    double hi = 1.0;
    [[nodiscard]] double span() const { return hi - lo; }
};

Range dataRange(const Eigen::MatrixXd& points, Eigen::Index column) {
    Range r{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double v = points(i, column);
        if (!std::isfinite(v)) continue;
        r.lo = std::min(r.lo, v);
        r.hi = std::max(r.hi, v);
    }
    if (!std::isfinite(r.lo)) return {0.0, 1.0};
    if (r.hi - r.lo < 1e-12 * std::max(1.0, std::abs(r.hi))) {
        const double half = std::max(0.5, std::abs(r.hi) * 0.1);
        return {r.lo - half, r.hi + half};
    }
    const double pad = (r.hi - r.lo) * kPad;
    return {r.lo - pad, r.hi + pad};
}

double dotRadius(Eigen::Index n) {
    if (n <= 2000) return 3.0;
    if (n <= 20000) return 2.0;
    return 1.2;
}

}  // namespace

void paintScatterContent(QPainter& painter, const ScatterContent& content, const QRectF& area) {
    const Eigen::MatrixXd& points = content.points;
    if (points.rows() == 0 || points.cols() < 2) {
        painter.setPen(kMutedColour);
        painter.setFont(figureFont(kLabelPixels));
        painter.drawText(area, Qt::AlignCenter, QStringLiteral("nothing to show"));
        return;
    }
    const CategoryColumn* column =
        content.stimuli && !content.categoryColumn.empty() ? content.stimuli->column(content.categoryColumn)
                                                          : nullptr;
    if (column != nullptr && static_cast<Eigen::Index>(column->codes.size()) != points.rows()) column = nullptr;
    std::vector<LegendEntry> legend;
    if (column != nullptr) legend = categoryEntries(*column);
    const double legendW = legend.empty()
                               ? 0.0
                               : legendWidth(QString::fromStdString(column->name), legend,
                                             std::max(120.0, area.width() * 0.25));

    Range x = dataRange(points, 0);
    Range y = dataRange(points, 1);
    const QFont tickFont = figureFont(kTickPixels);
    const QFontMetricsF tm(tickFont);
    const QFont titleFont = figureFont(kLabelPixels);
    const QFontMetricsF lm(titleFont);
    // Room for the y tick labels: measured on the ticks of the data range (close enough).
    double yTickWidth = 0.0;
    {
        const std::vector<double> ticks = niceTicks(y.lo, y.hi, 6);
        const double step = ticks.size() >= 2 ? ticks[1] - ticks[0] : 1.0;
        for (double t : ticks) yTickWidth = std::max(yTickWidth, tm.horizontalAdvance(tickText(t, step)));
        yTickWidth = std::max(yTickWidth, tm.horizontalAdvance(QStringLiteral("−0.00"))) + 2.0;
    }
    const double left = area.left() + lm.height() + 6.0 + yTickWidth + kTickLength + 4.0;
    const double right = area.right() - (legend.empty() ? 4.0 : legendW + kLegendGap);
    const double bottom = area.bottom() - lm.height() - tm.height() - kTickLength - 10.0;
    const QRectF plot(left, area.top() + 4.0, std::max(10.0, right - left),
                      std::max(10.0, bottom - area.top() - 4.0));

    if (content.equalAspect) {
        // The same data units per logical unit on both axes, the data centred.
        const double perUnit = std::max(x.span() / plot.width(), y.span() / plot.height());
        const double cx = (x.lo + x.hi) / 2.0;
        const double cy = (y.lo + y.hi) / 2.0;
        x = {cx - perUnit * plot.width() / 2.0, cx + perUnit * plot.width() / 2.0};
        y = {cy - perUnit * plot.height() / 2.0, cy + perUnit * plot.height() / 2.0};
    }
    const auto px = [&](double v) { return plot.left() + (v - x.lo) / x.span() * plot.width(); };
    const auto py = [&](double v) { return plot.bottom() - (v - y.lo) / y.span() * plot.height(); };

    // Grid, ticks and their labels.
    const std::vector<double> xTicks = niceTicks(x.lo, x.hi, std::max(2, static_cast<int>(plot.width() / 90.0)));
    const std::vector<double> yTicks = niceTicks(y.lo, y.hi, std::max(2, static_cast<int>(plot.height() / 70.0)));
    const double xStep = xTicks.size() >= 2 ? xTicks[1] - xTicks[0] : 1.0;
    const double yStep = yTicks.size() >= 2 ? yTicks[1] - yTicks[0] : 1.0;
    painter.save();
    painter.setFont(tickFont);
    for (double t : xTicks) {
        const double xp = px(t);
        painter.setPen(QPen(QColor(232, 232, 232), 0.8));
        painter.drawLine(QPointF(xp, plot.top()), QPointF(xp, plot.bottom()));
        painter.setPen(QPen(kFrameColour, 0.8));
        painter.drawLine(QPointF(xp, plot.bottom()), QPointF(xp, plot.bottom() + kTickLength));
        painter.setPen(kTextColour);
        painter.drawText(QRectF(xp - 40.0, plot.bottom() + kTickLength + 1.0, 80.0, tm.height()),
                         Qt::AlignHCenter | Qt::AlignTop, tickText(t, xStep));
    }
    for (double t : yTicks) {
        const double yp = py(t);
        painter.setPen(QPen(QColor(232, 232, 232), 0.8));
        painter.drawLine(QPointF(plot.left(), yp), QPointF(plot.right(), yp));
        painter.setPen(QPen(kFrameColour, 0.8));
        painter.drawLine(QPointF(plot.left() - kTickLength, yp), QPointF(plot.left(), yp));
        painter.setPen(kTextColour);
        painter.drawText(QRectF(plot.left() - kTickLength - 3.0 - yTickWidth, yp - tm.height() / 2.0,
                                yTickWidth, tm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tickText(t, yStep));
    }
    // Axis titles.
    painter.setFont(titleFont);
    painter.setPen(kTextColour);
    painter.drawText(QRectF(plot.left(), area.bottom() - lm.height(), plot.width(), lm.height()),
                     Qt::AlignCenter, lm.elidedText(content.xTitle, Qt::ElideRight, plot.width()));
    painter.translate(area.left(), plot.bottom());
    painter.rotate(-90.0);
    painter.drawText(QRectF(0.0, 0.0, plot.height(), lm.height()), Qt::AlignCenter,
                     lm.elidedText(content.yTitle, Qt::ElideRight, plot.height()));
    painter.restore();

    // Dots, clipped to the frame.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(points.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::mt19937_64 shuffle(0x5eed);
    std::shuffle(order.begin(), order.end(), shuffle);
    const double r = dotRadius(points.rows());
    painter.save();
    painter.setClipRect(plot);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    std::int32_t lastCode = -2;
    for (Eigen::Index i : order) {
        const double xv = points(i, 0);
        const double yv = points(i, 1);
        if (!std::isfinite(xv) || !std::isfinite(yv)) continue;
        const std::int32_t code = column != nullptr ? column->codes[static_cast<std::size_t>(i)] : 0;
        if (code != lastCode) {
            QColor c = column != nullptr ? categoryColour(code) : QColor(0x4e79a7);
            c.setAlphaF(0.85F);
            painter.setBrush(c);
            lastCode = code;
        }
        painter.drawEllipse(QPointF(px(xv), py(yv)), r, r);
    }
    painter.restore();
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kFrameColour, 0.8));
    painter.drawRect(plot);

    if (!legend.empty()) {
        paintLegend(painter, QRectF(plot.right() + kLegendGap, plot.top(), legendW, plot.height()),
                    QString::fromStdString(column->name), legend, true);
    }
}

}  // namespace repscope::views::detail
