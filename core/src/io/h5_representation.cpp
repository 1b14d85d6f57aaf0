#include "io/h5_representation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "io/chunk_reader.h"
#include "io/h5_lock.h"
#include "io/half_float.h"
#include "io/probe_trace.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

std::string readFailure(const std::string& where) {
    const std::string why = lastH5Message();
    return where + " could not be read" + (why.empty() ? std::string() : ": " + why) +
           " (is the file truncated or corrupt?)";
}

}  // namespace

void checkFiltersAvailable(hid_t dataset, const std::string& where) {
    H5Id plist(H5Dget_create_plist(dataset));
    if (!plist) return;
    const int nfilters = H5Pget_nfilters(plist.get());
    for (int k = 0; k < nfilters; ++k) {
        unsigned flags = 0;
        std::size_t nelmts = 0;
        unsigned filterConfig = 0;
        char name[256] = {0};
        const H5Z_filter_t id = H5Pget_filter2(plist.get(), static_cast<unsigned>(k), &flags,
                                               &nelmts, nullptr, sizeof name, name, &filterConfig);
        if (id < 0) continue;
        if (H5Zfilter_avail(id) <= 0) {
            const std::string label = name[0] != '\0' ? std::string(name) : std::string("unknown");
            throw FormatError(where + " is compressed with the HDF5 filter '" + label + "' (id " +
                              std::to_string(id) +
                              "), which is not available here; install its HDF5 plugin or "
                              "rewrite the file with gzip or lzf");
        }
    }
}

DenseH5Representation::DenseH5Representation(RepresentationInfo info, H5FilePtr file)
    : Representation(std::move(info)), file_(std::move(file)) {}

MatrixF DenseH5Representation::readRows(std::size_t first, std::size_t count) const {
    MatrixF out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(info().d));
    readRowsInto(first, count, out.data());
    return out;
}

void DenseH5Representation::readRowsInto(std::size_t first, std::size_t count, float* dst) const {
    const RepresentationInfo& in = info();
    const std::string where = in.qualifiedName();
    if (first + count > in.n) throw FormatError(where + " has only " + std::to_string(in.n) + " rows");
    if (count == 0 || in.d == 0) return;
    auto lock = h5Lock();
    H5Id ds(H5Dopen2(file_->id.get(), in.path.c_str(), datasetAccess()));
    if (!ds) throw FormatError(readFailure(where));
    checkFiltersAvailable(ds.get(), where);
    H5Id fileSpace(H5Dget_space(ds.get()));
    const int rank = H5Sget_simple_extent_ndims(fileSpace.get());
    std::vector<hsize_t> start(static_cast<std::size_t>(rank), 0);
    std::vector<hsize_t> extent(in.shape.begin(), in.shape.end());
    start[0] = first;
    extent[0] = count;
    H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                        nullptr);
    // A memory space of the selection's own rank and shape: HDF5 then copies whole chunks'
    // rows instead of iterating a 1-D ↔ N-D element mapping (3–4× faster on chunked data).
    H5Id memSpace(H5Screate_simple(rank, extent.data(), nullptr));
    H5Id fileType(H5Dget_type(ds.get()));
    herr_t rc = 0;
    const std::size_t total = count * in.d;
    traceTouch(in.path);
    // Chunked float32/float16 with shuffle, deflate or lzf: raw chunks decoded on every core.
    std::vector<hsize_t> stored(static_cast<std::size_t>(std::max(rank, 0)), 0);
    const bool sameShape = rank > 0 &&
                           H5Sget_simple_extent_dims(fileSpace.get(), stored.data(), nullptr) == rank &&
                           std::equal(stored.begin(), stored.end(), in.shape.begin(), in.shape.end());
    if (sameShape && readChunkedRows(ds.get(), fileType.get(), in.shape, first, count, dst, where)) {
        return;
    }
    if (H5Tget_class(fileType.get()) == H5T_FLOAT && H5Tget_size(fileType.get()) == 2) {
        // The file's own 16-bit type in this machine's byte order: HDF5 copies (or byte-swaps)
        // the raw halves; IEEE halves go through the table, bfloat16 is the upper half of a
        // float32. Any other 16-bit layout is refused by name (never decoded as a half).
        const std::string dtype = dtypeName(fileType.get());
        if (dtype != "float16" && dtype != "bfloat16") {
            throw FormatError(where + " holds " + dtype + " values, which RepScope does not decode");
        }
        thread_local std::vector<std::uint16_t> raw;
        raw.resize(total);
        H5Id memType(H5Tcopy(fileType.get()));
        H5Tset_order(memType.get(), H5T_ORDER_LE);
        rc = H5Dread(ds.get(), memType.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT,
                     raw.data());
        // Converted on every core (a table lookup is faster than the memory it reads).
        const auto count16 = static_cast<std::ptrdiff_t>(total);
        const std::uint16_t* halves = raw.data();
        if (rc >= 0 && dtype == "bfloat16") {
#pragma omp parallel for schedule(static) if (count16 > (std::ptrdiff_t{1} << 18))
            for (std::ptrdiff_t k = 0; k < count16; ++k) {
                const std::uint32_t bits = std::uint32_t{halves[k]} << 16;
                std::memcpy(dst + k, &bits, sizeof bits);
            }
        } else if (rc >= 0) {
            const auto& table = halfTable();
#pragma omp parallel for schedule(static) if (count16 > (std::ptrdiff_t{1} << 18))
            for (std::ptrdiff_t k = 0; k < count16; ++k) dst[k] = table[halves[k]];
        }
    } else {
        rc = H5Dread(ds.get(), H5T_NATIVE_FLOAT, memSpace.get(), fileSpace.get(), H5P_DEFAULT, dst);
    }
    if (rc < 0) throw FormatError(readFailure(where));
}

