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

// ColorScale::colour with what depends only on the scale hoisted out of the loop over cells:
// the same operations in the same order, so the same floats.
class CellColours {
public:
    explicit CellColours(const ColorScale& scale)
        : scale_(scale), table_(colormapTable(scale.colormap)), diverging_(isDiverging(scale.colormap)),
          span_(scale.high - scale.low),
          half_(std::max(std::max(std::abs(scale.high - scale.centre), std::abs(scale.low - scale.centre)), 1e-30F)) {
        for (std::size_t c = 0; c < 3; ++c) nan_[c] = float(scale.nanColour[c]);
    }

    [[nodiscard]] std::array<float, 3> operator()(float v) const {
        if (std::isnan(v)) return nan_;
        float t = 0.0F;
        if (diverging_) {
            float s = std::clamp((v - scale_.centre) / half_, -1.0F, 1.0F);
            if (scale_.gamma != 1.0F) s = std::copysign(std::pow(std::abs(s), scale_.gamma), s);
            t = 0.5F + 0.5F * s;
        } else {
            t = span_ > 0.0F ? std::clamp((v - scale_.low) / span_, 0.0F, 1.0F) : 0.5F;
            if (scale_.gamma != 1.0F) t = std::pow(t, scale_.gamma);
        }
        const float x = t * 255.0F;
        const int i0 = std::min(static_cast<int>(x), 254);  // x ≥ 0: truncation is floor
        const float f = x - static_cast<float>(i0);
        const auto& a = table_[static_cast<std::size_t>(i0)];
        const auto& b = table_[static_cast<std::size_t>(i0 + 1)];
        return {float(a[0]) + f * (float(b[0]) - float(a[0])), float(a[1]) + f * (float(b[1]) - float(a[1])),
                float(a[2]) + f * (float(b[2]) - float(a[2]))};
    }

private:
    const ColorScale& scale_;
    const std::array<std::array<std::uint8_t, 3>, 256>& table_;
    bool diverging_;
    float span_;
    float half_;
    std::array<float, 3> nan_{};
};

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
    const CellColours colourOf(scale);
    for (std::size_t y = 0; y < rows; ++y) {
        const bool rowSelected =
            hasSelection && selectedCell(mask.rows, mask.level, firstY + (static_cast<std::int64_t>(y) << level));
        const float* values = tile.values.data() + y * cols;
        std::uint8_t* out = rgba.data() + y * cols * 4;
        for (std::size_t x = 0; x < cols; ++x, out += 4) {
            const float v = values[x];
            auto c = colourOf(v);
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
