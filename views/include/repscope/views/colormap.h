#pragma once
// Colormaps and the value → colour mapping shared by the GL heatmap's tile colours and the CPU
// path (renderHeatmapImage): linear interpolation between 256 table entries, rounded to 8 bits.
// Tables: see src/colormap_tables.py.
#include <array>
#include <cmath>
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace repscope::views {

enum class Colormap { Viridis, Magma, Cividis, Grey, RdBu };

[[nodiscard]] std::string_view colormapName(Colormap map);  // "viridis", ..., "rdbu"
// Throws InputError listing the names when `name` is unknown.
[[nodiscard]] Colormap parseColormap(std::string_view name);
[[nodiscard]] const std::vector<Colormap>& allColormaps();
// 256 × RGB, 8 bits per channel.
[[nodiscard]] const std::array<std::array<std::uint8_t, 3>, 256>& colormapTable(Colormap map);
// Diverging maps are centred on ColorScale::centre.
[[nodiscard]] inline bool isDiverging(Colormap map) { return map == Colormap::RdBu; }

struct ColorScale {
    Colormap colormap = Colormap::Viridis;
    bool autoRange = true;  // the view sets low/high to the 1st–99th percentile of what it shows
    float low = 0.0F;
    float high = 1.0F;
    float centre = 0.0F;  // diverging maps: the value drawn in the middle colour
    float gamma = 1.0F;   // applied to the position on the map (about the centre if diverging)
    // Undefined cells: a neutral warm grey, in no colormap's ramp, named "undefined" beside the
    // colorbar (not a loud colour that reads as a value or an error).
    std::array<std::uint8_t, 3> nanColour{214, 206, 190};

    // Position of v on the colormap in [0, 1]; NaN for NaN.
    [[nodiscard]] float position(float v) const;
    // The colour of v (NaN → nanColour), each channel 0–255 before rounding.
    [[nodiscard]] std::array<float, 3> colour(float v) const;
    // The same rounded to 8 bits.
    [[nodiscard]] std::array<std::uint8_t, 3> colour8(float v) const;
};

// ColorScale::position and colour with what depends only on the scale worked out once, for
// colouring many values (a heatmap tile's cells); ColorScale's own functions use it too, so there
// is one mapping. Holds a reference to the scale: use it while the scale lives.
class ColourMapper {
public:
    explicit ColourMapper(const ColorScale& scale);
    [[nodiscard]] float position(float v) const;
    [[nodiscard]] std::array<float, 3> colour(float v) const;

private:
    const ColorScale& scale_;
    const std::array<std::array<std::uint8_t, 3>, 256>& table_;
    bool diverging_;
    float span_;
    float half_;
};

// Inline: the loop over a tile's cells calls them 65,536 times.
inline float ColourMapper::position(float v) const {
    if (std::isnan(v)) return v;
    float t = 0.0F;
    if (diverging_) {
        float s = std::clamp((v - scale_.centre) / half_, -1.0F, 1.0F);
        if (scale_.gamma != 1.0F) s = std::copysign(std::pow(std::abs(s), scale_.gamma), s);
        t = 0.5F + 0.5F * s;
    } else {
        t = span_ > 0.0F ? std::clamp((v - scale_.low) / span_, 0.0F, 1.0F) : 0.5F;
        if (scale_.gamma != 1.0F) t = std::pow(t, scale_.gamma);
    }
    return t;
}

inline std::array<float, 3> ColourMapper::colour(float v) const {
    const float t = position(v);
    if (std::isnan(t)) {
        return {float(scale_.nanColour[0]), float(scale_.nanColour[1]), float(scale_.nanColour[2])};
    }
    const float x = t * 255.0F;
    const int i0 = std::min(static_cast<int>(x), 254);  // x ≥ 0: truncation is floor
    const float f = x - static_cast<float>(i0);
    const auto& a = table_[static_cast<std::size_t>(i0)];
    const auto& b = table_[static_cast<std::size_t>(i0 + 1)];
    std::array<float, 3> out{};
    for (std::size_t c = 0; c < 3; ++c) out[c] = float(a[c]) + f * (float(b[c]) - float(a[c]));
    return out;
}

// Undefined cells are also hatched, so that they never read as a value even where the neutral
// colour is close to one: every pixel with (x − y) mod kHatchPeriod < kHatchWidth (image
// coordinates, y down) is the undefined colour times kHatchShade. The view's shader, exports and
// figures draw the same stripes; the "undefined" swatch shows them too.
inline constexpr int kHatchPeriod = 7;
inline constexpr int kHatchWidth = 2;
inline constexpr float kHatchShade = 0.72F;
[[nodiscard]] inline bool hatchedPixel(int x, int y) {
    return ((x - y) % kHatchPeriod + kHatchPeriod) % kHatchPeriod < kHatchWidth;
}

// The lo and hi quantiles (e.g. 0.01, 0.99) of the finite values; values is reordered.
// Returns {0, 1} when there is no finite value and widens an empty range.
[[nodiscard]] std::pair<float, float> quantileRange(std::vector<float>& values, double lo,
                                                    double hi);

}  // namespace repscope::views
