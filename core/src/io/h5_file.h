#pragma once
// An open HDF5 file shared by the representations read from it.
#include <memory>
#include <string>

#include "io/h5_handle.h"

namespace repscope::io {

struct H5File {
    std::string path;  // as given by the user
    H5Id id;
};
using H5FilePtr = std::shared_ptr<H5File>;

// Opens read-only. Throws FileError: missing, directory, empty, not HDF5, truncated, unreadable.
[[nodiscard]] H5FilePtr openH5File(const std::string& path);

}  // namespace repscope::io
