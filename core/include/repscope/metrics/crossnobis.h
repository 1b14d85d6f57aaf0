#pragma once
// Crossnobis RDMs from repeated measurements (alignment.md, "Crossnobis"), as rsatoolbox's
// calc_rdm(method='crossnobis', descriptor=<conditions>, cv_descriptor=<runs>, noise=P):
// leave-one-run-out folds, per-fold condition means of the training runs (m̄) and of the test
// run (m̃), and
//   d_ij = mean over folds of (m̄_i − m̄_j) P (m̃_i − m̃_j)ᵀ / D.
// One K×K product per fold (A = M̄ P M̃ᵀ, d_ij = A_ii + A_jj − A_ij − A_ji): no per-pair
// temporaries. Values can be negative (the estimate is unbiased).
//
// P = I (identity), or the inverse of a covariance estimated from the residuals of each
// observation around its condition's mean (rsatoolbox prec_from_measurements), with dof =
// n_obs − K: `full` RᵀR/dof; `shrinkage_eye` Ledoit & Wolf (2004) towards m·I;
// `shrinkage_diag` Schäfer & Strimmer (2005) towards the diagonal. P is never formed: the
// covariance is factored once (Cholesky) and each fold solves against it.
#include <Eigen/Core>
#include <string_view>

#include "repscope/progress.h"
#include "repscope/repeated_measurements.h"

namespace repscope::metrics {

enum class NoiseModel { Identity, Full, ShrinkageDiag, ShrinkageEye };

// "identity", "full", "shrinkage_diag", "shrinkage_eye"; throws InputError otherwise.
[[nodiscard]] NoiseModel parseNoiseModel(std::string_view name);
[[nodiscard]] std::string_view noiseModelName(NoiseModel model);

// The estimated noise covariance (D×D) of the residuals (see above). Throws ResourceError beyond
// the memory budget, FormatError when there are no residual degrees of freedom.
[[nodiscard]] Eigen::MatrixXd noiseCovariance(const MatrixF& observations, const RunDesign& design,
                                              NoiseModel model);

// The K×K crossnobis RDM. Throws FormatError when there is no run descriptor or fewer than 2
// runs, a condition is missing from a run, a value is NaN/Inf, or the covariance is singular.
[[nodiscard]] Eigen::MatrixXd crossnobisRdm(const MatrixF& observations, const RunDesign& design,
                                            NoiseModel model, Progress& progress = silentProgress());

}  // namespace repscope::metrics
