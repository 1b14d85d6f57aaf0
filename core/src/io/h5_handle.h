#pragma once
// RAII ownership of HDF5 identifiers and small helpers over the C API. Call under h5Lock().
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace repscope::io {

class H5Id {
public:
    H5Id() = default;
    explicit H5Id(hid_t id) : id_(id) {}
    H5Id(const H5Id&) = delete;
    H5Id& operator=(const H5Id&) = delete;
    H5Id(H5Id&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
    H5Id& operator=(H5Id&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = o.id_;
            o.id_ = H5I_INVALID_HID;
        }
        return *this;
    }
    ~H5Id() { reset(); }
    void reset();
    [[nodiscard]] hid_t get() const { return id_; }
    [[nodiscard]] bool valid() const { return id_ >= 0; }
    explicit operator bool() const { return valid(); }

private:
    hid_t id_ = H5I_INVALID_HID;
};

// The group part of an HDF5 path ("/a/b" → "/a", "/a" → "/").
[[nodiscard]] std::string parentPath(const std::string& path);

// Dataset access properties for every H5Dopen2: external raw storage is looked up beside the
// file that holds the dataset (HDF5 1.10 looks in the working directory otherwise).
[[nodiscard]] hid_t datasetAccess();

// The innermost message of the current HDF5 error stack (empty when none).
[[nodiscard]] std::string lastH5Message();

enum class ObjectType { Missing, Group, Dataset, Other };

[[nodiscard]] std::vector<std::uint64_t> datasetShape(hid_t dataset);
enum class TypeClass { Float, Integer, String, Other };
[[nodiscard]] TypeClass typeClass(hid_t type);
// numpy-style name: float16, bfloat16, float32, float64, int8..int64, uint8..uint64, string,
// bool, other; a float of any other bit layout is "floatB (non-IEEE: eXmY)".
[[nodiscard]] std::string dtypeName(hid_t type);

// Bounds on what is read from one string or column dataset (larger ones are refused or cut).
inline constexpr std::uint64_t kMaxTextValues = std::uint64_t{1} << 31;
inline constexpr std::size_t kMaxStringBytes = 4096;

// Reads a 1-D (or N×1) dataset of strings, fixed or variable length. Throws FormatError.
[[nodiscard]] std::vector<std::string> readStrings(hid_t dataset, const std::string& where);
// Reads a 1-D integer dataset as int64.
[[nodiscard]] std::vector<std::int64_t> readIntegers(hid_t dataset, const std::string& where);

// Attribute helpers: return false / empty when the attribute is absent or of another type.
[[nodiscard]] bool hasAttribute(hid_t obj, const std::string& name);
[[nodiscard]] bool readStringAttribute(hid_t obj, const std::string& name, std::string& out);
[[nodiscard]] bool readStringListAttribute(hid_t obj, const std::string& name,
                                           std::vector<std::string>& out);
[[nodiscard]] bool readIntAttribute(hid_t obj, const std::string& name, std::int64_t& out);
// Every scalar (or short 1-D) attribute rendered as text.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> attributesAsText(hid_t obj);

}  // namespace repscope::io
