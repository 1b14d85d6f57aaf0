#include "io/chunk_reader.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <optional>

#include "io/chunk_filters.h"
#include "io/h5_handle.h"
#include "io/half_float.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

constexpr H5Z_filter_t kLzfFilterId = 32000;
// Chunks of more than 256 MiB decoded (HDF5 allows 4 GiB; h5py's own choice is ≤ 1 MiB) are left
// to HDF5, which holds one chunk at a time where this path holds one per thread plus the raw
// bytes. So are stored chunks larger than their decoded size plus deflate's worst-case growth
// (HDF5 refuses them) and reads of more than 2^20 chunks.
constexpr std::uint64_t kMaxChunkBytes = std::uint64_t{256} << 20;
constexpr std::size_t kMaxChunksPerRead = std::size_t{1} << 20;

struct Plan {
    ChunkPipeline pipeline;
    bool half = false;          // IEEE float16 values, else float32
    std::size_t typeSize = 4;
    std::size_t rank = 2;
    std::size_t chunkRows = 0;  // chunk extent along the first dimension
    std::size_t chunkCols = 0;  // values per chunk row (the flattened trailing chunk dimensions)
    std::size_t chunkBytes = 0;
};

bool littleEndianFloat(hid_t type, std::size_t size) {
    return H5Tget_class(type) == H5T_FLOAT && H5Tget_size(type) == size &&
           H5Tget_order(type) == H5T_ORDER_LE;
}

std::optional<Plan> makePlan(hid_t ds, hid_t fileType, const std::vector<std::uint64_t>& shape) {
    Plan p;
    if (littleEndianFloat(fileType, 4) && H5Tequal(fileType, H5T_IEEE_F32LE) > 0) {
        p.typeSize = 4;
    } else if (littleEndianFloat(fileType, 2) && dtypeName(fileType) == "float16") {
        p.half = true;
        p.typeSize = 2;
    } else {
        return std::nullopt;
    }
    H5Id dcpl(H5Dget_create_plist(ds));
    if (!dcpl || H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return std::nullopt;
    p.rank = shape.size();
    if (p.rank < 2 || p.rank > 32) return std::nullopt;
    std::vector<hsize_t> chunk(p.rank, 0);
    if (H5Pget_chunk(dcpl.get(), static_cast<int>(p.rank), chunk.data()) != static_cast<int>(p.rank)) {
        return std::nullopt;
    }
    std::uint64_t values = 1;
    for (std::size_t k = 0; k < p.rank; ++k) {
        if (chunk[k] == 0 || chunk[k] >= kMaxChunkBytes) return std::nullopt;
        // Beyond two dimensions only chunks spanning the trailing dimensions whole: a chunk row
        // is then a run of whole rows' values.
        if (p.rank > 2 && k > 0 && chunk[k] != shape[k]) return std::nullopt;
        values *= chunk[k];
        if (values * p.typeSize >= kMaxChunkBytes) return std::nullopt;
    }
    p.chunkRows = static_cast<std::size_t>(chunk[0]);
    p.chunkCols = static_cast<std::size_t>(values / chunk[0]);
    p.chunkBytes = static_cast<std::size_t>(values * p.typeSize);
    const int nfilters = H5Pget_nfilters(dcpl.get());
    if (nfilters < 0 || nfilters > 32) return std::nullopt;
    for (int k = 0; k < nfilters; ++k) {
        unsigned flags = 0;
        std::size_t nelmts = 8;
        unsigned cd[8] = {0};
        unsigned config = 0;
        const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(k), &flags,
                                               &nelmts, cd, 0, nullptr, &config);
        if (id == H5Z_FILTER_DEFLATE) {
            p.pipeline.filters.push_back(ChunkFilter::Deflate);
        } else if (id == kLzfFilterId) {
            p.pipeline.filters.push_back(ChunkFilter::Lzf);
        } else if (id == H5Z_FILTER_SHUFFLE && nelmts >= 1 && cd[0] == p.typeSize) {
            p.pipeline.filters.push_back(ChunkFilter::Shuffle);
        } else {
            return std::nullopt;  // fletcher32, szip, nbit, scaleoffset, plugins, odd shuffles
        }
    }
    // [shuffle] [one compressor], in write order.
    const auto& f = p.pipeline.filters;
    const bool ordered = f.size() <= 1 || (f.size() == 2 && f[0] == ChunkFilter::Shuffle &&
                                           f[1] != ChunkFilter::Shuffle);
    if (!ordered) return std::nullopt;
    p.pipeline.elementSize = p.typeSize;
    return p;
}

// One chunk's part of the requested rows, all in flattened (row, value) coordinates.
struct ChunkJob {
    std::vector<hsize_t> offset;  // the chunk's logical position (HDF5 coordinates)
    std::size_t row0 = 0;         // first dataset row of the chunk
    std::size_t col0 = 0;         // first flattened column of the chunk
    std::vector<std::uint8_t> raw;
    std::uint32_t mask = 0;
};

