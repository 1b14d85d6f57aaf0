#pragma once
// Geometry shared by HeatmapView (GPU) and renderHeatmapImage (CPU): where the matrix, the axis
// strips and the colorbar go in a widget or image, how stimulus coordinates map to pixels, which
// level of detail a zoom needs and which tiles are visible.
#include <QRectF>
#include <QSize>
#include <cstdint>
#include <vector>

#include "repscope/tiles/tile.h"

namespace repscope::views {

// Pixels from stimulus coordinates: px = (x − originX) · scale, relative to the matrix area's
// top-left corner; x counts columns, y rows, both in display order (cells are square).
struct HeatmapViewport {
    double originX = 0.0;
    double originY = 0.0;
    double scale = 1.0;  // pixels per stimulus

    [[nodiscard]] double toPixelX(double x) const { return (x - originX) * scale; }
    [[nodiscard]] double toPixelY(double y) const { return (y - originY) * scale; }
    [[nodiscard]] double toStimulusX(double px) const { return originX + px / scale; }
    [[nodiscard]] double toStimulusY(double py) const { return originY + py / scale; }
    // The whole rows × cols matrix in an area of the given size, at its top-left corner.
    [[nodiscard]] static HeatmapViewport fit(std::int64_t rows, std::int64_t cols, QSizeF area);
    // Zoom by factor keeping the stimulus under (px, py) in place.
    void zoomAbout(double factor, double px, double py);
};

struct HeatmapLayout {
    QRectF matrix;     // the heatmap itself
    QRectF rowStrip;   // category colours left of the rows
    QRectF colStrip;   // category colours above the columns
    QRectF colorbar;   // the colour ramp; ticks and the measure's name to its right
    QRectF rowLabels;  // left of the row strip; empty without axis labels
    QRectF colLabels;  // above the column strip; empty without axis labels
    // labelMargin: room for axis labels, width left of the rows and height above the columns.
    // strip: how wide the bands beside the matrix are (category colours, or axis titles in
    // their place, which need a line of text).
    static constexpr double kStrip = 10.0;
    static constexpr double kTitleStrip = 17.0;
    [[nodiscard]] static HeatmapLayout forSize(QSize size, QSizeF labelMargin = {}, double strip = kStrip);
};

// How an automatic colour range is found. WholeMatrix (the default): the smallest and largest
// value of the whole matrix, the same at every zoom and window size, read from the cells at
// rangeLevel() (every entry up to 2048 per side: exact; beyond, block means of 2^k × 2^k
// entries). FitToView: the 1st–99th percentile of the cells visible now.
enum class RangeMode { WholeMatrix, FitToView };

// Tiles whose cells give the whole matrix's range: at most this many.
inline constexpr std::int64_t kRangeTiles = 64;
// The finest level at which the whole rows × cols matrix is at most kRangeTiles tiles.
[[nodiscard]] int rangeLevel(std::int64_t rows, std::int64_t cols);
// Every tile of a rows × cols matrix at a level, row-major.
[[nodiscard]] std::vector<tiles::TileKey> allTiles(std::int64_t rows, std::int64_t cols, int level);

// The level whose cells are closest to one pixel (clamped to [0, coarsest]).
[[nodiscard]] int levelForScale(double scale, int coarsestLevel);

struct VisibleTiles {
    int level = 0;
    std::vector<tiles::TileKey> keys;  // nearest the centre of the view first
};
// Tiles of a rows × cols matrix at `level` that intersect the matrix area.
[[nodiscard]] VisibleTiles visibleTiles(const HeatmapViewport& vp, QSizeF area, std::int64_t rows,
                                        std::int64_t cols, int level);

}  // namespace repscope::views
