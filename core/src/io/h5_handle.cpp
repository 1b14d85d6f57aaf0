#include "io/h5_handle.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "io/probe_trace.h"
#include "repscope/error.h"
#include "repscope/representation.h"

namespace repscope::io {

void H5Id::reset() {
    if (id_ >= 0) {
        switch (H5Iget_type(id_)) {
            case H5I_FILE: H5Fclose(id_); break;
            case H5I_GROUP: H5Gclose(id_); break;
            case H5I_DATASET: H5Dclose(id_); break;
            case H5I_DATASPACE: H5Sclose(id_); break;
            case H5I_DATATYPE: H5Tclose(id_); break;
            case H5I_ATTR: H5Aclose(id_); break;
            case H5I_GENPROP_LST: H5Pclose(id_); break;
            default: H5Idec_ref(id_); break;
        }
    }
    id_ = H5I_INVALID_HID;
}

std::string parentPath(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos || slash == 0 ? std::string("/") : path.substr(0, slash);
}

hid_t datasetAccess() {
    static const hid_t dapl = [] {
        const hid_t p = H5Pcreate(H5P_DATASET_ACCESS);
        H5Pset_efile_prefix(p, "${ORIGIN}");
        return p;
    }();
    return dapl;
}

namespace {
herr_t innermostMessage(unsigned n, const H5E_error2_t* err, void* data) {
    auto* out = static_cast<std::string*>(data);
    if (n == 0 && err->desc != nullptr) *out = err->desc;
    return 0;
}
}  // namespace

std::string lastH5Message() {
    std::string msg;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermostMessage, &msg);
    H5Eclear2(H5E_DEFAULT);
    return msg;
}

std::vector<std::uint64_t> datasetShape(hid_t dataset) {
    H5Id space(H5Dget_space(dataset));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank <= 0) return {};
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return {dims.begin(), dims.end()};
}

TypeClass typeClass(hid_t type) {
    switch (H5Tget_class(type)) {
        case H5T_FLOAT: return TypeClass::Float;
        case H5T_INTEGER: return TypeClass::Integer;
        case H5T_STRING: return TypeClass::String;
        default: return TypeClass::Other;
    }
}

namespace {
std::string floatName(hid_t type, std::size_t size) {
    std::size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0) return "float (unreadable layout)";
    const std::size_t bias = H5Tget_ebias(type);
    const std::size_t bits = size * 8;
    // IEEE layouts only: the exponent's width bounds the shift (a file can declare any width).
    const bool standard = spos == bits - 1 && mpos == 0 && epos == msize && esize >= 2 && esize <= 16 &&
                          H5Tget_norm(type) == H5T_NORM_IMPLIED && bias == (std::size_t{1} << (esize - 1)) - 1;
    if (standard) {
        if (bits == 16 && esize == 5 && msize == 10) return "float16";
        if (bits == 16 && esize == 8 && msize == 7) return "bfloat16";
        if (bits == 32 && esize == 8 && msize == 23) return "float32";
        if (bits == 64 && esize == 11 && msize == 52) return "float64";
    }
    return "float" + std::to_string(bits) + " (non-IEEE: " + std::to_string(esize) +
           "-bit exponent, " + std::to_string(msize) + "-bit mantissa)";
}
}  // namespace

std::string dtypeName(hid_t type) {
    const std::size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
        case H5T_FLOAT: return floatName(type, size);
        case H5T_INTEGER:
            return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(size * 8);
        case H5T_STRING: return "string";
        case H5T_ENUM: return H5Tget_size(type) == 1 ? "bool" : "enum";
        default: return "other";
    }
}

namespace {

// Strings from a file are cut at kMaxStringBytes (marked with "…") so that one damaged or
// hostile label cannot fill a view, a report or a terminal.
std::string boundedString(std::string_view s) {
    if (s.size() <= kMaxStringBytes) return std::string(s);
    std::size_t cut = kMaxStringBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0u) == 0x80u) --cut;  // UTF-8
    return std::string(s.substr(0, cut)) + "…";
}

