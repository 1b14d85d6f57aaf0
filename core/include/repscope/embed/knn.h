#pragma once
// k-nearest-neighbour graphs of the rows of a feature matrix, the stimulus itself excluded:
// exact (blocked float32 GEMM, O(N²D), for small and medium N) or approximate (hnswlib HNSW,
// for large N). Used by t-SNE, UMAP and the neighbourhood metrics.
#include <cstdint>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed {

enum class KnnMetric {
    Euclidean,  // ‖x_i − x_j‖₂
    Cosine,     // rows L2-normalised, similarity = dot product; distance reported = 1 − cos
};

struct KnnGraph {
    int n = 0;
    int k = 0;
    // Row-major n×k: neighbours of stimulus i at [i·k, i·k + k), nearest first; ties are
    // broken by the smaller index (exact search), so the graph is deterministic.
    std::vector<std::int32_t> indices;
    std::vector<float> distances;

    [[nodiscard]] const std::int32_t* neighbours(int i) const {
        return indices.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
    }
    [[nodiscard]] const float* neighbourDistances(int i) const {
        return distances.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
    }
};

// Throws InputError when k is not in [1, N − 1], or (Cosine) a row has zero norm (naming the
// stimulus); FormatError on NaN/Inf; Cancelled.
[[nodiscard]] KnnGraph exactKnn(const MatrixF& x, int k, KnnMetric metric,
                                Progress& progress = silentProgress());

// HNSW (Malkov & Yashunin 2018; M = 16, ef_construction = 200, ef = max(3k, 64)). The index is
// built single-threaded so that the graph depends only on the seed; queries run in parallel.
[[nodiscard]] KnnGraph approximateKnn(const MatrixF& x, int k, KnnMetric metric, std::uint64_t seed,
                                      Progress& progress = silentProgress());

}  // namespace repscope::embed
