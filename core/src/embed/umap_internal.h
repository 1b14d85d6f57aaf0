#pragma once
// UMAP building blocks (private to core).
#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "embed/input_checks.h"
#include "repscope/embed/knn.h"

namespace repscope::embed::detail {

using UmapGraph = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;

// The fuzzy simplicial set: memberships exp(−(d − ρ_i)/σ_i) on the kNN graph (σ_i by binary
// search so that Σ_j exp(−(d_ij − ρ_i)/σ_i) = log2(n_neighbors)), then the fuzzy union
// A + Aᵀ − A∘Aᵀ. `knn` excludes the stimulus itself; nNeighbours counts it (knn.k + 1).
[[nodiscard]] UmapGraph fuzzySimplicialSet(const KnnGraph& knn, ProgressPacer& pacer);

// Number of connected components of the graph.
[[nodiscard]] int connectedComponents(const UmapGraph& graph);

// The eigenvectors 2..dims+1 of the normalised Laplacian's smallest eigenvalues (N×dims), or
// an empty matrix when the eigensolver does not converge.
[[nodiscard]] Eigen::MatrixXd spectralLayout(const UmapGraph& graph, int dims,
                                             ProgressPacer& pacer);

}  // namespace repscope::embed::detail
