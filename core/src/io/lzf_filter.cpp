#include "io/lzf_filter.h"

#include <hdf5.h>
#include <liblzf/lzf.h>

#include <cerrno>
#include <cstddef>

namespace repscope::io {
namespace {

constexpr H5Z_filter_t kLzfFilterId = 32000;

// HDF5 filter callback. Forward (compress): returns 0 (= "could not filter") when the output
// would not be smaller, which HDF5 accepts for optional filters by storing the chunk raw.
// Reverse (decompress): the expected size is cd_values[2] when h5py recorded it, else grow.
size_t lzfFilter(unsigned int flags, size_t cdNelmts, const unsigned int cdValues[], size_t nbytes,
                 size_t* bufSize, void** buf) {
    const bool decompress = (flags & H5Z_FLAG_REVERSE) != 0;
    if (!decompress) {
        const size_t outSize = nbytes;
        void* out = H5allocate_memory(outSize, false);
        if (out == nullptr) return 0;
        const unsigned int n = lzf_compress(*buf, static_cast<unsigned int>(nbytes), out,
                                            static_cast<unsigned int>(outSize));
        if (n == 0) {
            H5free_memory(out);
            return 0;
        }
        H5free_memory(*buf);
        *buf = out;
        *bufSize = outSize;
        return n;
    }
    size_t outSize = (cdNelmts >= 3 && cdValues[2] != 0) ? cdValues[2] : *bufSize;
    for (int attempt = 0; attempt < 32; ++attempt) {
        void* out = H5allocate_memory(outSize, false);
        if (out == nullptr) return 0;
        errno = 0;
        const unsigned int n = lzf_decompress(*buf, static_cast<unsigned int>(nbytes), out,
                                              static_cast<unsigned int>(outSize));
        if (n != 0) {
            H5free_memory(*buf);
            *buf = out;
            *bufSize = outSize;
            return n;
        }
        H5free_memory(out);
        if (errno != E2BIG) return 0;
        outSize *= 2;
    }
    return 0;
}

}  // namespace

void registerLzfFilter() {
    if (H5Zfilter_avail(kLzfFilterId) > 0) return;
    H5Z_class2_t cls{};
    cls.version = H5Z_CLASS_T_VERS;
    cls.id = kLzfFilterId;
    cls.encoder_present = 1;
    cls.decoder_present = 1;
    cls.name = "lzf";
    cls.can_apply = nullptr;
    cls.set_local = nullptr;
    cls.filter = lzfFilter;
    H5Zregister(&cls);
}

}  // namespace repscope::io
