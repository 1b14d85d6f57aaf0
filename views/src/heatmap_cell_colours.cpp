#include "heatmap_cell_colours.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace repscope::views::detail {

namespace {

bool selectedCell(const std::vector<std::uint8_t>& mask, int maskLevel, std::int64_t stimulus) {
    const auto cell = static_cast<std::size_t>(stimulus >> maskLevel);
    return cell < mask.size() && mask[cell] != 0;
}

// std::lround for c ≥ 0, without the library call: c + 0.5 is exact in double, and truncation
// is floor for non-negative numbers.
std::uint8_t channel8(float c) { return static_cast<std::uint8_t>(static_cast<int>(static_cast<double>(c) + 0.5)); }

}  // namespace

void colourCells(const tiles::Tile& tile, const ColorScale& scale, const SelectionMask& mask,
                 std::vector<std::uint8_t>& rgba) {
    const auto rows = static_cast<std::size_t>(tile.rows);
    const auto cols = static_cast<std::size_t>(tile.cols);
    rgba.resize(rows * cols * 4);
    const int level = tile.key.level;
    const std::int64_t firstX = (tile.key.col * tiles::kTileSize) << level;
    const std::int64_t firstY = (tile.key.row * tiles::kTileSize) << level;
    const bool hasSelection = !mask.empty();
    // Columns' selection once per tile, not once per cell.
    std::vector<std::uint8_t> colSelected(hasSelection ? cols : 0);
    for (std::size_t x = 0; x < colSelected.size(); ++x) {
        colSelected[x] = selectedCell(mask.cols, mask.level, firstX + (static_cast<std::int64_t>(x) << level)) ? 1 : 0;
    }
    const ColourMapper colourOf(scale);
    for (std::size_t y = 0; y < rows; ++y) {
        const bool rowSelected =
            hasSelection && selectedCell(mask.rows, mask.level, firstY + (static_cast<std::int64_t>(y) << level));
        const float* values = tile.values.data() + y * cols;
        std::uint8_t* out = rgba.data() + y * cols * 4;
        for (std::size_t x = 0; x < cols; ++x, out += 4) {
            const float v = values[x];
            auto c = colourOf.colour(v);
            if (hasSelection && !rowSelected && colSelected[x] == 0) {
                for (std::size_t k = 0; k < 3; ++k) c[k] += kDim * (kDimColour[k] - c[k]);
            }
            out[0] = channel8(c[0]);
            out[1] = channel8(c[1]);
            out[2] = channel8(c[2]);
            out[3] = std::isnan(v) ? 0 : 255;
        }
    }
}

}  // namespace repscope::views::detail
