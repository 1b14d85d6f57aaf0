#pragma once
// Average ranks (ties share their mean rank, scipy.stats.rankdata "average") by an LSD radix
// sort on 32-bit keys that keep the values' order — 2x for multiples of ½, the float32 bits for
// float32 values, (x − min) scaled onto 32 bits for other float64 values, whose runs of equal
// keys are then ordered among themselves — in passes of 11-bit digits (skipping digits every
// key shares), instead of an O(n log n) comparison sort (5·10⁷ RDM pairs: ~1.5 s against ~17 s).
#include <Eigen/Core>

#include "metrics/metric_support.h"

namespace repscope::metrics::detail {

// v must be finite. Reports progress once per pass.
[[nodiscard]] Eigen::VectorXd radixAverageRanks(const Eigen::VectorXd& v, ProgressSpan span);

}  // namespace repscope::metrics::detail
