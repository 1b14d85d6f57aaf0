#include "matrix_checkpoint.h"

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>

#include "repscope/error.h"
#include "repscope/matrix_writer.h"

namespace repscope::mpi {

namespace {

constexpr hsize_t kMaxTextBytes = hsize_t{256} << 20;
constexpr hsize_t kMaxTiles = hsize_t{1} << 32;

// Closes an HDF5 identifier with the matching H5*close.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle() {
        if (id_ >= 0) close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    [[nodiscard]] hid_t get() const { return id_; }
    [[nodiscard]] bool valid() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void writeDataset(hid_t file, const char* name, hid_t type, const std::vector<hsize_t>& dims,
                  const void* data, const std::string& path) {
    const Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                       H5Sclose);
    const Handle set(H5Dcreate2(file, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                H5P_DEFAULT),
                     H5Dclose);
    if (!space.valid() || !set.valid() ||
        H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        throw FileError("cannot write the checkpoint " + path + ".");
    }
}

void writeText(hid_t file, const char* name, const std::string& text, const std::string& path) {
    std::vector<std::uint8_t> bytes(text.begin(), text.end());
    if (bytes.empty()) bytes.push_back(0);  // zero-size datasets are awkward; 0 marks empty
    writeDataset(file, name, H5T_NATIVE_UINT8, {bytes.size()}, bytes.data(), path);
}

std::vector<hsize_t> dimsOf(hid_t file, const char* name, const std::string& path) {
    if (H5Lexists(file, name, H5P_DEFAULT) <= 0) {
        throw FormatError(path + " is not a repscope-mpi checkpoint (no /" + std::string(name) +
                          "); give a new --checkpoint file.");
    }
    const Handle set(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
    const Handle space(set.valid() ? H5Dget_space(set.get()) : -1, H5Sclose);
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 1 || rank > 2) {
        throw FormatError("the checkpoint " + path + " is damaged (/" + std::string(name) + ").");
    }
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
}

void readDataset(hid_t file, const char* name, hid_t type, void* data, const std::string& path) {
    const Handle set(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
    if (!set.valid() || H5Dread(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        throw FormatError("the checkpoint " + path + " is damaged (/" + std::string(name) +
                          " cannot be read).");
    }
}

std::string readText(hid_t file, const char* name, const std::string& path) {
    const std::vector<hsize_t> dims = dimsOf(file, name, path);
    if (dims.size() != 1 || dims[0] > kMaxTextBytes) {
        throw FormatError("the checkpoint " + path + " is damaged (/" + std::string(name) + ").");
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(dims[0]));
    readDataset(file, name, H5T_NATIVE_UINT8, bytes.data(), path);
    if (bytes.size() == 1 && bytes[0] == 0) return {};
    return {bytes.begin(), bytes.end()};
}

}  // namespace

void writeCheckpoint(const std::string& path, const MatrixCheckpoint& c) {
    writeAtomically(path, [&](const std::string& tmp) {
        const Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                          H5Fclose);
        if (!file.valid()) throw FileError("cannot create the checkpoint " + path + ".");
        writeText(file.get(), "fingerprint", c.fingerprint, path);
        writeDataset(file.get(), "tile_size", H5T_NATIVE_UINT64, {1}, &c.tileSize, path);
        std::vector<std::uint8_t> done(c.tilesDone.begin(), c.tilesDone.end());
        if (done.empty()) done.push_back(0);
        writeDataset(file.get(), "tiles_done", H5T_NATIVE_UINT8, {done.size()}, done.data(),
                     path);
        // Row-major on disk, as every matrix RepScope writes.
        const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = c.values;
        writeDataset(file.get(), "values", H5T_NATIVE_DOUBLE,
                     {static_cast<hsize_t>(rows.rows()), static_cast<hsize_t>(rows.cols())},
                     rows.data(), path);
        std::ostringstream text;
        for (const auto& u : c.undefined) {
            std::string reason = u.message;
            for (char& ch : reason) {
                if (ch == '\n') ch = ' ';
            }
            text << u.row << ' ' << u.column << ' ' << reason << '\n';
        }
        writeText(file.get(), "undefined", text.str(), path);
        if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) {
            throw FileError("cannot write the checkpoint " + path + ".");
        }
    });
}

