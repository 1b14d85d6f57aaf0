#pragma once
// The reverse (read) direction of the HDF5 filters RepScope decodes itself, on raw chunk bytes:
// deflate (zlib streams, through libdeflate), shuffle and h5py's LZF. Pure functions on buffers
// (no HDF5 calls), so that chunks decode on every core at once (io/chunk_reader.h). Every input
// is hostile: a stream that is corrupt, truncated, or does not decode to exactly the expected
// number of bytes is an error, returned as a short reason (the caller names the dataset).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace repscope::io {

enum class ChunkFilter { Deflate, Shuffle, Lzf };

struct ChunkPipeline {
    std::vector<ChunkFilter> filters;  // in the file's (write) order; decoding runs them backwards
    std::size_t elementSize = 0;       // bytes per value (shuffle's parameter)
};

// Decodes `in` (a chunk as stored, `skipMask` bit k set = filter k was not applied to it) into
// exactly `expectedBytes` bytes at `out`; `scratch` is reused between calls. Returns "" on
// success, else why not (e.g. "the deflate stream is corrupt or truncated").
[[nodiscard]] std::string decodeChunk(const ChunkPipeline& pipeline, std::uint32_t skipMask,
                                      const std::uint8_t* in, std::size_t inBytes,
                                      std::uint8_t* out, std::size_t expectedBytes,
                                      std::vector<std::uint8_t>& scratch);

}  // namespace repscope::io
