#include "repscope/views/scatter_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace repscope::views {

ScatterViewport ScatterViewport::fit(const ScatterPoints& points, QSizeF area,
                                     double marginFraction) {
    double minX = std::numeric_limits<double>::infinity();
    double maxX = -minX;
    double minY = minX;
    double maxY = -minX;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double x = points(i, 0);
        const double y = points(i, 1);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    ScatterViewport vp;
    if (!(minX <= maxX)) return vp;  // no finite point
    vp.centreX = 0.5 * (minX + maxX);
    vp.centreY = 0.5 * (minY + maxY);
    const double spanX = std::max(maxX - minX, 1e-12);
    const double spanY = std::max(maxY - minY, 1e-12);
    const double usableW = std::max(1.0, area.width() * (1.0 - 2.0 * marginFraction));
    const double usableH = std::max(1.0, area.height() * (1.0 - 2.0 * marginFraction));
    vp.scale = (maxX - minX <= 0.0 && maxY - minY <= 0.0) ? std::min(usableW, usableH)
                                                          : std::min(usableW / spanX, usableH / spanY);
    return vp;
}

void ScatterViewport::zoomAbout(double factor, QPointF pixel, QSizeF area) {
    const QPointF anchor = toData(pixel, area);
    scale = std::clamp(scale * factor, 1e-12, 1e12);
    // Keep `anchor` under `pixel`: solve toPixel(anchor) == pixel for the centre.
    centreX = anchor.x() - (pixel.x() - area.width() / 2.0) / scale;
    centreY = anchor.y() + (pixel.y() - area.height() / 2.0) / scale;
}

QRectF scatterPlotArea(QSize size, double legendWidth) {
    constexpr double kLeft = 48.0;   // tick labels of the y axis
    constexpr double kBottom = 22.0;  // tick labels of the x axis
    constexpr double kMargin = 6.0;
    const double right = kMargin + std::max(0.0, legendWidth);
    return QRectF(kLeft, kMargin, std::max(1.0, size.width() - kLeft - right),
                  std::max(1.0, size.height() - kMargin - kBottom));
}

std::vector<double> niceTicks(double low, double high, int target) {
    std::vector<double> ticks;
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high) || target < 1) return ticks;
    const double raw = (high - low) / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw) break;
    }
    const double first = std::ceil(low / step) * step;
    for (int i = 0;; ++i) {
        const double v = first + i * step;
        if (v > high + step * 1e-9 || i > 100) break;
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    }
    // A lone tick says nothing about the scale: ask for finer steps (a range of ±37 in three
    // targets rounds to steps of 50, which leave only 0).
    if (ticks.size() < 2 && target < 64) return niceTicks(low, high, target * 2);
    return ticks;
}

}  // namespace repscope::views
