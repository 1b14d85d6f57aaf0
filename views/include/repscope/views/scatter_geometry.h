#pragma once
// Geometry of a 2-D scatter plot: where the plot area goes in a widget, how data coordinates map
// to pixels (one scale for both axes, y up), fitting, zooming and axis ticks.
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <vector>

#include "repscope/views/scatter_hit_test.h"

namespace repscope::views {

// Pixels from data coordinates, relative to the plot area: the data point `centre` is drawn at
// the area's centre, `scale` pixels per data unit on both axes, y growing upwards.
struct ScatterViewport {
    double centreX = 0.0;
    double centreY = 0.0;
    double scale = 1.0;

    [[nodiscard]] QPointF toPixel(QPointF data, QSizeF area) const {
        return {area.width() / 2.0 + (data.x() - centreX) * scale,
                area.height() / 2.0 - (data.y() - centreY) * scale};
    }
    [[nodiscard]] QPointF toData(QPointF pixel, QSizeF area) const {
        return {centreX + (pixel.x() - area.width() / 2.0) / scale,
                centreY - (pixel.y() - area.height() / 2.0) / scale};
    }
    // Every finite point inside the area with a margin of `marginFraction` of the area on each
    // side; a single point (or none) gets a unit square around it.
    [[nodiscard]] static ScatterViewport fit(const ScatterPoints& points, QSizeF area,
                                             double marginFraction = 0.06);
    // Zoom by `factor`, keeping the data point under `pixel` (area coordinates) in place.
    void zoomAbout(double factor, QPointF pixel, QSizeF area);
};

// The plot area inside a widget of the given size: room for tick labels left and below, and a
// column of `legendWidth` pixels on the right (none when 0) so that the legend hides no point.
[[nodiscard]] QRectF scatterPlotArea(QSize size, double legendWidth = 0.0);

// About `target` round-numbered tick values (1, 2 or 5 × 10^k steps) within [low, high].
[[nodiscard]] std::vector<double> niceTicks(double low, double high, int target = 5);

}  // namespace repscope::views