std::string byteText(double bytes) {
    char buf[32];
    if (bytes >= 1e9) {
        std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
    } else if (bytes >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
    }
    return buf;
}

void checkTextBudget(std::size_t count, std::size_t bytesEach, const std::string& where, const char* what) {
    const double bytes = static_cast<double>(count) * static_cast<double>(bytesEach);
    const auto budget = static_cast<double>(memoryBudgetBytes());
    if (bytes > budget) {
        throw ResourceError(where + " holds " + std::to_string(count) + " " + what + ", which need " +
                            byteText(bytes) + " of memory, more than the memory budget of " + byteText(budget));
    }
}

std::vector<std::string> readStringData(hid_t obj, hid_t fileType, hid_t space, bool isAttribute,
                                        const std::string& where) {
    traceTouch(where);
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    if (count < 0) throw FormatError(where + " has an unreadable shape");
    if (static_cast<std::uint64_t>(count) > kMaxTextValues) {
        throw FormatError(where + " holds " + std::to_string(count) + " strings, more than the " +
                          std::to_string(kMaxTextValues) + " RepScope reads");
    }
    const auto n = static_cast<std::size_t>(count);
    const bool variable = H5Tis_variable_str(fileType) > 0;
    // A file can declare a billion labels without storing them: count the memory they would
    // take before any of it is asked for.
    checkTextBudget(n, sizeof(std::string) + (variable ? sizeof(char*) : H5Tget_size(fileType)), where, "strings");
    std::vector<std::string> out;
    out.reserve(n);
    const H5T_cset_t cset = H5Tget_cset(fileType);
    if (variable) {
        H5Id mem(H5Tcopy(H5T_C_S1));
        H5Tset_size(mem.get(), H5T_VARIABLE);
        H5Tset_cset(mem.get(), cset);
        std::vector<char*> ptrs(n, nullptr);
        const herr_t rc = isAttribute ? H5Aread(obj, mem.get(), ptrs.data())
                                      : H5Dread(obj, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                                                ptrs.data());
        if (rc < 0) throw FormatError(where + " could not be read as strings: " + lastH5Message());
        for (char* p : ptrs) out.push_back(boundedString(p != nullptr ? p : ""));
        H5Dvlen_reclaim(mem.get(), space, H5P_DEFAULT, ptrs.data());
        return out;
    }
    const std::size_t width = H5Tget_size(fileType);
    if (width == 0 || width > kMaxStringBytes * 16 || n * width > (std::size_t{1} << 32)) {
        throw FormatError(where + " holds " + std::to_string(n) + " strings of " +
                          std::to_string(width) + " bytes each, more than RepScope reads");
    }
    H5Id mem(H5Tcopy(H5T_C_S1));
    H5Tset_size(mem.get(), width);
    H5Tset_strpad(mem.get(), H5T_STR_NULLPAD);
    H5Tset_cset(mem.get(), cset);
    std::vector<char> buf(n * width + 1, '\0');
    const herr_t rc = isAttribute
                          ? H5Aread(obj, mem.get(), buf.data())
                          : H5Dread(obj, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    if (rc < 0) throw FormatError(where + " could not be read as strings: " + lastH5Message());
    for (std::size_t i = 0; i < n; ++i) {
        const char* s = buf.data() + i * width;
        out.push_back(boundedString(std::string_view(s, strnlen(s, width))));
    }
    return out;
}

}  // namespace

std::vector<std::string> readStrings(hid_t dataset, const std::string& where) {
    H5Id type(H5Dget_type(dataset));
    if (typeClass(type.get()) != TypeClass::String) {
        throw FormatError(where + " holds " + dtypeName(type.get()) + " values, not strings");
    }
    H5Id space(H5Dget_space(dataset));
    return readStringData(dataset, type.get(), space.get(), false, where);
}

