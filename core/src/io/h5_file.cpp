#include "io/h5_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "io/h5_lock.h"
#include "repscope/error.h"

namespace repscope::io {

H5FilePtr openH5File(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw FileError(path + " does not exist");
    if (fs::is_directory(st)) throw FileError(path + " is a directory, not an HDF5 file");
    const auto size = fs::file_size(path, ec);
    if (ec) throw FileError(path + " cannot be read: " + ec.message());
    if (size == 0) throw FileError(path + " is empty (0 bytes), not an HDF5 file");
    if (!std::ifstream(path, std::ios::binary).good()) {
        throw FileError(path + " cannot be opened for reading (permission denied?)");
    }
    auto lock = h5Lock();
    const htri_t isHdf5 = H5Fis_hdf5(path.c_str());
    if (isHdf5 <= 0) {
        throw FileError(path + " is not an HDF5 file (no HDF5 signature found)");
    }
    auto file = std::make_shared<H5File>();
    file->path = path;
    file->id = H5Id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file->id) {
        const std::string why = lastH5Message();
        const auto stored = why.find("stored_eof = ");
        if (why.find("truncated") != std::string::npos && stored != std::string::npos) {
            throw FileError(path + " is truncated: the file is " + std::to_string(size) +
                            " bytes but its HDF5 header says " +
                            why.substr(stored + 13, why.find_first_not_of("0123456789", stored + 13) -
                                                        (stored + 13)));
        }
        throw FileError(path + " is truncated or corrupt and cannot be opened" +
                        (why.empty() ? std::string() : " (" + why + ")"));
    }
    haddr_t eoa = 0;
    if (H5Fget_eoa(file->id.get(), &eoa) >= 0 && eoa > size) {
        throw FileError(path + " is truncated: the file is " + std::to_string(size) +
                        " bytes but its HDF5 header says " + std::to_string(eoa));
    }
    return file;
}

void indexH5File(H5File& file, bool allowLinksOutside) {
    file.index = buildIndex(file.id.get(), file.path, linkPolicyFor(file.path, allowLinksOutside));
}

}  // namespace repscope::io
