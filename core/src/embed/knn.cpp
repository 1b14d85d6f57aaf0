#include "repscope/embed/knn.h"

// hnswlib 0.6.2's SSE path prefetches one link past the end of a neighbour list (a harmless
// read that AddressSanitizer reports as a heap overflow); sanitized builds use its plain path.
#if defined(__SANITIZE_ADDRESS__) && !defined(NO_MANUAL_VECTORIZATION)
#define NO_MANUAL_VECTORIZATION
#endif
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "embed/input_checks.h"
#include "repscope/error.h"

namespace repscope::embed {
namespace {

using Eigen::Index;

void checkK(Index n, int k) {
    if (k < 1 || k > n - 1) {
        throw InputError("The neighbourhood size k must be between 1 and N − 1 = " +
                         std::to_string(n - 1) + "; got " + std::to_string(k) + ".");
    }
}

// Rows prepared for the search: centred (Euclidean: keeps float32 d² expansions accurate) or
// L2-normalised (Cosine).
MatrixF prepareRows(const MatrixF& x, KnnMetric metric) {
    MatrixF y = x;
    if (metric == KnnMetric::Euclidean) {
        const Eigen::RowVectorXf mean = x.cast<double>().colwise().mean().cast<float>();
        y.rowwise() -= mean;
        return y;
    }
    for (Index i = 0; i < y.rows(); ++i) {
        const double norm = y.row(i).cast<double>().norm();
        if (!(norm > 0.0)) {
            throw InputError("Stimulus " + std::to_string(i) +
                             " has an all-zero feature vector, so its cosine neighbours are "
                             "undefined.");
        }
        y.row(i) /= static_cast<float>(norm);
    }
    return y;
}

}  // namespace

KnnGraph exactKnn(const MatrixF& x, int k, KnnMetric metric, Progress& progress) {
    detail::checkFeatureMatrix(x, "The k-nearest-neighbour input");
    const Index n = x.rows();
    checkK(n, k);
    const MatrixF y = prepareRows(x, metric);
    const Eigen::VectorXf sq = y.rowwise().squaredNorm();
    KnnGraph g;
    g.n = static_cast<int>(n);
    g.k = k;
    g.indices.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
    g.distances.resize(g.indices.size());
    detail::ProgressPacer pacer(progress, 0.0, 1.0);
    const Index block = std::clamp<Index>((Index{1} << 22) / std::max<Index>(n, 1), 16, 1024);
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> s;
    for (Index r0 = 0; r0 < n; r0 += block) {
        const Index b = std::min(block, n - r0);
        s.noalias() = y.middleRows(r0, b) * y.transpose();  // b×N inner products
#pragma omp parallel
        {
            std::vector<std::pair<float, std::int32_t>> row(static_cast<std::size_t>(n));
#pragma omp for schedule(static)
            for (Index ii = 0; ii < b; ++ii) {
                const Index i = r0 + ii;
                for (Index j = 0; j < n; ++j) {
                    // Squared distance (Euclidean) or 1 − cos (Cosine); self sorts last.
                    const float v = metric == KnnMetric::Euclidean
                                        ? std::max(0.0F, sq(i) + sq(j) - 2.0F * s(ii, j))
                                        : 1.0F - s(ii, j);
                    row[static_cast<std::size_t>(j)] = {
                        j == i ? std::numeric_limits<float>::infinity() : v,
                        static_cast<std::int32_t>(j)};
                }
                std::partial_sort(row.begin(), row.begin() + k, row.end());  // ties: by index
                const std::size_t out = static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
                for (int c = 0; c < k; ++c) {
                    const auto [v, j] = row[static_cast<std::size_t>(c)];
                    g.indices[out + static_cast<std::size_t>(c)] = j;
                    g.distances[out + static_cast<std::size_t>(c)] =
                        metric == KnnMetric::Euclidean ? std::sqrt(v) : std::max(0.0F, v);
                }
            }
        }
        pacer.tick(static_cast<double>(r0 + b) / static_cast<double>(n));
    }
    progress.report(1.0);
    return g;
}

KnnGraph approximateKnn(const MatrixF& x, int k, KnnMetric metric, std::uint64_t seed,
                        Progress& progress) {
    detail::checkFeatureMatrix(x, "The k-nearest-neighbour input");
    const Index n = x.rows();
    checkK(n, k);
    const MatrixF y = prepareRows(x, metric);
    const auto d = static_cast<std::size_t>(y.cols());
    hnswlib::L2Space space(d);
    auto index = std::make_unique<hnswlib::HierarchicalNSW<float>>(
        &space, static_cast<std::size_t>(n), 16, 200, static_cast<std::size_t>(seed % 1000003));
    detail::ProgressPacer pacer(progress, 0.0, 1.0);
    for (Index i = 0; i < n; ++i) {
        index->addPoint(y.row(i).data(), static_cast<hnswlib::labeltype>(i));
        if ((i & 255) == 0) pacer.tick(0.7 * static_cast<double>(i) / static_cast<double>(n));
    }
    index->setEf(static_cast<std::size_t>(std::max(3 * k, 64)));

    KnnGraph g;
    g.n = static_cast<int>(n);
    g.k = k;
    g.indices.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
    g.distances.resize(g.indices.size());
    const Index block = 4096;
    for (Index r0 = 0; r0 < n; r0 += block) {
        const Index b = std::min(block, n - r0);
#pragma omp parallel for schedule(dynamic, 64)
        for (Index i = r0; i < r0 + b; ++i) {
            auto heap = index->searchKnn(y.row(i).data(), static_cast<std::size_t>(k) + 1);
            std::vector<std::pair<float, std::int32_t>> found;
            found.reserve(heap.size());
            for (; !heap.empty(); heap.pop()) {
                const auto j = static_cast<std::int32_t>(heap.top().second);
                if (j != i) found.emplace_back(heap.top().first, j);
            }
            std::sort(found.begin(), found.end());
            const std::size_t out = static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
            for (int c = 0; c < k; ++c) {
                // Too few found (tiny, degenerate graphs): repeat the farthest one found.
                const auto& [dsq, j] =
                    found[std::min<std::size_t>(static_cast<std::size_t>(c), found.size() - 1)];
                g.indices[out + static_cast<std::size_t>(c)] = j;
                // L2Space returns squared distances; on unit rows ‖a − b‖² = 2 − 2cos.
                g.distances[out + static_cast<std::size_t>(c)] =
                    metric == KnnMetric::Euclidean ? std::sqrt(std::max(0.0F, dsq))
                                                   : std::max(0.0F, 0.5F * dsq);
            }
        }
        pacer.tick(0.7 + 0.3 * static_cast<double>(r0 + b) / static_cast<double>(n));
    }
    progress.report(1.0);
    return g;
}

}  // namespace repscope::embed
