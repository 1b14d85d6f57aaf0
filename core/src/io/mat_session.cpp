#include "io/mat_session.h"

#include <hdf5.h>

#include <cstring>

#include "io/h5_lock.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 56;

// matio's messages of the running session (all matio calls hold h5Lock()).
std::string& lastLog() {
    static std::string text;
    return text;
}

void logToSession(int level, char* message) {
    if ((level & (MATIO_LOG_LEVEL_ERROR | MATIO_LOG_LEVEL_CRITICAL)) == 0 || message == nullptr) {
        return;
    }
    // The first line only, bounded: HDF5 error stacks arrive as several lines.
    std::string text(message, strnlen(message, 300));
    text = text.substr(0, text.find('\n'));
    if (lastLog().empty()) lastLog() = text;
}

void routeMatioLog() {
    static const bool routed = [] {
        (void)Mat_LogInitFunc("repscope", logToSession);
        return true;
    }();
    (void)routed;
    // Mat_LogInitFunc gives HDF5 errors of this thread to matio; RepScope keeps them quiet.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace

MatSession::MatSession(const std::string& path) : lock_(h5Lock()) {
    routeMatioLog();
    lastLog().clear();
    if (FILE* probe = std::fopen(path.c_str(), "rb")) {
        std::fclose(probe);
    } else {
        throw FileError(path + " cannot be opened for reading");
    }
    mat_ = Mat_Open(path.c_str(), MAT_ACC_RDONLY);
    if (mat_ == nullptr) {
        const std::string why = lastLog();
        throw FileError(path + " is not a MATLAB .mat file that RepScope can read (v4, v5 or v7.3)" +
                        (why.empty() ? std::string() : ": " + why));
    }
}

MatSession::~MatSession() {
    if (mat_ != nullptr) Mat_Close(mat_);
}

bool MatSession::isV73() const { return Mat_GetVersion(mat_) == MAT_FT_MAT73; }

std::string MatSession::lastMessage() const { return lastLog(); }

std::optional<std::uint64_t> matElements(const matvar_t& v) {
    if (v.rank < 1 || v.dims == nullptr) return std::nullopt;
    std::uint64_t n = 1;
    for (int k = 0; k < v.rank; ++k) {
        const std::uint64_t d = v.dims[k];
        if (d == 0 || n > kMaxElements / d) return std::nullopt;
        n *= d;
    }
    return n;
}

bool isPlainNumeric(const matvar_t& v) {
    if (v.isComplex || v.isLogical) return false;
    switch (v.class_type) {
        case MAT_C_DOUBLE: case MAT_C_SINGLE: case MAT_C_INT8: case MAT_C_UINT8:
        case MAT_C_INT16: case MAT_C_UINT16: case MAT_C_INT32: case MAT_C_UINT32:
        case MAT_C_INT64: case MAT_C_UINT64:
            return true;
        default:
            return false;
    }
}

std::string matNotNumericReason(const matvar_t& v) {
    if (v.isComplex) return "holds complex values";
    if (v.isLogical) return "holds logical (true/false) values";
    switch (v.class_type) {
        case MAT_C_CHAR: return "holds text (a char array)";
        case MAT_C_SPARSE: return "is a sparse matrix";
        case MAT_C_CELL: return "is a cell array";
        case MAT_C_STRUCT: return "is a struct without a numeric field RDM";
        case MAT_C_EMPTY: return "is empty";
        case MAT_C_OBJECT: case MAT_C_OPAQUE: return "is a MATLAB object";
        case MAT_C_FUNCTION: return "is a function handle";
        default: return "holds values of a class RepScope does not read";
    }
}

std::string matDtype(const matvar_t& v) {
    switch (v.class_type) {
        case MAT_C_DOUBLE: return "float64";
        case MAT_C_SINGLE: return "float32";
        case MAT_C_INT8: return "int8";
        case MAT_C_UINT8: return "uint8";
        case MAT_C_INT16: return "int16";
        case MAT_C_UINT16: return "uint16";
        case MAT_C_INT32: return "int32";
        case MAT_C_UINT32: return "uint32";
        case MAT_C_INT64: return "int64";
        case MAT_C_UINT64: return "uint64";
        default: return "other";
    }
}

namespace {

template <typename T>
void convert(const void* data, std::size_t count, std::vector<float>& out) {
    out.resize(count);
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t k = 0; k < count; ++k) {
        T value;
        std::memcpy(&value, p + k * sizeof(T), sizeof(T));
        out[k] = static_cast<float>(value);
    }
}

}  // namespace

bool matValues(const matvar_t& v, std::vector<float>& out) {
    const auto elements = matElements(v);
    if (!elements || v.data == nullptr || !isPlainNumeric(v)) return false;
    const std::size_t size = Mat_SizeOf(v.data_type);
    if (size == 0 || v.nbytes / size < *elements) return false;
    const auto count = static_cast<std::size_t>(*elements);
    switch (v.data_type) {
        case MAT_T_DOUBLE: convert<double>(v.data, count, out); return true;
        case MAT_T_SINGLE: convert<float>(v.data, count, out); return true;
        case MAT_T_INT8: convert<std::int8_t>(v.data, count, out); return true;
        case MAT_T_UINT8: convert<std::uint8_t>(v.data, count, out); return true;
        case MAT_T_INT16: convert<std::int16_t>(v.data, count, out); return true;
        case MAT_T_UINT16: convert<std::uint16_t>(v.data, count, out); return true;
        case MAT_T_INT32: convert<std::int32_t>(v.data, count, out); return true;
        case MAT_T_UINT32: convert<std::uint32_t>(v.data, count, out); return true;
        case MAT_T_INT64: convert<std::int64_t>(v.data, count, out); return true;
        case MAT_T_UINT64: convert<std::uint64_t>(v.data, count, out); return true;
        default: return false;
    }
}

namespace {

void appendUtf8(std::string& s, std::uint32_t c) {
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::optional<std::string> matText(const matvar_t& v) {
    constexpr std::size_t kMaxChars = 200;
    if (v.class_type != MAT_C_CHAR || v.isComplex || v.rank != 2 || v.dims == nullptr) {
        return std::nullopt;
    }
    if (v.dims[0] == 0 || v.dims[1] == 0) return std::string();
    if (v.dims[0] != 1 || v.data == nullptr) return std::nullopt;
    const std::size_t length = std::min<std::size_t>(v.dims[1], kMaxChars);
    const std::size_t unit = Mat_SizeOf(v.data_type);
    if (unit == 0 || v.nbytes / unit < length) return std::nullopt;
    const auto* p = static_cast<const unsigned char*>(v.data);
    std::string out;
    switch (v.data_type) {
        case MAT_T_UINT8: case MAT_T_INT8: case MAT_T_UTF8:
            out.assign(reinterpret_cast<const char*>(p), length);
            return out;
        case MAT_T_UINT16: case MAT_T_INT16: case MAT_T_UTF16:
            for (std::size_t k = 0; k < length; ++k) {
                std::uint16_t c;
                std::memcpy(&c, p + 2 * k, 2);
                // Surrogates (characters outside the BMP) are not paired up: shown as U+FFFD.
                appendUtf8(out, c >= 0xD800 && c < 0xE000 ? 0xFFFD : c);
            }
            return out;
        default:
            return std::nullopt;
    }
}

}  // namespace repscope::io
