#pragma once
// Principal component analysis of an N×D feature matrix (rows = stimuli).
//
// Conventions (all results are float64, column-major Eigen matrices):
// - The data are centred (column means removed); nothing is scaled.
// - explainedVariance is the sample variance along each axis (eigenvalue of the covariance with
//   divisor N − 1, as sklearn.decomposition.PCA); explainedVarianceRatio divides it by the total
//   variance (sum of all column variances), so it is exact for every method.
// - Sign convention, for determinism: in every component the loading of largest magnitude is
//   positive (sklearn's svd_flip with u_based_decision=False).
#include <Eigen/Core>
#include <cstdint>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

enum class PcaMethod {
    Auto,        // Exact when min(N, D) ≤ 1000 or k > min(N, D) / 4, else Randomized.
    Exact,       // Eigendecomposition of the D×D covariance (D ≤ N) or of the N×N Gram matrix.
    Randomized,  // Randomized SVD (Halko et al. 2011) with power iterations; seeded.
};

struct PcaOptions {
    int components = 2;  // k, 1 ≤ k ≤ min(N, D)
    PcaMethod method = PcaMethod::Auto;
    int oversampling = 10;    // extra random directions (Randomized)
    int powerIterations = 6;  // subspace iterations (Randomized)
    std::uint64_t seed = 0;   // random test matrix (Randomized)
};

struct PcaResult {
    Eigen::MatrixXd coordinates;             // N×k scores, (x − mean) · components
    Eigen::MatrixXd components;              // D×k, orthonormal columns (principal axes)
    Eigen::VectorXd mean;                    // D column means
    Eigen::VectorXd explainedVariance;       // k, descending
    Eigen::VectorXd explainedVarianceRatio;  // k, fraction of totalVariance
    double totalVariance = 0.0;              // sum of the D column sample variances
    PcaMethod methodUsed = PcaMethod::Exact;
};

// Throws InputError (N < 4, k out of range), FormatError (NaN/Inf, counted), Cancelled.
// Reports progress between row blocks; a single dense eigensolve (≤ 1000² in Auto) is not
// interruptible.
[[nodiscard]] PcaResult computePca(const MatrixF& x, const PcaOptions& options = {},
                                   Progress& progress = silentProgress());

}  // namespace repscope::embed
