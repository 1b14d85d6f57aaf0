#pragma once
// The heatmap drawn without OpenGL, for headless export (`repscope figure ... --view rdm`):
// the same layout, tiles, colour formulas (ColorScale), selection dimming, category strips and
// colorbar as HeatmapView, so an image matches a screenshot of the view to ±2/255.
#include <QImage>
#include <QSize>
#include <optional>
#include <string>

#include "repscope/progress.h"
#include "repscope/selection.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_geometry.h"

namespace repscope::views {

struct HeatmapImageOptions {
    QSize size{900, 800};
    ColorScale scale;                          // autoRange as in the view
    RangeMode rangeMode = RangeMode::WholeMatrix;
    std::optional<HeatmapViewport> viewport;   // default: the whole matrix, fitted
    const Stimuli* stimuli = nullptr;          // category strips (optional)
    std::string categoryColumn = "category";
    const Selection* selection = nullptr;      // dims the unselected rows and columns
};

// Computes the visible tiles at the zoom's level (synchronously) and paints them. Throws what
// the source throws (Cancelled, FileError, ...).
[[nodiscard]] QImage renderHeatmapImage(const tiles::TileSource& source,
                                        const HeatmapImageOptions& options,
                                        Progress& progress = silentProgress());

}  // namespace repscope::views
