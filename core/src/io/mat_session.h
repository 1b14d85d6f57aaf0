#pragma once
// MATLAB .mat files (v4, v5 and v7.3) through libmatio: one open file under the HDF5 lock
// (matio reads v7.3 through the same serial HDF5 library), matio's log routed into the error
// sentence instead of stderr, and checked conversions of what matio hands back. Every function
// here treats the file as hostile: sizes are checked before they are multiplied or narrowed.
#include <matio.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace repscope::io {

struct MatVarDeleter {
    void operator()(matvar_t* v) const { Mat_VarFree(v); }
};
using MatVar = std::unique_ptr<matvar_t, MatVarDeleter>;

class MatSession {
public:
    // Throws FileError when the file cannot be read or is no MAT file, one sentence naming it.
    explicit MatSession(const std::string& path);
    ~MatSession();
    MatSession(const MatSession&) = delete;
    MatSession& operator=(const MatSession&) = delete;

    [[nodiscard]] mat_t* get() const { return mat_; }
    [[nodiscard]] bool isV73() const;
    // The last problem matio logged in this session (empty when none), for error sentences.
    [[nodiscard]] std::string lastMessage() const;

private:
    std::unique_lock<std::recursive_mutex> lock_;
    mat_t* mat_ = nullptr;
};

// Product of the variable's dimensions; nullopt when it is 0 or exceeds 2^56.
[[nodiscard]] std::optional<std::uint64_t> matElements(const matvar_t& v);
// True for the numeric classes (double, single, integers) without complex or logical flags.
[[nodiscard]] bool isPlainNumeric(const matvar_t& v);
// Why a variable is not a plain numeric array ("holds complex values", "is a cell array", ...).
[[nodiscard]] std::string matNotNumericReason(const matvar_t& v);
// numpy-style name of the variable's class: float64, float32, int16, ...
[[nodiscard]] std::string matDtype(const matvar_t& v);

// The values of a numeric variable read with its data, as float, in MATLAB's column-major order.
// False when matio holds no data or fewer bytes than the dimensions need.
[[nodiscard]] bool matValues(const matvar_t& v, std::vector<float>& out);
// A 1 × L (or empty) char variable read with its data as UTF-8, at most 200 characters; nullopt
// for anything else.
[[nodiscard]] std::optional<std::string> matText(const matvar_t& v);

}  // namespace repscope::io
