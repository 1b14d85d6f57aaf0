#pragma once
// t-SNE building blocks shared by tsne.cpp and its tests of parts (private to core).
#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "embed/input_checks.h"
#include "repscope/embed/knn.h"

namespace repscope::embed::detail {

using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;
using Points = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Symmetric joint probabilities P (sum 1) from a kNN graph: per-row Gaussian conditionals whose
// entropy matches log(perplexity) (binary search on the precision, as sklearn's
// _binary_search_perplexity: 100 steps, tolerance 1e-5), then (P + Pᵀ) / sum.
[[nodiscard]] SparseRows tsneAffinities(const KnnGraph& knn, double perplexity,
                                        ProgressPacer& pacer);

// The KL gradient 4·(exaggeration·F_attr − F_rep / Z) into grad (N×dims); returns Z, the sum
// of the unnormalised Cauchy kernel over all ordered pairs i ≠ j. Exact O(N²) repulsion, or
// Barnes–Hut with opening angle theta (a cell of width w at distance d is summarised when
// w < theta·d).
double tsneGradient(const Points& y, const SparseRows& p, double exaggeration, bool exact,
                    double theta, Points& grad);

// KL(P‖Q) for the current layout, given Z from tsneGradient.
[[nodiscard]] double tsneKlDivergence(const Points& y, const SparseRows& p, double z);

}  // namespace repscope::embed::detail
