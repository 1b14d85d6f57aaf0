#pragma once
// The HSIC terms of linear CKA, split so a layer×layer matrix computes each representation's
// share once: centring, the squared row norms (diag K) and the self term ‖XcᵀXc‖²_F = ‖K‖²_F
// per representation, then one product per pair for ⟨K, L⟩ = ‖XcᵀYc‖²_F.
//
// Centring and all sums are float64; the products themselves run in T (float32 for cka_linear,
// where metrics.md allows it and the result agrees with float64 to ~1e-6; float64 for
// cka_linear_debiased, whose estimator subtracts terms of similar size). Each term is computed
// in feature space (D×D, D×E products) or Gram space (N×N row blocks), whichever is cheaper.
#include <Eigen/Core>

#include "metrics/metric_support.h"

namespace repscope::metrics::detail {

template <class T>
struct CentredRepresentation {
    // Xcᵀ: D×N column-major (the memory of the row-major N×D centred X), column means removed.
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> xt;
    Eigen::VectorXd ssr;  // squared row norms of Xc = diag(K), float64
    double self = 0.0;    // ‖K‖²_F
};

// Centres x (means and norms in float64, no float64 copy of a float32 input) and computes its
// self term. x must be finite.
template <class T>
[[nodiscard]] CentredRepresentation<T> centredRepresentation(const MatrixF& x, ProgressSpan span);
template <class T>
[[nodiscard]] CentredRepresentation<T> centredRepresentation(const Eigen::MatrixXd& x,
                                                             ProgressSpan span);

// ⟨K, L⟩ = ‖XcᵀYc‖²_F of two centred representations with the same N.
template <class T>
[[nodiscard]] double crossHsic(const CentredRepresentation<T>& x, const CentredRepresentation<T>& y,
                               ProgressSpan span);

// cka_linear from the three terms; FormatError when a side has zero variance.
[[nodiscard]] double linearCkaValue(double kl, double kk, double ll);
// cka_linear_debiased (Song et al. 2012 / Kornblith's feature_space_linear_cka(debiased=True)).
[[nodiscard]] double debiasedCkaValue(double kl, double kk, double ll, const Eigen::VectorXd& ssrX,
                                      const Eigen::VectorXd& ssrY, double n);

}  // namespace repscope::metrics::detail
