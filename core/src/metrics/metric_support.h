#pragma once
// Internal helpers shared by the metric implementations: float64 conversion with input checks,
// centring, throttled progress over sub-ranges and row-blocked loops. Not part of the public API.
#include <Eigen/Core>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "repscope/progress.h"
#include "repscope/sub_progress.h"
#include "repscope/representation.h"

namespace repscope::metrics::detail {

using Eigen::Index;

// Forwards fractions of one stage of a computation to a Progress, mapped to [lo, hi] of the
// whole. Callers report once per block of work (blockRows: ~1e9 flops, 40-100 ms at the 10-25
// GFLOP/s of float64 GEMM on 2 cores), so no
// throttling happens here; every call also checks cancellation (through report()).
class ProgressSpan {
public:
    explicit ProgressSpan(Progress& progress, double lo = 0.0, double hi = 1.0)
        : progress_(&progress), lo_(lo), hi_(hi) {}
    void report(double fraction);
    void finish() { progress_->report(hi_); }
    [[nodiscard]] ProgressSpan sub(double a, double b) const {
        return ProgressSpan(*progress_, lo_ + (hi_ - lo_) * a, lo_ + (hi_ - lo_) * b);
    }
    void throwIfCancelled() const { progress_->throwIfCancelled(); }
    [[nodiscard]] bool isCancelled() const { return progress_->isCancelled(); }

private:
    Progress* progress_;
    double lo_;
    double hi_;
};

using repscope::SubProgress;  // repscope/sub_progress.h

// Rows per block so that one block costs about `targetFlops` given `flopsPerRow`.
[[nodiscard]] Index blockRows(Index rows, double flopsPerRow, double targetFlops = 1.0e9);

// Calls fn(first, count) for consecutive blocks of `rows`, reporting progress between blocks.
template <class Fn>
void forRowBlocks(Index rows, Index block, ProgressSpan span, Fn&& fn) {
    if (block < 1) block = 1;
    for (Index first = 0; first < rows; first += block) {
        span.report(static_cast<double>(first) / static_cast<double>(rows));
        fn(first, std::min(block, rows - first));
    }
    span.report(1.0);
}

// Divides every row of m by its Euclidean norm, in place; returns the rows whose norm is zero
// (left unchanged), for the caller's error message.
template <class M>
std::vector<Index> normaliseRows(M& m) {
    std::vector<Index> zero;
    for (Index i = 0; i < m.rows(); ++i) {
        const double norm = m.row(i).norm();
        if (!(norm > 0.0)) {
            zero.push_back(i);
        } else {
            m.row(i) /= norm;
        }
    }
    return zero;
}

// X as float64 (column-major). Throws FormatError naming `what` on NaN/Inf.
[[nodiscard]] Eigen::MatrixXd toDouble(const MatrixF& x, std::string_view what);
// Throws FormatError naming `what` when m contains NaN/Inf.
void requireFinite(const Eigen::MatrixXd& m, std::string_view what);
void requireFinite(const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>& m,
                   std::string_view what);
void requireFinite(const MatrixF& m, std::string_view what);
// Subtracts column means (accumulated in float64), in place.
void centreColumns(Eigen::MatrixXd& m);
// Throws AlignmentError when X and Y have different stimulus counts; InputError when N < minN
// or a side has no features.
void requirePair(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, std::string_view metric,
                 Index minN = 2);
// The same checks from the shapes alone.
void requirePairShape(Index xRows, Index xCols, Index yRows, Index yCols, std::string_view metric,
                      Index minN = 2);

// "rows 3, 8, 12 and 4 more" (or labels when given and large enough).
[[nodiscard]] std::string describeRows(const std::vector<Index>& rows,
                                       const std::vector<std::string>* labels);

}  // namespace repscope::metrics::detail
