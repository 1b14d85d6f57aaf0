#include "repscope/views/colormap.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "colormap_tables.h"
#include "repscope/error.h"

namespace repscope::views {

namespace {
using Table = std::array<std::array<std::uint8_t, 3>, 256>;

Table convert(const std::array<detail::Rgb8, 256>& t) {
    Table out{};
    for (std::size_t i = 0; i < 256; ++i) out[i] = {t[i].r, t[i].g, t[i].b};
    return out;
}
}  // namespace

std::string_view colormapName(Colormap map) {
    switch (map) {
        case Colormap::Viridis: return "viridis";
        case Colormap::Magma: return "magma";
        case Colormap::Cividis: return "cividis";
        case Colormap::Grey: return "grey";
        case Colormap::RdBu: return "rdbu";
    }
    return "viridis";
}

const std::vector<Colormap>& allColormaps() {
    static const std::vector<Colormap> all{Colormap::Viridis, Colormap::Magma, Colormap::Cividis,
                                           Colormap::Grey, Colormap::RdBu};
    return all;
}

Colormap parseColormap(std::string_view name) {
    for (Colormap m : allColormaps()) {
        if (colormapName(m) == name) return m;
    }
    throw InputError("unknown colormap \"" + std::string(name) +
                     "\"; use viridis, magma, cividis, grey or rdbu");
}

const Table& colormapTable(Colormap map) {
    static const Table viridis = convert(detail::kViridis);
    static const Table magma = convert(detail::kMagma);
    static const Table cividis = convert(detail::kCividis);
    static const Table grey = convert(detail::kGrey);
    static const Table rdbu = convert(detail::kRdBu);
    switch (map) {
        case Colormap::Viridis: return viridis;
        case Colormap::Magma: return magma;
        case Colormap::Cividis: return cividis;
        case Colormap::Grey: return grey;
        case Colormap::RdBu: return rdbu;
    }
    return viridis;
}

// Also the colours of the GL view's tiles (heatmap_cell_colours.cpp).
float ColorScale::position(float v) const {
    if (std::isnan(v)) return v;
    float t = 0.0F;
    if (isDiverging(colormap)) {
        const float half = std::max(std::max(std::abs(high - centre), std::abs(low - centre)), 1e-30F);
        float s = std::clamp((v - centre) / half, -1.0F, 1.0F);
        if (gamma != 1.0F) s = std::copysign(std::pow(std::abs(s), gamma), s);
        t = 0.5F + 0.5F * s;
    } else {
        const float span = high - low;
        t = span > 0.0F ? std::clamp((v - low) / span, 0.0F, 1.0F) : 0.5F;
        if (gamma != 1.0F) t = std::pow(t, gamma);
    }
    return t;
}

std::array<float, 3> ColorScale::colour(float v) const {
    const float t = position(v);
    if (std::isnan(t)) {
        return {float(nanColour[0]), float(nanColour[1]), float(nanColour[2])};
    }
    const Table& table = colormapTable(colormap);
    const float x = t * 255.0F;
    const int i0 = std::min(static_cast<int>(std::floor(x)), 254);
    const float f = x - static_cast<float>(i0);
    const auto& a = table[static_cast<std::size_t>(i0)];
    const auto& b = table[static_cast<std::size_t>(i0 + 1)];
    std::array<float, 3> out{};
    for (std::size_t c = 0; c < 3; ++c) out[c] = float(a[c]) + f * (float(b[c]) - float(a[c]));
    return out;
}

std::array<std::uint8_t, 3> ColorScale::colour8(float v) const {
    const auto c = colour(v);
    return {static_cast<std::uint8_t>(std::lround(c[0])), static_cast<std::uint8_t>(std::lround(c[1])),
            static_cast<std::uint8_t>(std::lround(c[2]))};
}

std::pair<float, float> quantileRange(std::vector<float>& values, double lo, double hi) {
    std::erase_if(values, [](float v) { return !std::isfinite(v); });
    if (values.empty()) return {0.0F, 1.0F};
    auto at = [&](double q) {
        const auto k = static_cast<std::size_t>(std::llround(q * static_cast<double>(values.size() - 1)));
        std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
        return values[k];
    };
    float a = at(lo);
    float b = at(hi);
    if (!(b > a)) {
        const float pad = std::max(std::abs(a) * 1e-3F, 1e-6F);
        a -= pad;
        b += pad;
    }
    return {a, b};
}

}  // namespace repscope::views
