#pragma once
// An open HDF5 file shared by the representations read from it.
#include <memory>
#include <string>

#include "io/h5_handle.h"
#include "io/h5_index.h"

namespace repscope::io {

struct H5File {
    std::string path;  // as given by the user
    H5Id id;
    FileIndex index;  // the bounded walk of its links, built once at open
};
using H5FilePtr = std::shared_ptr<H5File>;

// Opens read-only. Throws FileError: missing, directory, empty, not HDF5, truncated, unreadable.
[[nodiscard]] H5FilePtr openH5File(const std::string& path);

// Builds file->index under the link policy (call under h5Lock()).
void indexH5File(H5File& file, bool allowLinksOutside);

// The kind of object at `path`, from the file's index (Missing for anything not walked).
inline ObjectType objectType(const H5File& file, const std::string& path) {
    return file.index.type(path);
}

}  // namespace repscope::io
