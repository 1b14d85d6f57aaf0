#pragma once
// Centred kernel alignment (metrics.md, "Kernel and CCA family"). X is N×D, Y is N×E, rows the
// same stimuli. All sums, means and HSIC terms in float64 (inputs are converted once).
//
//   cka_linear           ‖YcᵀXc‖²_F / (‖XcᵀXc‖_F ‖YcᵀYc‖_F)  (Kornblith et al. 2019, ICML)
//   cka_linear_debiased  the same with the unbiased HSIC estimator of Song et al. (2012), exactly
//                        Kornblith's reference feature_space_linear_cka(debiased=True), which
//                        equals cka(gram_linear, debiased=True) with center_gram(unbiased=True).
//                        Needs N ≥ 4.
//   cka_rbf              Gaussian-kernel CKA with the biased HSIC: K_ij = exp(−d²_ij /
//                        (2 t² median(d²))), median over all N² squared distances, diagonal
//                        included (numpy.median: the mean of the two middle values when N² is
//                        even); kernels double-centred (HKH); t = threshold, default 1.0.
//
// Linear CKA needs only ⟨K,L⟩, ‖K‖², ‖L‖² and the diagonals of the centred Gram matrices K =
// XcXcᵀ, L = YcYcᵀ. The feature-space form (D×D, E×E, D×E products) is used when it is the
// cheaper one, D² + E² + DE ≤ N(D + E) (so whenever D, E < N/2 and never when D ≥ N); else the
// Gram form, in row blocks of K and L, which never holds an N×N matrix (cka_linear of float32
// input: float32 products; otherwise float64; see linear_hsic.h). cka_rbf holds two N×N
// float64 kernels (checked against the memory budget).
// Invariant to orthogonal transforms and isotropic scaling of either side (and translation);
// not to general invertible linear maps or non-isotropic scaling.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

[[nodiscard]] double ckaLinear(const MatrixF& x, const MatrixF& y,
                               Progress& progress = silentProgress());
[[nodiscard]] double ckaLinearDebiased(const MatrixF& x, const MatrixF& y,
                                       Progress& progress = silentProgress());
[[nodiscard]] double ckaRbf(const MatrixF& x, const MatrixF& y, double threshold = 1.0,
                            Progress& progress = silentProgress());

// float64 inputs (same definitions).
[[nodiscard]] double ckaLinear(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                               Progress& progress = silentProgress());
[[nodiscard]] double ckaLinearDebiased(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                       Progress& progress = silentProgress());
[[nodiscard]] double ckaRbf(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                            double threshold = 1.0, Progress& progress = silentProgress());

}  // namespace repscope::metrics