void convertInto(const Plan& p, const std::uint8_t* chunk, const ChunkJob& job, std::size_t first,
                 std::size_t count, std::size_t n, std::size_t d, float* dst) {
    const std::size_t r0 = std::max(job.row0, first);
    const std::size_t r1 = std::min({job.row0 + p.chunkRows, first + count, n});
    const std::size_t width = std::min(p.chunkCols, d - job.col0);
    for (std::size_t r = r0; r < r1; ++r) {
        const std::uint8_t* src = chunk + ((r - job.row0) * p.chunkCols) * p.typeSize;
        float* out = dst + (r - first) * d + job.col0;
        if (p.half) {
            const auto& table = halfTable();
            for (std::size_t c = 0; c < width; ++c) {
                std::uint16_t h = 0;
                std::memcpy(&h, src + 2 * c, 2);
                out[c] = table[h];
            }
        } else {
            std::memcpy(out, src, width * 4);
        }
    }
}

}  // namespace

bool readChunkedRows(hid_t ds, hid_t fileType, const std::vector<std::uint64_t>& shape,
                     std::size_t first, std::size_t count, float* dst, const std::string& where) {
    const std::optional<Plan> plan = makePlan(ds, fileType, shape);
    if (!plan || count == 0) return false;
    const Plan& p = *plan;
    const auto n = static_cast<std::size_t>(shape[0]);
    std::size_t d = 1;
    for (std::size_t k = 1; k < shape.size(); ++k) d *= static_cast<std::size_t>(shape[k]);
    if (first + count > n || d == 0) return false;
    // Rank 2: chunks tile the columns too; beyond, one chunk spans a whole row.
    const std::size_t colChunks = p.rank == 2 ? (d + p.chunkCols - 1) / p.chunkCols : 1;
    const std::size_t rowChunk0 = first / p.chunkRows;
    const std::size_t rowChunks = (first + count - 1) / p.chunkRows - rowChunk0 + 1;
    if (rowChunks > kMaxChunksPerRead / colChunks) return false;
    const std::size_t total = rowChunks * colChunks;
    // Stored size bound: deflate grows incompressible data by < 0.1 %, LZF by < 4 %.
    const std::uint64_t maxStored = std::uint64_t{p.chunkBytes} + p.chunkBytes / 16 + 65536;

    std::vector<ChunkJob> jobs(total);
    bool handled = true;
    std::atomic<bool> failed{false};
    std::string failure;  // the first chunk failure, written under the critical section
    std::exception_ptr thrown;
#pragma omp parallel default(shared)
#pragma omp master
    {
        try {
            for (std::size_t k = 0; k < total && handled && !failed.load(); ++k) {
                ChunkJob& job = jobs[k];
                job.row0 = (rowChunk0 + k / colChunks) * p.chunkRows;
                job.col0 = (k % colChunks) * p.chunkCols;
                job.offset.assign(p.rank, 0);
                job.offset[0] = job.row0;
                if (p.rank == 2) job.offset[1] = job.col0;
                hsize_t stored = 0;
                if (H5Dget_chunk_storage_size(ds, job.offset.data(), &stored) < 0 || stored == 0 ||
                    stored > maxStored) {
                    handled = false;  // not allocated (fill value), unreadable, or implausible
                    break;
                }
                job.raw.resize(static_cast<std::size_t>(stored));
                if (H5Dread_chunk(ds, H5P_DEFAULT, job.offset.data(), &job.mask, job.raw.data()) < 0) {
                    handled = false;
                    break;
                }
#pragma omp task default(shared) firstprivate(k)
                {
                    ChunkJob& j = jobs[k];
                    thread_local std::vector<std::uint8_t> decoded;
                    thread_local std::vector<std::uint8_t> scratch;
                    std::string why;
                    try {
                        // Whole rows of float32 inside the request decode in place.
                        const bool direct = !p.half && p.chunkCols == d && j.row0 >= first &&
                                            j.row0 + p.chunkRows <= first + count;
                        std::uint8_t* target = nullptr;
                        if (direct) {
                            target = reinterpret_cast<std::uint8_t*>(dst + (j.row0 - first) * d);
                        } else {
                            decoded.resize(p.chunkBytes);
                            target = decoded.data();
                        }
                        why = decodeChunk(p.pipeline, j.mask, j.raw.data(), j.raw.size(), target,
                                          p.chunkBytes, scratch);
                        if (why.empty() && !direct) convertInto(p, target, j, first, count, n, d, dst);
                    } catch (const std::exception& e) {
                        why = e.what();
                    }
                    std::vector<std::uint8_t>().swap(j.raw);
                    if (!why.empty()) {
#pragma omp critical(repscope_chunk_failure)
                        {
                            if (!failed.exchange(true)) {
                                failure = why + " (the chunk at row " + std::to_string(j.row0) + ")";
                            }
                        }
                    }
                }
            }
        } catch (...) {
            thrown = std::current_exception();
        }
    }
    if (thrown) std::rethrow_exception(thrown);
    if (!failure.empty()) throw FormatError(where + " is damaged: " + failure);
    return handled;
}

}  // namespace repscope::io
