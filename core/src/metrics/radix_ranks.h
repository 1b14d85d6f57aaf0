#pragma once
// Average ranks (ties share their mean rank, scipy.stats.rankdata "average") by an LSD radix
// sort on 32-bit keys that keep the values' order — 2x for multiples of ½, the float32 bits for
// float32 values, (x − min) scaled onto 32 bits for other float64 values, whose runs of equal
// keys are then ordered among themselves — in passes of 11-bit digits (skipping digits every
// key shares), instead of an O(n log n) comparison sort (5·10⁷ RDM pairs: ~1.5 s against ~17 s).
#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "metrics/metric_support.h"

namespace repscope::metrics::detail {

// v must be finite. Reports progress once per pass.
[[nodiscard]] Eigen::VectorXd radixAverageRanks(const Eigen::VectorXd& v, ProgressSpan span);
// The same written to `out` (v.size() places, not v itself; e.g. a column of a reused matrix, so that ranking
// many vectors does not fault in fresh memory for each); InputError when the sizes differ.
void radixAverageRanksInto(const Eigen::VectorXd& v, Eigen::Ref<Eigen::VectorXd> out, ProgressSpan span);

// Ranks of n pairs in an uninitialised buffer, advised onto huge pages before its first write (a
// value-initialised vector would fault in 4 KiB pages first, which cost this step as much as the
// ranking on a virtual machine).
struct DoubledRanks {
    std::unique_ptr<std::uint32_t[]> data;
    std::size_t size = 0;
    [[nodiscard]] std::uint32_t operator[](std::size_t i) const { return data[i]; }
};

// Twice the average ranks (exact integers, 2…2n) of the upper triangle (i < j, row-major) of a
// square float32 matrix, ranked on the float32 values themselves, without a float64 copy of the
// triangle. FormatError naming `what` when m is not square or holds NaN/Inf; InputError from
// 2³¹ pairs (N > 65,536).
[[nodiscard]] DoubledRanks doubledUpperTriangleRanks(const MatrixF& m, std::string_view what,
                                                     ProgressSpan span);

// The same for a size × size matrix whose rows rowOf(r) hands out in turn (r = 0, 1, …, size − 2,
// each pointer valid until the next call): the rows of a stored RDM read a block at a time.
using RowSource = std::function<const float*(std::size_t)>;
[[nodiscard]] DoubledRanks doubledUpperTriangleRanks(std::size_t size, const RowSource& rowOf,
                                                     std::string_view what, ProgressSpan span);

}  // namespace repscope::metrics::detail
