#pragma once
// Minimal HDF5 writing helpers for the demo file. Every function takes repscope::io::h5Lock()
// itself (the lock is recursive), and so does closing a handle, so callers need no lock.
// Failures throw FileError naming the file being written.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "repscope/representation.h"

namespace repscope::demo {

class H5Handle {
public:
    using Closer = herr_t (*)(hid_t);
    H5Handle() = default;
    H5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    H5Handle(H5Handle&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = H5I_INVALID_HID; }
    H5Handle& operator=(H5Handle&& o) noexcept;
    ~H5Handle() { reset(); }
    void reset() noexcept;
    // Closes now and reports whether closing succeeded (for the file: flushes everything).
    [[nodiscard]] bool close() noexcept;
    [[nodiscard]] hid_t get() const { return id_; }

private:
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

class H5Writer {
public:
    // Creates (fails if it exists) a file with link creation order tracked in every group.
    explicit H5Writer(const std::string& path);

    [[nodiscard]] hid_t file() const { return file_.get(); }
    // Creates a group at `path` (parents must exist), creation order tracked.
    [[nodiscard]] H5Handle createGroup(const std::string& path);

    // Chunked, shuffled and deflated (level 4) datasets; rows are the first dimension.
    void writeFloat32(const std::string& path, const MatrixF& data,
                      const std::string& description = {});
    void writeUint8(const std::string& path, const std::vector<std::uint8_t>& data,
                    const std::vector<hsize_t>& shape);
    void writeStrings(const std::string& path, const std::vector<std::string>& values);

    void setStringAttribute(hid_t obj, const std::string& name, const std::string& value);
    void setIntAttribute(hid_t obj, const std::string& name, int value);
    void setDoubleAttribute(hid_t obj, const std::string& name, double value);
    void setIntArrayAttribute(hid_t obj, const std::string& name, const std::vector<int>& values);

    // Flushes and closes the file. Throws FileError when HDF5 reports a failure.
    void close();

private:
    [[noreturn]] void fail(const std::string& what) const;
    void check(herr_t status, const std::string& what) const;
    hid_t checkId(hid_t id, const std::string& what) const;
    H5Handle chunkedDeflate(const std::vector<hsize_t>& shape, hsize_t elementBytes, bool shuffle);
    void writeIntAttribute(hid_t obj, const std::string& name, const std::vector<int>& values,
                           bool scalar);
    H5Handle utf8StringType();

    std::string path_;
    H5Handle file_;
};

}  // namespace repscope::demo
