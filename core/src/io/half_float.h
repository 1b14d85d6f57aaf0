#pragma once
// IEEE float16 → float32 by table: one lookup a value (HDF5's own soft conversion of 16-bit
// floats is an order of magnitude slower).
#include <array>
#include <cstdint>

namespace repscope::io {

// The 65,536 float32 values of the float16 bit patterns (subnormals, ±inf and NaN included).
[[nodiscard]] const std::array<float, 65536>& halfTable();

}  // namespace repscope::io
