#pragma once
// Debian's serial HDF5 is not built thread-safe: every HDF5 call in RepScope runs under this
// one recursive lock. h5Lock() also initialises the library once (quiet error stack, filter
// plugin path, LZF filter).
#include <mutex>

namespace repscope::io {

[[nodiscard]] std::unique_lock<std::recursive_mutex> h5Lock();

}  // namespace repscope::io
