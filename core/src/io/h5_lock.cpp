#include "io/h5_lock.h"

#include <hdf5.h>

#include "io/lzf_filter.h"

namespace repscope::io {
namespace {

void initialiseHdf5() {
    H5open();
    registerLzfFilter();
#ifdef REPSCOPE_HDF5_PLUGIN_DIR
    H5PLappend(REPSCOPE_HDF5_PLUGIN_DIR);
#endif
}

}  // namespace

std::unique_lock<std::recursive_mutex> h5Lock() {
    static std::recursive_mutex mutex;
    std::unique_lock<std::recursive_mutex> lock(mutex);
    static const bool initialised = (initialiseHdf5(), true);
    (void)initialised;
    // RepScope reports errors itself, as one sentence; HDF5's stack dumps would be noise. Debian
    // builds HDF5 thread-safe, where this setting (like the error stack) is per thread.
    thread_local const bool quiet = (H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr), true);
    (void)quiet;
    return lock;
}

}  // namespace repscope::io
