#pragma once
// Internal: the 256-entry colormap tables (generated into colormap_tables.cpp).
#include <array>
#include <cstdint>

namespace repscope::views::detail {

struct Rgb8 {
    std::uint8_t r, g, b;
};

extern const std::array<Rgb8, 256> kViridis;
extern const std::array<Rgb8, 256> kMagma;
extern const std::array<Rgb8, 256> kCividis;
extern const std::array<Rgb8, 256> kGrey;
extern const std::array<Rgb8, 256> kRdBu;

}  // namespace repscope::views::detail
