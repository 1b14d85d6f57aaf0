#pragma once
// Internal: the colours of a tile's cells, computed on the CPU for the GL view's tile textures.
// The same numbers as the CPU path (colourTile, exports): ColorScale::colour, dimmed towards
// kDimColour outside the selection, rounded to 8 bits. Computing them here costs a fraction of a
// millisecond per 256 × 256 tile; colouring in a fragment shader cost a software rasteriser
// (Mesa llvmpipe) several milliseconds per tile, which made the frames that bring new tiles the
// slowest of a pan or zoom.
#include <cstdint>
#include <vector>

#include "heatmap_overlay.h"
#include "repscope/tiles/tile.h"
#include "repscope/views/colormap.h"

namespace repscope::views::detail {

// RGBA8, row-major, tile.cols × tile.rows texels into `rgba` (resized). A cell outside the
// selection (neither its row nor its column selected, judged by the first stimulus the cell
// covers, at the mask's level) is dimmed; an undefined (NaN) cell is the scale's undefined colour
// with alpha 0, which the drawing pass hatches in screen pixels.
void colourCells(const tiles::Tile& tile, const ColorScale& scale, const SelectionMask& mask,
                 std::vector<std::uint8_t>& rgba);

}  // namespace repscope::views::detail
