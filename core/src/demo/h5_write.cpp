#include "demo/h5_write.h"

#include <algorithm>

#include "io/h5_lock.h"
#include "repscope/error.h"

namespace repscope::demo {

H5Handle& H5Handle::operator=(H5Handle&& o) noexcept {
    if (this != &o) {
        reset();
        id_ = o.id_;
        closer_ = o.closer_;
        o.id_ = H5I_INVALID_HID;
    }
    return *this;
}

void H5Handle::reset() noexcept {
    (void)close();
}

bool H5Handle::close() noexcept {
    if (id_ < 0) return true;
    bool ok = true;
    try {
        auto lock = io::h5Lock();
        ok = closer_(id_) >= 0;
    } catch (...) {
        ok = false;
    }
    id_ = H5I_INVALID_HID;
    return ok;
}

void H5Writer::fail(const std::string& what) const {
    throw FileError("Could not write the demo dataset " + path_ + ": " + what + " failed.");
}

void H5Writer::check(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
}

hid_t H5Writer::checkId(hid_t id, const std::string& what) const {
    if (id < 0) fail(what);
    return id;
}

H5Writer::H5Writer(const std::string& path) : path_(path) {
    auto lock = io::h5Lock();
    H5Handle fcpl(checkId(H5Pcreate(H5P_FILE_CREATE), "creating a property list"), H5Pclose);
    check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "tracking creation order");
    file_ = H5Handle(checkId(H5Fcreate(path.c_str(), H5F_ACC_EXCL, fcpl.get(), H5P_DEFAULT),
                             "creating the file"),
                     H5Fclose);
}

H5Handle H5Writer::createGroup(const std::string& path) {
    auto lock = io::h5Lock();
    H5Handle gcpl(checkId(H5Pcreate(H5P_GROUP_CREATE), "creating a property list"), H5Pclose);
    check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "tracking creation order");
    check(H5Pset_obj_track_times(gcpl.get(), false), "disabling time stamps");
    return {checkId(H5Gcreate2(file(), path.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                    "creating group " + path),
            H5Gclose};
}

H5Handle H5Writer::chunkedDeflate(const std::vector<hsize_t>& shape, hsize_t elementBytes,
                                  bool shuffle) {
    H5Handle dcpl(checkId(H5Pcreate(H5P_DATASET_CREATE), "creating a property list"), H5Pclose);
    // No modification times: the same content gives a byte-identical file.
    check(H5Pset_obj_track_times(dcpl.get(), false), "disabling time stamps");
    std::vector<hsize_t> chunk = shape;
    hsize_t rowBytes = 1;
    for (std::size_t i = 1; i < shape.size(); ++i) rowBytes *= shape[i];
    rowBytes *= elementBytes;
    chunk[0] = std::clamp<hsize_t>(hsize_t{128 * 1024} / std::max<hsize_t>(rowBytes, 1), 1,
                                   std::max<hsize_t>(shape[0], 1));
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "chunking");
    if (shuffle) check(H5Pset_shuffle(dcpl.get()), "enabling the shuffle filter");
    check(H5Pset_deflate(dcpl.get(), 4), "enabling gzip compression");
    return dcpl;
}

