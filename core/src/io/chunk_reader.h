#pragma once
// Parallel reads of chunked, compressed datasets. HDF5 decodes chunk by chunk on one thread; here
// the calling thread reads each chunk's raw bytes (H5Dread_chunk, under h5Lock) and every core
// decodes them (io/chunk_filters.h: shuffle, deflate, lzf) straight into the float32 rows.
// Only what it fully understands takes this path: a chunked layout, float32 or IEEE float16
// little-endian values, a pipeline of [shuffle] [deflate | lzf], allocated chunks of plausible
// stored size. Anything else (another filter, fletcher32, fill values, big-endian, integers,
// a rank > 2 dataset chunked across its trailing dimensions) returns false and the caller reads
// with H5Dread as before.
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace repscope::io {

// Rows [first, first + count) of dataset `ds` (stored shape `shape`, file type `fileType`),
// flattened to shape[0] × (product of the rest), converted to float32 at `dst`. Returns false,
// possibly after writing part of `dst`, when this path does not handle the dataset. Throws
// FormatError naming `where` when a chunk is corrupt (a decoder error, or a chunk that does not
// decode to exactly its expected size). Call with h5Lock() held by this thread; HDF5 is called
// from this thread only.
[[nodiscard]] bool readChunkedRows(hid_t ds, hid_t fileType, const std::vector<std::uint64_t>& shape,
                                   std::size_t first, std::size_t count, float* dst,
                                   const std::string& where);

}  // namespace repscope::io
