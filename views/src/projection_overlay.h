#pragma once
// Internal: what ProjectionView paints with QPainter over its points — the axis frame with
// ticks, the category legend, the brush (rectangle or lasso) and the hover card (label,
// category, thumbnail) — and the legend's layout, which the view also uses for clicks.
#include <QImage>
#include <QPainter>
#include <QRectF>
#include <optional>
#include <vector>

#include "repscope/stimuli.h"
#include "repscope/views/scatter_geometry.h"

namespace repscope::views::detail {

struct LegendItem {
    std::int32_t code = -1;  // category code; -1 for the "… n more" line
    QRectF rect;             // widget pixels, the whole row
    QString text;
};

// Width of the legend column for the column's categories, at most maxWidth.
[[nodiscard]] double legendWidth(const CategoryColumn& column, const QFont& font, double maxWidth);
// Rows of the legend from the top of `room` (the column right of the plot area); as many
// categories as fit, then one "… n more" row.
[[nodiscard]] std::vector<LegendItem> legendLayout(const QRectF& room, const CategoryColumn& column);

// Axis frame around the area with round-numbered ticks in data coordinates.
void paintAxes(QPainter& painter, const QRectF& area, const ScatterViewport& vp);
// The legend (items from legendLayout) on a translucent panel.
void paintLegend(QPainter& painter, const std::vector<LegendItem>& items);
// The card shown for the point under the mouse, placed near `at` and kept inside `bounds`.
void paintHoverCard(QPainter& painter, QPointF at, const QRectF& bounds, const QString& title,
                    const QString& detail, const QImage& thumbnail);
// The thumbnail of stimulus i (null when the stimuli have none).
[[nodiscard]] QImage thumbnailImage(const Stimuli& stimuli, std::size_t i);

}  // namespace repscope::views::detail