H5Handle H5Writer::utf8StringType() {
    H5Handle type(checkId(H5Tcopy(H5T_C_S1), "creating a string type"), H5Tclose);
    check(H5Tset_size(type.get(), H5T_VARIABLE), "creating a string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "creating a string type");
    return type;
}

void H5Writer::writeFloat32(const std::string& path, const MatrixF& data,
                            const std::string& description) {
    auto lock = io::h5Lock();
    const std::vector<hsize_t> shape{static_cast<hsize_t>(data.rows()),
                                     static_cast<hsize_t>(data.cols())};
    H5Handle space(checkId(H5Screate_simple(2, shape.data(), nullptr), "creating a dataspace"),
                   H5Sclose);
    H5Handle dcpl = chunkedDeflate(shape, sizeof(float), true);
    H5Handle ds(checkId(H5Dcreate2(file(), path.c_str(), H5T_IEEE_F32LE, space.get(), H5P_DEFAULT,
                                   dcpl.get(), H5P_DEFAULT),
                        "creating dataset " + path),
                H5Dclose);
    // MatrixF is row-major, i.e. C order as HDF5 expects.
    check(H5Dwrite(ds.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
          "writing dataset " + path);
    if (!description.empty()) setStringAttribute(ds.get(), "description", description);
}

void H5Writer::writeUint8(const std::string& path, const std::vector<std::uint8_t>& data,
                          const std::vector<hsize_t>& shape) {
    auto lock = io::h5Lock();
    H5Handle space(checkId(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                           "creating a dataspace"),
                   H5Sclose);
    H5Handle dcpl = chunkedDeflate(shape, 1, false);
    H5Handle ds(checkId(H5Dcreate2(file(), path.c_str(), H5T_STD_U8LE, space.get(), H5P_DEFAULT,
                                   dcpl.get(), H5P_DEFAULT),
                        "creating dataset " + path),
                H5Dclose);
    check(H5Dwrite(ds.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
          "writing dataset " + path);
}

void H5Writer::writeStrings(const std::string& path, const std::vector<std::string>& values) {
    auto lock = io::h5Lock();
    const std::vector<hsize_t> shape{static_cast<hsize_t>(values.size())};
    H5Handle space(checkId(H5Screate_simple(1, shape.data(), nullptr), "creating a dataspace"),
                   H5Sclose);
    H5Handle type = utf8StringType();
    H5Handle dcpl = chunkedDeflate(shape, sizeof(char*), false);
    H5Handle ds(checkId(H5Dcreate2(file(), path.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                   dcpl.get(), H5P_DEFAULT),
                        "creating dataset " + path),
                H5Dclose);
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v.c_str());
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "writing dataset " + path);
}

void H5Writer::setStringAttribute(hid_t obj, const std::string& name, const std::string& value) {
    auto lock = io::h5Lock();
    H5Handle type = utf8StringType();
    H5Handle space(checkId(H5Screate(H5S_SCALAR), "creating a dataspace"), H5Sclose);
    H5Handle attr(
        checkId(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                "creating attribute " + name),
        H5Aclose);
    const char* pointer = value.c_str();
    check(H5Awrite(attr.get(), type.get(), &pointer), "writing attribute " + name);
}

void H5Writer::setIntAttribute(hid_t obj, const std::string& name, int value) {
    writeIntAttribute(obj, name, {value}, true);
}

void H5Writer::setIntArrayAttribute(hid_t obj, const std::string& name,
                                    const std::vector<int>& values) {
    writeIntAttribute(obj, name, values, false);
}

void H5Writer::writeIntAttribute(hid_t obj, const std::string& name, const std::vector<int>& values,
                                 bool scalar) {
    auto lock = io::h5Lock();
    const hsize_t n = values.size();
    H5Handle space(checkId(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr),
                           "creating a dataspace"),
                   H5Sclose);
    H5Handle attr(
        checkId(H5Acreate2(obj, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                "creating attribute " + name),
        H5Aclose);
    check(H5Awrite(attr.get(), H5T_NATIVE_INT, values.data()), "writing attribute " + name);
}

void H5Writer::setDoubleAttribute(hid_t obj, const std::string& name, double value) {
    auto lock = io::h5Lock();
    H5Handle space(checkId(H5Screate(H5S_SCALAR), "creating a dataspace"), H5Sclose);
    H5Handle attr(checkId(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                     H5P_DEFAULT),
                          "creating attribute " + name),
                  H5Aclose);
    check(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value), "writing attribute " + name);
}

void H5Writer::close() {
    auto lock = io::h5Lock();
    if (H5Fflush(file_.get(), H5F_SCOPE_LOCAL) < 0) fail("flushing the file");
    if (!file_.close()) fail("closing the file");
}

}  // namespace repscope::demo
