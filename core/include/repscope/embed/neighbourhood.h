#pragma once
// How well neighbourhoods survive a projection or a change of representation.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

// Trustworthiness (Venna & Kaski 2001; the formula of sklearn.manifold.trustworthiness with
// Euclidean distances): 1 − 2/(N k (2N − 3k − 1)) Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k), where
// U_k(i) are the embedding's k nearest neighbours of i that are not among its k nearest in the
// input and r(i, j) the rank of j among i's input-space neighbours (1 = nearest). Exact:
// O(N²(D + k)) time, O(N) memory per thread, float64 distances. Throws InputError (N < 4,
// row counts differ, k not in [1, N/2)), FormatError (NaN/Inf), Cancelled.
[[nodiscard]] double trustworthiness(const MatrixF& input, const Eigen::MatrixXd& embedding,
                                     int k = 10, Progress& progress = silentProgress());

// Per-stimulus neighbourhood overlap |N_X(i) ∩ N_Y(i)| / k between two representations of the
// same stimuli (metrics.md, "Neighbourhoods": rows L2-normalised, dot-product similarity, k
// nearest excluding the stimulus itself; exact search). Its mean is `mutual_knn`. Throws
// InputError (row counts differ, k not in [1, N − 1], an all-zero row, naming the stimulus),
// FormatError (NaN/Inf), Cancelled.
[[nodiscard]] Eigen::VectorXd neighbourhoodOverlap(const MatrixF& x, const MatrixF& y, int k = 10,
                                                   Progress& progress = silentProgress());

}  // namespace repscope::embed
