#pragma once
// Classical (Torgerson) multidimensional scaling of an N×N dissimilarity matrix:
// B = −½ J D² J (J the centring matrix), coordinates = top-k eigenvectors × √eigenvalue.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

struct MdsOptions {
    int components = 2;
    // Up to this N the whole spectrum of B is computed (dense eigensolver, O(N³)); above it only
    // the top `components` and the `components` most negative eigenvalues (Lanczos, Spectra).
    // The dense solve cannot be interrupted (about 0.1 s at N = 500, 2–4 s at N = 2500 on one
    // core, so it is kept to small N); the Lanczos
    // path checks for cancellation at every matrix–vector product.
    int fullSpectrumMaxN = 500;
    // Above fullSpectrumMaxN: also find the k most negative eigenvalues (a second Lanczos run,
    // about doubling the time) for the non-Euclidean diagnostics below. Off: eigenvalues holds
    // the top k only and the negative figures stay 0.
    bool findNegative = true;
};

struct MdsResult {
    Eigen::MatrixXd coordinates;  // N×k; an axis with a non-positive eigenvalue is all zeros
    // Eigenvalues of B, descending: all N when spectrumComplete, else the top k followed by the
    // k most negative ones.
    Eigen::VectorXd eigenvalues;
    bool spectrumComplete = false;
    // Eigenvalues below −1e-9·max|λ| count as negative (non-Euclidean part of the input).
    // When !spectrumComplete only the eigenvalues found are counted: negativeCount and
    // negativeMass are then lower bounds, and positiveMass is max(found, trace + negativeMass).
    int negativeCount = 0;
    double negativeMass = 0.0;  // Σ |λ| over negative eigenvalues
    double positiveMass = 0.0;  // Σ λ over positive eigenvalues
    double trace = 0.0;         // Σ λ = trace(B), always exact
    // Share of the positive mass captured by the k axes (Σ top-k λ⁺ / positiveMass).
    double explainedRatio = 0.0;
};

// `dissimilarities` must be square, symmetric (to 1e-4 relative), finite, non-negative, with a
// zero diagonal. Throws InputError/FormatError naming the problem, Cancelled on cancel.
[[nodiscard]] MdsResult computeClassicalMds(const Eigen::MatrixXd& dissimilarities,
                                            const MdsOptions& options = {},
                                            Progress& progress = silentProgress());
// Same, for a precomputed RDM as read from a file (float32 rows).
[[nodiscard]] MdsResult computeClassicalMds(const MatrixF& dissimilarities,
                                            const MdsOptions& options = {},
                                            Progress& progress = silentProgress());

// Classical MDS of the Euclidean distances between the rows of x (N×D) without forming them:
// B = −½ J D⁽²⁾ J = Xc Xcᵀ, so its top eigenpairs are the principal components and the
// coordinates are the PCA scores (Gower 1966), λ = (N − 1) × explained variance. O(N·D²)
// instead of O(N²) memory and Lanczos on N×N; B is positive semi-definite, so the negative
// figures are exactly 0. Same axis sign convention as computeClassicalMds.
[[nodiscard]] MdsResult classicalMdsOfEuclidean(const MatrixF& x, const MdsOptions& options = {},
                                                Progress& progress = silentProgress());

}  // namespace repscope::embed
