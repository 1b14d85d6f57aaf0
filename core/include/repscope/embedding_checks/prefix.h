#pragma once
// Matryoshka prefixes (embedding-checks.md; Kusupati et al. 2022, 2D Matryoshka, Li et al.
// 2024): for prefix sizes d, the first d columns X[:, :d] of a representation against its full
// self with a registry metric, m(X[:, :d], X), and, when categories are given, the top-1
// leave-one-out cosine retrieval accuracy of the prefix (retrieval.h).
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/metrics/registry.h"
#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embedding_checks {

// Powers of two from 8 below d, then d itself (d ≤ 8: just d).
[[nodiscard]] std::vector<int> defaultPrefixDims(int d);

// Throws InputError naming `what` when a size is ≤ 0 or above d, or the list is empty.
void checkPrefixDims(const std::vector<int>& dims, int d, const std::string& what);

// The prefix sizes of a grid over representations of these dimensions: the union of their
// defaults, ascending.
[[nodiscard]] std::vector<int> gridPrefixDims(const std::vector<int>& ds);

struct PrefixOptions {
    std::vector<int> dims;                       // empty: defaultPrefixDims(D)
    const std::vector<std::int32_t>* codes = nullptr;  // categories for top-1; nullptr: none
    std::string name = "the representation";     // for error messages
};

struct PrefixCurve {
    std::vector<int> dims;
    std::vector<double> value;  // m(X[:, :d], X), one per d
    std::vector<double> top1;   // top-1 accuracy of X[:, :d], one per d; empty without codes
};

// Throws InputError (bad sizes, what the metric refuses), FormatError (NaN/Inf), Cancelled.
[[nodiscard]] PrefixCurve prefixCurve(const MatrixF& x, const metrics::MetricInfo& metric,
                                      const metrics::MetricParams& params,
                                      const PrefixOptions& options = {},
                                      Progress& progress = silentProgress());

// One row of a layer × prefix grid (2D Matryoshka): the curve on every size of `gridDims`
// (ascending), NaN in value and top1 where a size exceeds the representation's D (options.dims
// is ignored). Throws as prefixCurve; an empty grid or a size ≤ 0 is an InputError.
[[nodiscard]] PrefixCurve prefixCurveOnGrid(const MatrixF& x, const metrics::MetricInfo& metric,
                                            const metrics::MetricParams& params,
                                            const std::vector<int>& gridDims, PrefixOptions options = {},
                                            Progress& progress = silentProgress());

}  // namespace repscope::embedding_checks