namespace {

// The checkpoint at `path` opened for reading; nullptr when there is none. One sentence when the
// file is not an HDF5 file or cannot be opened.
std::unique_ptr<Handle> openCheckpoint(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return nullptr;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        throw FormatError(path + " is not a repscope-mpi checkpoint (not an HDF5 file); give a "
                          "new --checkpoint file.");
    }
    auto file = std::make_unique<Handle>(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file->valid()) throw FormatError("the checkpoint " + path + " cannot be opened.");
    return file;
}

std::uint64_t tileSizeOf(hid_t file, const std::string& path) {
    const std::vector<hsize_t> dims = dimsOf(file, "tile_size", path);
    if (dims.size() != 1 || dims[0] != 1) {
        throw FormatError("the checkpoint " + path + " is damaged (/tile_size).");
    }
    std::uint64_t size = 0;
    readDataset(file, "tile_size", H5T_NATIVE_UINT64, &size, path);
    if (size == 0) throw FormatError("the checkpoint " + path + " is damaged (/tile_size).");
    return size;
}

}  // namespace

std::optional<std::uint64_t> checkpointTileSize(const std::string& path) {
    const std::unique_ptr<Handle> file = openCheckpoint(path);
    if (!file) return std::nullopt;
    return tileSizeOf(file->get(), path);
}

std::optional<MatrixCheckpoint> readCheckpoint(const std::string& path,
                                               const std::string& fingerprint, std::size_t k,
                                               std::size_t tiles) {
    const std::unique_ptr<Handle> opened = openCheckpoint(path);
    if (!opened) return std::nullopt;
    const Handle& file = *opened;
    MatrixCheckpoint c;
    c.tileSize = tileSizeOf(file.get(), path);
    c.fingerprint = readText(file.get(), "fingerprint", path);
    if (c.fingerprint != fingerprint) {
        throw InputError("the checkpoint " + path + " was made for other inputs, another metric "
                         "or other options; give a new --checkpoint file, or rerun exactly the "
                         "command that made it.");
    }
    const std::vector<hsize_t> doneDims = dimsOf(file.get(), "tiles_done", path);
    const std::vector<hsize_t> valueDims = dimsOf(file.get(), "values", path);
    if (doneDims.size() != 1 || doneDims[0] != std::max<hsize_t>(tiles, 1) || tiles > kMaxTiles ||
        valueDims.size() != 2 || valueDims[0] != k || valueDims[1] != k) {
        throw FormatError("the checkpoint " + path + " is damaged (its sizes do not match its "
                          "fingerprint).");
    }
    std::vector<std::uint8_t> done(static_cast<std::size_t>(doneDims[0]));
    readDataset(file.get(), "tiles_done", H5T_NATIVE_UINT8, done.data(), path);
    c.tilesDone.assign(tiles, false);
    for (std::size_t t = 0; t < tiles; ++t) c.tilesDone[t] = done[t] != 0;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows(
        static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    if (k > 0) readDataset(file.get(), "values", H5T_NATIVE_DOUBLE, rows.data(), path);
    c.values = rows;
    std::istringstream text(readText(file.get(), "undefined", path));
    std::string line;
    while (std::getline(text, line)) {
        std::istringstream fields(line);
        metrics::UndefinedEntry u;
        if (!(fields >> u.row >> u.column) || u.row < 0 || u.column < 0 ||
            static_cast<std::size_t>(u.row) >= k || static_cast<std::size_t>(u.column) >= k) {
            throw FormatError("the checkpoint " + path + " is damaged (/undefined).");
        }
        std::getline(fields >> std::ws, u.message);
        c.undefined.push_back(std::move(u));
    }
    return c;
}

}  // namespace repscope::mpi
