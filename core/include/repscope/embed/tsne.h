#pragma once
// t-distributed stochastic neighbour embedding (van der Maaten & Hinton 2008), with the
// defaults of sklearn.manifold.TSNE / openTSNE:
// - affinities: Gaussian conditionals calibrated by binary search to the perplexity on the
//   ⌊3·perplexity⌋ + 1 nearest neighbours (exact kNN up to exactKnnMaxN stimuli, hnswlib
//   beyond), symmetrised P = (P_j|i + P_i|j) / 2N;
// - initialisation: the first PCA axes scaled to standard deviation 1e-4 (or Gaussian noise);
// - optimisation: gradient descent with momentum 0.5 (early exaggeration 12 for 250
//   iterations) then 0.8, delta-bar-delta gains (min 0.01), learning rate
//   max(N / exaggeration / 4, 50) ("auto"), 1000 iterations in all;
// - gradient: exact O(N²) for small N, Barnes–Hut (van der Maaten 2014, θ = 0.5) otherwise.
// The output kernel is the Cauchy kernel (1 + d²)⁻¹ in 2-D and 3-D alike (one degree of
// freedom, as openTSNE and the original paper; sklearn uses dims − 1 degrees of freedom).
// Deterministic for a seed, whatever the number of threads: per-point forces are computed
// independently and summed in a fixed order.
#include <Eigen/Core>
#include <cstdint>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

enum class TsneGradient { Auto, Exact, BarnesHut };
enum class TsneInit { Pca, Random };

struct TsneOptions {
    int dims = 2;              // 2 or 3
    double perplexity = 30.0;  // must be < (N − 1) / 3
    int iterations = 1000;     // in all, early exaggeration included
    int exaggerationIterations = 250;
    double earlyExaggeration = 12.0;
    double learningRate = 0.0;  // ≤ 0: "auto" = max(N / earlyExaggeration / 4, 50)
    double theta = 0.5;         // Barnes–Hut opening angle
    TsneGradient gradient = TsneGradient::Auto;
    int exactGradientMaxN = 500;  // Auto: exact gradient (and dense P) up to this N
    int exactKnnMaxN = 20000;     // exact kNN up to this N, hnswlib above
    TsneInit init = TsneInit::Pca;
    std::uint64_t seed = 0;  // random init, randomized PCA, HNSW levels
};

struct TsneResult {
    Eigen::MatrixXd embedding;   // N×dims
    double klDivergence = 0.0;   // KL(P‖Q) at the end (Barnes–Hut estimate of Z for BH)
    double learningRate = 0.0;   // the one used
    bool exactGradient = false;  // which gradient was used
};

// Throws InputError (N < 4; dims not 2/3; perplexity ≤ 0 or ≥ (N − 1)/3; iteration counts),
// FormatError (NaN/Inf in x, counted), Cancelled. Reports progress about every 50 ms.
[[nodiscard]] TsneResult computeTsne(const MatrixF& x, const TsneOptions& options = {},
                                     Progress& progress = silentProgress());

}  // namespace repscope::embed
