#pragma once
// The three terms of one linear CKA (⟨K, L⟩ = ‖XcᵀYc‖²_F, ‖K‖²_F = ‖XcᵀXc‖²_F, ‖L‖²_F) from ONE
// symmetric rank-k update: Z = [Xc Yc] (centred columns side by side, stored as Zᵀ, which is
// the memory of the row-major N×(D+E) matrix), C = ZᵀZ lower triangle, whose diagonal blocks are
// XcᵀXc and YcᵀYc and whose off-diagonal block is YcᵀXc. 2·N·(D+E)²/2 flops, as many as two
// half-size self products plus the cross product, but in one large BLAS call instead of a
// dozen smaller ones, with one centring pass. Z is built and multiplied a block of rows at a
// time (C += ZbᵀZb into one reused buffer), so the only large allocation besides the data is C.
//
// Centring and every sum are float64; the product runs in T (float32 for cka_linear of float32
// data, as metrics.md allows). Used when feature space is cheaper than Gram space and C fits in
// kMaxPairProductBytes; otherwise linear_hsic.h's blocked terms apply.
#include <omp.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "metrics/metric_support.h"

namespace repscope::metrics::detail {

inline constexpr double kMaxPairProductBytes = 512.0 * 1024 * 1024;
// Bytes of one block of Z's rows: large enough for the product's full speed.
inline constexpr Index kPairBlockBytes = Index{32} << 20;

struct PairHsic {
    double kl = 0.0;  // ‖XcᵀYc‖²_F
    double kk = 0.0;  // ‖XcᵀXc‖²_F
    double ll = 0.0;  // ‖YcᵀYc‖²_F
};

// Column means in float64, rows split over the threads.
template <class In>
[[nodiscard]] Eigen::RowVectorXd columnMeans(const In& x) {
    const Index n = x.rows();
    const Index d = x.cols();
    std::vector<Eigen::RowVectorXd> partial(static_cast<std::size_t>(omp_get_max_threads()),
                                            Eigen::RowVectorXd::Zero(d));
#pragma omp parallel
    {
        Eigen::RowVectorXd& mine = partial[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(static)
        for (Index i = 0; i < n; ++i) mine += x.row(i).template cast<double>();
    }
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(d);
    for (const auto& p : partial) mean += p;
    return mean / static_cast<double>(std::max<Index>(n, 1));
}

// The three terms from C = [Xc Yc]ᵀ[Xc Yc] of which only the lower triangle is set (D = columns
// of X); sums in float64.
template <class T>
[[nodiscard]] PairHsic hsicTermsOfLowerProduct(const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& c,
                                               Index d);

// Whether the feature-space form applies to N stimuli of D + E features (cheaper than Gram
// space, and C within kMaxPairProductBytes for elements of `bytes`).
[[nodiscard]] inline bool featureSpacePays(double n, double d, double e, double bytes) {
    const double w = d + e;
    return !(n * w * w > 2.0 * n * n * w) && !(w * w * bytes > kMaxPairProductBytes);
}

// nullopt when this path does not apply (Gram space cheaper, or C too large). x, y finite, same N.
template <class T, class In>
[[nodiscard]] std::optional<PairHsic> pairHsicFeatureSpace(const In& x, const In& y,
                                                           ProgressSpan span);

}  // namespace repscope::metrics::detail
