#pragma once
// Procrustes shape distances (metrics.md, "Alignment and shape"; Williams et al. 2021,
// "Generalized shape metrics on neural representations", α = 1). X, Y are centred and scaled
// to unit Frobenius norm; ν = ‖XᵀY‖_* (nuclear norm, the best alignment over orthogonal maps).
//
//   procrustes_angular    arccos(ν), ν clamped to [−1, 1], in radians ∈ [0, π/2]
//   procrustes_euclidean  √(2 − 2ν) (the Frobenius distance after optimal rotation)
//
// D ≠ E is allowed. A side with more features than stimuli is first replaced by the N×N factor
// Rᵀ of the thin QR of its transpose (XcᵀYc = Q_X R_X Yc, so the singular values are kept),
// so the SVD is at most min(D, N) × min(E, N). All float64.
// Invariant to translation, isotropic scaling and orthogonal transforms of either side.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

// ν = ‖XᵀY‖_* after centring and unit-norm scaling, in [0, 1].
[[nodiscard]] double procrustesNuclearNorm(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                           Progress& progress = silentProgress());

[[nodiscard]] double procrustesAngular(const MatrixF& x, const MatrixF& y,
                                       Progress& progress = silentProgress());
[[nodiscard]] double procrustesEuclidean(const MatrixF& x, const MatrixF& y,
                                         Progress& progress = silentProgress());
[[nodiscard]] double procrustesAngular(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                       Progress& progress = silentProgress());
[[nodiscard]] double procrustesEuclidean(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                         Progress& progress = silentProgress());

}  // namespace repscope::metrics
