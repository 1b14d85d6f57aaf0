#include "io/chunk_filters.h"

#include <libdeflate.h>
#include <liblzf/lzf.h>

#include <bit>
#include <climits>
#include <cstring>
#include <memory>

namespace repscope::io {
namespace {

struct DecompressorFree {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// One decompressor per thread (libdeflate's are not shared between threads).
libdeflate_decompressor* decompressor() {
    thread_local const std::unique_ptr<libdeflate_decompressor, DecompressorFree> d(
        libdeflate_alloc_decompressor());
    return d.get();
}

std::string bytes(std::size_t n) { return std::to_string(n) + " bytes"; }

std::string inflate(const std::uint8_t* in, std::size_t inBytes, std::uint8_t* out,
                    std::size_t expected) {
    libdeflate_decompressor* d = decompressor();
    if (d == nullptr) return "out of memory for a deflate decompressor";
    std::size_t actual = 0;
    switch (libdeflate_zlib_decompress(d, in, inBytes, out, expected, &actual)) {
    case LIBDEFLATE_SUCCESS:
        if (actual == expected) return {};
        return "a chunk's deflate stream holds " + bytes(actual) + " instead of the chunk's " +
               bytes(expected);
    case LIBDEFLATE_INSUFFICIENT_SPACE:
        return "a chunk's deflate stream holds more than the chunk's " + bytes(expected);
    default:
        return "a chunk's deflate stream is corrupt or truncated";
    }
}

std::string unlzf(const std::uint8_t* in, std::size_t inBytes, std::uint8_t* out,
                  std::size_t expected) {
    if (inBytes > UINT_MAX || expected > UINT_MAX) return "an LZF chunk is too large";
    const unsigned n = lzf_decompress(in, static_cast<unsigned>(inBytes), out,
                                      static_cast<unsigned>(expected));
    if (n == 0) return "a chunk's LZF stream is corrupt, truncated or longer than the chunk";
    if (n != expected) {
        return "a chunk's LZF stream holds " + bytes(n) + " instead of the chunk's " +
               bytes(expected);
    }
    return {};
}

// HDF5's shuffle, reversed: byte k of element i is at in[k·count + i]. bytes % size == 0 here.
void unshuffle(const std::uint8_t* in, std::uint8_t* out, std::size_t total, std::size_t size) {
    const std::size_t count = total / size;
    if (size == 4 && std::endian::native == std::endian::little) {
        const std::uint8_t* b0 = in;
        const std::uint8_t* b1 = in + count;
        const std::uint8_t* b2 = in + 2 * count;
        const std::uint8_t* b3 = in + 3 * count;
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint32_t v = std::uint32_t{b0[i]} | std::uint32_t{b1[i]} << 8 |
                                    std::uint32_t{b2[i]} << 16 | std::uint32_t{b3[i]} << 24;
            std::memcpy(out + 4 * i, &v, 4);
        }
        return;
    }
    if (size == 2 && std::endian::native == std::endian::little) {
        const std::uint8_t* b0 = in;
        const std::uint8_t* b1 = in + count;
        for (std::size_t i = 0; i < count; ++i) {
            const auto v = static_cast<std::uint16_t>(b0[i] | b1[i] << 8);
            std::memcpy(out + 2 * i, &v, 2);
        }
        return;
    }
    for (std::size_t k = 0; k < size; ++k) {
        const std::uint8_t* src = in + k * count;
        for (std::size_t i = 0; i < count; ++i) out[i * size + k] = src[i];
    }
}

}  // namespace

std::string decodeChunk(const ChunkPipeline& pipeline, std::uint32_t skipMask,
                        const std::uint8_t* in, std::size_t inBytes, std::uint8_t* out,
                        std::size_t expectedBytes, std::vector<std::uint8_t>& scratch) {
    // The filters this chunk went through, in write order: [shuffle] then [one compressor].
    bool shuffled = false;
    const ChunkFilter* compressor = nullptr;
    for (std::size_t k = 0; k < pipeline.filters.size(); ++k) {
        if (k < 32 && (skipMask >> k & 1u) != 0) continue;
        const ChunkFilter& f = pipeline.filters[k];
        if (f == ChunkFilter::Shuffle) {
            if (shuffled || compressor != nullptr) return "an unsupported filter order";
            shuffled = true;
        } else {
            if (compressor != nullptr) return "an unsupported filter order";
            compressor = &f;
        }
    }
    const std::size_t size = pipeline.elementSize;
    if (shuffled && (size == 0 || expectedBytes % size != 0)) return "a bad shuffle element size";
    if (compressor == nullptr) {
        if (inBytes != expectedBytes) {
            return "an unfiltered chunk has " + bytes(inBytes) + " instead of " +
                   bytes(expectedBytes);
        }
        if (shuffled) {
            unshuffle(in, out, expectedBytes, size);
        } else {
            std::memcpy(out, in, expectedBytes);
        }
        return {};
    }
    std::uint8_t* target = out;
    if (shuffled) {
        scratch.resize(expectedBytes);
        target = scratch.data();
    }
    std::string why = *compressor == ChunkFilter::Deflate ? inflate(in, inBytes, target, expectedBytes)
                                                          : unlzf(in, inBytes, target, expectedBytes);
    if (!why.empty()) return why;
    if (shuffled) unshuffle(target, out, expectedBytes, size);
    return {};
}

}  // namespace repscope::io
