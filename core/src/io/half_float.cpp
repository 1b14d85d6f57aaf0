#include "io/half_float.h"

#include <cmath>
#include <cstring>

namespace repscope::io {
namespace {

float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    const std::uint32_t mantissa = h & 0x3ffu;
    float value = 0.0f;
    if (exponent == 0) {
        value = std::ldexp(static_cast<float>(mantissa), -24);  // zero and subnormals
    } else if (exponent == 31) {
        value = mantissa == 0 ? INFINITY : NAN;
    } else {
        value = std::ldexp(static_cast<float>(mantissa | 0x400u), static_cast<int>(exponent) - 25);
    }
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    bits |= sign;
    std::memcpy(&value, &bits, sizeof bits);
    return value;
}

}  // namespace

const std::array<float, 65536>& halfTable() {
    static const auto table = [] {
        std::array<float, 65536> t{};
        for (std::uint32_t i = 0; i < t.size(); ++i) t[i] = halfToFloat(static_cast<std::uint16_t>(i));
        return t;
    }();
    return table;
}

}  // namespace repscope::io
