#include "repscope/finite.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "repscope/error.h"

namespace repscope {

NanPolicy parseNanPolicy(std::string_view name) {
    if (name == "error") return NanPolicy::Error;
    if (name == "drop") return NanPolicy::Drop;
    throw InputError("--nan-policy must be 'error' or 'drop', not '" + std::string(name) + "'");
}

bool allFinite(const float* data, std::size_t n) {
    // A float is NaN or ±Inf exactly when its 8 exponent bits are all set.
    constexpr std::uint32_t kExponent = 0x7f800000u;
    const auto count = static_cast<std::ptrdiff_t>(n);
    std::uint32_t bad = 0;
#pragma omp parallel for reduction(| : bad) schedule(static)
    for (std::ptrdiff_t i = 0; i < count; ++i) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, data + i, sizeof bits);
        bad |= static_cast<std::uint32_t>((bits & kExponent) == kExponent);
    }
    return bad == 0;
}

NonFiniteCount countNonFinite(const MatrixF& x) {
    NonFiniteCount c;
    if (allFinite(x)) return c;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        std::size_t inRow = 0;
        for (Eigen::Index j = 0; j < x.cols(); ++j) inRow += std::isfinite(x(i, j)) ? 0 : 1;
        c.values += inRow;
        c.rows += inRow > 0 ? 1 : 0;
    }
    return c;
}

std::vector<std::size_t> finiteRows(const MatrixF& x) {
    std::vector<std::size_t> rows;
    rows.reserve(static_cast<std::size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (x.row(i).allFinite()) rows.push_back(static_cast<std::size_t>(i));
    }
    return rows;
}

std::string nonFiniteValuesText(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " NaN or infinite value" : " NaN or infinite values");
}

void requireFinite(const MatrixF& x, const std::string& what,
                   const std::vector<std::string>& labels) {
    const NonFiniteCount c = countNonFinite(x);
    if (c.values == 0) return;
    std::string first;
    for (Eigen::Index i = 0; i < x.rows() && first.empty(); ++i) {
        if (!x.row(i).allFinite()) {
            const auto k = static_cast<std::size_t>(i);
            first = k < labels.size() ? labels[k] : std::string("#").append(std::to_string(k));
        }
    }
    throw FormatError(what + " contains " + std::to_string(c.values) + " NaN/Inf value" +
                      (c.values == 1 ? "" : "s") + " in " + std::to_string(c.rows) + " stimul" +
                      (c.rows == 1 ? "us" : "i") + " (first: " + first +
                      "); use --nan-policy drop to leave those stimuli out");
}

}  // namespace repscope
