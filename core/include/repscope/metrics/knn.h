#pragma once
// Neighbourhood overlap (metrics.md, "Neighbourhoods"; Huh et al. 2024, "The Platonic
// Representation Hypothesis"). Rows are L2-normalised, similarity is the dot product (cosine);
// N_X(i) are the k most similar other stimuli (the stimulus itself excluded); ties are broken by
// the lower stimulus index. Similarities are compared after rounding to multiples of 2⁻³⁶, so
// that values equal up to GEMM rounding count as ties and the lower-index rule applies.
//
//   mutual_knn   mean over stimuli of |N_X(i) ∩ N_Y(i)| / k
//   jaccard_knn  mean over stimuli of |N_X(i) ∩ N_Y(i)| / |N_X(i) ∪ N_Y(i)|
// The per-stimulus terms are results of their own (colouring scatter points by how much a
// stimulus's neighbourhood changed). Needs 1 ≤ k ≤ N − 1 (InputError) and no all-zero row
// (FormatError naming the rows). Invariant to per-row positive scaling and to orthogonal
// transforms of either side; not to translation.
#include <Eigen/Core>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

using NeighbourMatrix = Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// N × k: row i lists the k nearest neighbours of stimulus i, most similar first.
[[nodiscard]] NeighbourMatrix nearestNeighbours(const Eigen::MatrixXd& x, int k,
                                                Progress& progress = silentProgress());

struct KnnOverlap {
    int k = 10;
    double mutualKnn = 0.0;                 // mean of mutualPerStimulus
    double jaccardKnn = 0.0;                // mean of jaccardPerStimulus
    Eigen::VectorXd mutualPerStimulus;      // |∩| / k, per stimulus
    Eigen::VectorXd jaccardPerStimulus;     // |∩| / |∪|, per stimulus
};

[[nodiscard]] KnnOverlap knnOverlap(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, int k = 10,
                                    Progress& progress = silentProgress());
[[nodiscard]] KnnOverlap knnOverlap(const MatrixF& x, const MatrixF& y, int k = 10,
                                    Progress& progress = silentProgress());

[[nodiscard]] double mutualKnn(const MatrixF& x, const MatrixF& y, int k = 10,
                               Progress& progress = silentProgress());
[[nodiscard]] double jaccardKnn(const MatrixF& x, const MatrixF& y, int k = 10,
                                Progress& progress = silentProgress());

}  // namespace repscope::metrics
