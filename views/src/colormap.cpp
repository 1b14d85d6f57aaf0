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

ColourMapper::ColourMapper(const ColorScale& scale)
    : scale_(scale), table_(colormapTable(scale.colormap)), diverging_(isDiverging(scale.colormap)),
      span_(scale.high - scale.low),
      half_(std::max(std::max(std::abs(scale.high - scale.centre), std::abs(scale.low - scale.centre)), 1e-30F)) {}

float ColorScale::position(float v) const { return ColourMapper(*this).position(v); }

std::array<float, 3> ColorScale::colour(float v) const { return ColourMapper(*this).colour(v); }

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