std::vector<std::int64_t> readIntegers(hid_t dataset, const std::string& where) {
    traceTouch(where);
    H5Id space(H5Dget_space(dataset));
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count > 0 && static_cast<std::uint64_t>(count) > kMaxTextValues) {
        throw FormatError(where + " holds " + std::to_string(count) + " values, more than the " +
                          std::to_string(kMaxTextValues) + " RepScope reads as a column");
    }
    checkTextBudget(count > 0 ? static_cast<std::size_t>(count) : 0, sizeof(std::int64_t), where, "values");
    std::vector<std::int64_t> out(count > 0 ? static_cast<std::size_t>(count) : 0);
    if (out.empty()) return out;
    if (H5Dread(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
        throw FormatError(where + " could not be read as integers: " + lastH5Message());
    }
    return out;
}

bool hasAttribute(hid_t obj, const std::string& name) {
    return H5Aexists(obj, name.c_str()) > 0;
}

bool readStringListAttribute(hid_t obj, const std::string& name, std::vector<std::string>& out) {
    if (!hasAttribute(obj, name)) return false;
    H5Id attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
    if (!attr) return false;
    H5Id type(H5Aget_type(attr.get()));
    if (typeClass(type.get()) != TypeClass::String) return false;
    H5Id space(H5Aget_space(attr.get()));
    try {
        out = readStringData(attr.get(), type.get(), space.get(), true, "attribute " + name);
    } catch (const FormatError&) {
        return false;
    }
    return true;
}

bool readStringAttribute(hid_t obj, const std::string& name, std::string& out) {
    std::vector<std::string> values;
    if (!readStringListAttribute(obj, name, values) || values.size() != 1) return false;
    out = values.front();
    return true;
}

bool readIntAttribute(hid_t obj, const std::string& name, std::int64_t& out) {
    if (!hasAttribute(obj, name)) return false;
    H5Id attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
    if (!attr) return false;
    H5Id type(H5Aget_type(attr.get()));
    const TypeClass tc = typeClass(type.get());
    if (tc != TypeClass::Integer && tc != TypeClass::Float) return false;
    H5Id space(H5Aget_space(attr.get()));
    if (H5Sget_simple_extent_npoints(space.get()) != 1) return false;
    if (tc == TypeClass::Integer) {
        return H5Aread(attr.get(), H5T_NATIVE_INT64, &out) >= 0;
    }
    double v = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v) < 0) return false;
    // A value from the file: NaN or out of range is not an integer (casting it would be UB).
    if (!(v >= -9.0e18 && v <= 9.0e18)) return false;
    out = static_cast<std::int64_t>(v);
    return true;
}

std::vector<std::pair<std::string, std::string>> attributesAsText(hid_t obj) {
    std::vector<std::pair<std::string, std::string>> out;
    H5O_info_t info{};
    if (H5Oget_info(obj, &info) < 0) return out;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        H5Id attr(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT,
                                 H5P_DEFAULT));
        if (!attr) continue;
        const ssize_t len = H5Aget_name(attr.get(), 0, nullptr);
        if (len <= 0) continue;
        std::string name(static_cast<std::size_t>(len), '\0');
        H5Aget_name(attr.get(), static_cast<std::size_t>(len) + 1, name.data());
        H5Id type(H5Aget_type(attr.get()));
        H5Id space(H5Aget_space(attr.get()));
        const hssize_t npts = H5Sget_simple_extent_npoints(space.get());
        if (npts <= 0 || npts > 64) continue;
        std::ostringstream text;
        switch (typeClass(type.get())) {
            case TypeClass::String: {
                std::vector<std::string> v;
                if (!readStringListAttribute(obj, name, v)) continue;
                for (std::size_t k = 0; k < v.size(); ++k) text << (k ? ", " : "") << v[k];
                break;
            }
            case TypeClass::Integer:
            case TypeClass::Float: {
                std::vector<double> v(static_cast<std::size_t>(npts));
                if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, v.data()) < 0) continue;
                for (std::size_t k = 0; k < v.size(); ++k) text << (k ? ", " : "") << v[k];
                break;
            }
            default: continue;
        }
        out.emplace_back(name, text.str());
    }
    return out;
}

}  // namespace repscope::io
