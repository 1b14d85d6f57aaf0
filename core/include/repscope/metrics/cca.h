#pragma once
// The CCA family (metrics.md, "Kernel and CCA family"). X is N×D, Y is N×E; both are centred
// (column means subtracted, float64). Every member needs D < N and E < N, and pwcca
// D + E ≤ N − 1; otherwise InputError explains why (canonical correlations would be 1 by
// construction).
//
// Orthonormal bases come from a thin Householder QR of the centred data followed by an SVD of
// R: singular values at or below 1e-6 × the largest are treated as zero (float32 inputs carry
// about 7 significant digits, so such directions are rounding noise; duplicated, constant or
// linearly dependent columns are dropped instead of producing garbage). With full-rank inputs
// the basis spans the same space as Q of the thin QR, so the values are those of the textbook
// definitions. Canonical correlations are the singular values of Q_Xᵀ Q_Y.
//
//   cca_r2  R²_CCA = ‖Q_Yᵀ Q_X‖²_F / min(r_X, r_Y), the mean squared canonical correlation;
//           r = numerical rank, = min(D, E) for full-rank inputs as metrics.md defines it.
//   svcca   Raghu et al. 2017: keep, per side, the fewest top singular directions whose
//           squared singular values reach `keep` (default 0.99) of the total variance, then
//           the mean of the canonical correlations of the two reduced subspaces.
//   pwcca   Morcos et al. 2018, weights on the first argument: with h_i the unit-norm i-th
//           canonical variate of X (i < min(r_X, r_Y)) and x_j the j-th centred column of X,
//           α_i ∝ Σ_j |⟨h_i, x_j⟩|, Σα = 1; pwcca = Σ α_i ρ_i. Not symmetric.
// Invariant to invertible linear maps of either side (cca_r2, pwcca; svcca after its
// truncation only to orthogonal maps and isotropic scaling) and to translation.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

struct CanonicalCorrelations {
    Eigen::VectorXd rho;        // descending, min(rankX, rankY) values in [0, 1]
    Eigen::MatrixXd variatesX;  // N × rho.size(): unit-norm canonical variates of X
    Eigen::Index rankX = 0;
    Eigen::Index rankY = 0;
};

// Canonical correlations of X and Y (metric = the name used in error sentences).
[[nodiscard]] CanonicalCorrelations canonicalCorrelations(const Eigen::MatrixXd& x,
                                                          const Eigen::MatrixXd& y,
                                                          Progress& progress = silentProgress(),
                                                          const char* metric = "CCA");

[[nodiscard]] double ccaR2(const MatrixF& x, const MatrixF& y,
                           Progress& progress = silentProgress());
[[nodiscard]] double svcca(const MatrixF& x, const MatrixF& y, double keep = 0.99,
                           Progress& progress = silentProgress());
[[nodiscard]] double pwcca(const MatrixF& x, const MatrixF& y,
                           Progress& progress = silentProgress());

[[nodiscard]] double ccaR2(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                           Progress& progress = silentProgress());
[[nodiscard]] double svcca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double keep = 0.99,
                           Progress& progress = silentProgress());
[[nodiscard]] double pwcca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                           Progress& progress = silentProgress());

}  // namespace repscope::metrics
