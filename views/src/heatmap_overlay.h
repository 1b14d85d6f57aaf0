#pragma once
// Internal: what both heatmap paths paint with QPainter around the matrix — category strips with
// boundary marks, the colorbar with ticks and the measure's name — and the CPU colouring of the
// matrix area (the same colours as the GL view's tiles, heatmap_cell_colours.h).
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QString>
#include <vector>

#include "repscope/selection.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/tiles/tile.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_geometry.h"

namespace repscope::views::detail {

struct OverlayInput {
    HeatmapLayout layout;
    HeatmapViewport viewport;
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    const std::vector<std::size_t>* rowOrder = nullptr;  // display → stimulus; empty = identity
    const std::vector<std::size_t>* colOrder = nullptr;
    const CategoryColumn* categories = nullptr;
    ColorScale scale;
    QString measure;
    QString scaleNote;  // under the colorbar: which range the scale spans ("whole matrix", ...)
    bool hasUndefined = false;  // an "undefined" swatch under the colorbar
    QString rowTitle;  // what the rows are ("units of A"), drawn where the row strip goes
    QString colTitle;  // when there are no category strips
};

QColor categoryColour(std::int32_t code);
void paintOverlays(QPainter& painter, const OverlayInput& in);

// Pixel size of the overlay's text (ticks, measure name, axis labels).
inline constexpr int kOverlayFontPixels = 11;
// Figure cells smaller than this (pixels) get no axis labels.
inline constexpr double kMinLabelledCell = 12.0;
// The view labels cells down to this size, in a font as small as kMinLabelFontPixels.
inline constexpr double kMinViewLabelledCell = 8.5;
inline constexpr int kMinLabelFontPixels = 8;
// Font size of the view's axis labels for cells of the given size.
[[nodiscard]] int axisLabelFontPixels(double cellPixels);
// The label of stimulus s on an axis: when its category (from `column`) followed by '/' begins
// the label, only the rest ("mlp/hidden1" in model "mlp" → "hidden1"): the strip's colour and
// the legend name the category, and three models' "hidden1" no longer read alike when elided.
[[nodiscard]] QString axisLabel(const Stimuli& stimuli, std::size_t s, const CategoryColumn* column);
// The stimuli's labels left of the visible rows and above the visible columns (read upwards),
// elided to the layout's label areas; nothing when cells are smaller than kMinViewLabelledCell.
void paintAxisLabels(QPainter& painter, const OverlayInput& in, const Stimuli& rowStimuli,
                     const Stimuli& colStimuli);

// Selection state in display order at one level: 1 where a block holds a selected stimulus.
struct SelectionMask {
    int level = 0;
    std::vector<std::uint8_t> rows;  // cells of the level along rows
    std::vector<std::uint8_t> cols;
    [[nodiscard]] bool empty() const { return rows.empty(); }
};

[[nodiscard]] SelectionMask buildSelectionMask(const tiles::TileSource& source,
                                              const Selection& selection, int level);

// 1st–99th percentile of the cells of `drawn` that intersect the visible area (all of them, or
// about 65536 on a regular grid of every k-th row and column when more are visible).
[[nodiscard]] std::pair<float, float> visibleRange(const std::vector<tiles::TilePtr>& drawn,
                                                   const HeatmapViewport& vp, QSizeF area);

// Smallest and largest finite cell of the tiles ({0, 1} when there is none; an empty range is
// widened as quantileRange does).
[[nodiscard]] std::pair<float, float> tilesRange(const std::vector<tiles::TilePtr>& tiles);
// The whole matrix's range (RangeMode::WholeMatrix): computes the tiles at rangeLevel()
// synchronously (CPU paths: figures, images). Throws what the source throws.
[[nodiscard]] std::pair<float, float> wholeMatrixRange(const tiles::TileSource& source,
                                                       Progress& progress);
// The words under the colorbar for a range mode ("scale: whole matrix", ...).
[[nodiscard]] QString rangeNote(RangeMode mode, std::int64_t rows, std::int64_t cols);

// Dimming of cells outside the selection (same numbers in the shader uniforms).
inline constexpr float kDim = 0.7F;
inline constexpr std::array<float, 3> kDimColour{255.0F, 255.0F, 255.0F};

// Colours a tile's cells into `image` (ARGB32) for the pixels of the matrix area that it covers,
// clipped to `clip` (image pixels), as the GL view draws it.
// The "undefined" swatch: the undefined colour with the hatching of undefined cells, framed.
void paintUndefinedSwatch(QPainter& painter, const QRectF& swatch, const ColorScale& scale);

void colourTile(QImage& image, const QRectF& matrixArea, const QRect& clip,
                const HeatmapViewport& vp, std::int64_t rows, std::int64_t cols,
                const tiles::Tile& tile, const ColorScale& scale, const SelectionMask& mask);

}  // namespace repscope::views::detail
