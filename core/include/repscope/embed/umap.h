#pragma once
// Uniform manifold approximation and projection (McInnes, Healy & Melville 2018), following
// umap-learn's defaults: kNN graph (n_neighbors = 15, the stimulus itself counted; exact up to
// exactKnnMaxN stimuli, hnswlib above), fuzzy simplicial set (smooth kNN distances with
// local_connectivity 1, fuzzy union), spectral initialisation on the normalised Laplacian
// (Spectra; PCA when the graph is disconnected or the eigensolver does not converge), then
// SGD with negative sampling (5 per positive sample), linearly decaying learning rate 1.0.
// The SGD runs on one thread so that a seed fixes the result exactly.
#include <Eigen/Core>
#include <cstdint>
#include <utility>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

enum class UmapInit { Spectral, Pca, Random };

struct UmapOptions {
    int dims = 2;         // 2 or 3
    int neighbours = 15;  // umap-learn's n_neighbors (includes the stimulus itself)
    double minDist = 0.1;
    double spread = 1.0;
    int epochs = 0;  // 0: 500 for N ≤ 10,000, else 200 (umap-learn)
    double learningRate = 1.0;
    double repulsionStrength = 1.0;
    int negativeSampleRate = 5;
    UmapInit init = UmapInit::Spectral;
    int exactKnnMaxN = 20000;  // exact kNN up to this N, hnswlib above
    std::uint64_t seed = 0;
};

struct UmapResult {
    Eigen::MatrixXd embedding;  // N×dims
    double a = 0.0;             // output kernel 1 / (1 + a·d^(2b))
    double b = 0.0;
    int epochs = 0;
    UmapInit initUsed = UmapInit::Spectral;  // Pca when spectral initialisation fell back
    int edges = 0;                           // directed edges of the fuzzy graph after pruning
};

// The a, b of the output kernel for min_dist and spread (umap-learn's find_ab_params: least
// squares fit of 1 / (1 + a x^2b) to the target curve). For the defaults (0.1, 1.0) it returns
// umap-learn's a = 1.5769, b = 0.8951. Throws InputError unless 0 ≤ minDist < spread.
[[nodiscard]] std::pair<double, double> umapCurveParameters(double minDist, double spread);

// Throws InputError (N < 4; dims not 2/3; neighbours not in [2, N]; epochs < 0),
// FormatError (NaN/Inf in x, counted), Cancelled. Reports progress about every 50 ms.
[[nodiscard]] UmapResult computeUmap(const MatrixF& x, const UmapOptions& options = {},
                                     Progress& progress = silentProgress());

}  // namespace repscope::embed