CondensedRdmRepresentation::CondensedRdmRepresentation(RepresentationInfo info, H5FilePtr file,
                                                       std::string datasetPath, std::size_t index)
    : Representation(std::move(info)),
      file_(std::move(file)),
      datasetPath_(std::move(datasetPath)),
      index_(index) {}

const std::vector<float>& CondensedRdmRepresentation::condensed() const {
    std::call_once(loaded_, [this] {
        const RepresentationInfo& in = info();
        const std::string where = in.qualifiedName();
        auto lock = h5Lock();
        H5Id ds(H5Dopen2(file_->id.get(), datasetPath_.c_str(), datasetAccess()));
        if (!ds) throw FormatError(readFailure(where));
        checkFiltersAvailable(ds.get(), where);
        H5Id fileSpace(H5Dget_space(ds.get()));
        const int rank = H5Sget_simple_extent_ndims(fileSpace.get());
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(fileSpace.get(), dims.data(), nullptr);
        const hsize_t m = dims.back();
        std::vector<float> values(m);
        if (rank == 2) {
            const hsize_t start[2] = {index_, 0};
            const hsize_t extent[2] = {1, m};
            H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start, nullptr, extent, nullptr);
        }
        H5Id memSpace(H5Screate_simple(1, &m, nullptr));
        if (H5Dread(ds.get(), H5T_NATIVE_FLOAT, memSpace.get(), fileSpace.get(), H5P_DEFAULT,
                    values.data()) < 0) {
            throw FormatError(readFailure(where));
        }
        values_ = std::move(values);
    });
    return values_;
}

MatrixF CondensedRdmRepresentation::readRows(std::size_t first, std::size_t count) const {
    const std::size_t n = info().n;
    if (first + count > n) {
        throw FormatError(info().qualifiedName() + " has only " + std::to_string(n) + " rows");
    }
    const std::vector<float>& v = condensed();
    MatrixF out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(n));
    // Index of (i, j), i < j, in the row-major condensed upper triangle.
    auto at = [&](std::size_t i, std::size_t j) { return v[i * n - i * (i + 1) / 2 + (j - i - 1)]; };
    for (std::size_t r = 0; r < count; ++r) {
        const std::size_t i = first + r;
        for (std::size_t j = 0; j < n; ++j) {
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) =
                i == j ? 0.0f : (i < j ? at(i, j) : at(j, i));
        }
    }
    return out;
}

}  // namespace repscope::io
