#include "repscope/embed/neighbourhood.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "embed/input_checks.h"
#include "repscope/embed/knn.h"
#include "repscope/error.h"

namespace repscope::embed {

using Eigen::Index;

double trustworthiness(const MatrixF& input, const Eigen::MatrixXd& embedding, int k,
                       Progress& progress) {
    detail::checkFeatureMatrix(input, "The trustworthiness input");
    detail::checkEmbeddingMatrix(embedding, "The embedding");
    const Index n = input.rows();
    if (embedding.rows() != n) {
        throw InputError("Trustworthiness needs one embedding row per stimulus; got " +
                         std::to_string(embedding.rows()) + " rows for " + std::to_string(n) +
                         " stimuli.");
    }
    if (k < 1 || 2 * static_cast<Index>(k) >= n) {
        throw InputError("Trustworthiness needs 1 ≤ k < N/2 = " + std::to_string(n / 2.0) +
                         "; got " + std::to_string(k) + ".");
    }
    checkMemoryBudget(static_cast<std::size_t>(n), static_cast<std::size_t>(input.cols()),
                      sizeof(double), "trustworthiness");
    Eigen::MatrixXd x = input.cast<double>();
    x.rowwise() -= x.colwise().mean();
    const Eigen::VectorXd sqX = x.rowwise().squaredNorm();

    std::vector<double> penalty(static_cast<std::size_t>(n), 0.0);
    detail::ProgressPacer pacer(progress, 0.0, 1.0);
    const Index block = std::clamp<Index>((Index{1} << 21) / n, 8, 512);
    Eigen::MatrixXd g;
    for (Index r0 = 0; r0 < n; r0 += block) {
        const Index b = std::min(block, n - r0);
        g.noalias() = x.middleRows(r0, b) * x.transpose();
#pragma omp parallel
        {
            std::vector<double> dx(static_cast<std::size_t>(n));
            std::vector<std::pair<double, Index>> de(static_cast<std::size_t>(n));
#pragma omp for schedule(static)
            for (Index ii = 0; ii < b; ++ii) {
                const Index i = r0 + ii;
                for (Index j = 0; j < n; ++j) {
                    const auto sj = static_cast<std::size_t>(j);
                    dx[sj] = sqX(i) + sqX(j) - 2.0 * g(ii, j);
                    de[sj] = {j == i ? std::numeric_limits<double>::infinity()
                                     : (embedding.row(i) - embedding.row(j)).squaredNorm(),
                              j};
                }
                std::partial_sort(de.begin(), de.begin() + k, de.end());
                double sum = 0.0;
                for (int c = 0; c < k; ++c) {
                    const Index j = de[static_cast<std::size_t>(c)].second;
                    const double dij = dx[static_cast<std::size_t>(j)];
                    // Rank of j among i's input neighbours (self excluded; ties by index).
                    Index rank = 1;
                    for (Index l = 0; l < n; ++l) {
                        const double dil = dx[static_cast<std::size_t>(l)];
                        rank += (l != i && (dil < dij || (dil == dij && l < j))) ? 1 : 0;
                    }
                    sum += static_cast<double>(std::max<Index>(0, rank - k));
                }
                penalty[static_cast<std::size_t>(i)] = sum;
            }
        }
        pacer.tick(static_cast<double>(r0 + b) / static_cast<double>(n));
    }
    double total = 0.0;
    for (double p : penalty) total += p;  // fixed order: the result does not depend on threads
    const double nd = static_cast<double>(n);
    const double kd = static_cast<double>(k);
    progress.report(1.0);
    return 1.0 - total * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

Eigen::VectorXd neighbourhoodOverlap(const MatrixF& x, const MatrixF& y, int k,
                                     Progress& progress) {
    if (x.rows() != y.rows()) {
        throw InputError("Neighbourhood overlap needs the same stimuli on both sides; got " +
                         std::to_string(x.rows()) + " and " + std::to_string(y.rows()) + " rows.");
    }
    detail::SubProgress first(progress, 0.0, 0.5);
    const KnnGraph gx = exactKnn(x, k, KnnMetric::Cosine, first);
    detail::SubProgress second(progress, 0.5, 1.0);
    const KnnGraph gy = exactKnn(y, k, KnnMetric::Cosine, second);
    Eigen::VectorXd overlap(x.rows());
    for (int i = 0; i < gx.n; ++i) {
        std::vector<std::int32_t> a(gx.neighbours(i), gx.neighbours(i) + k);
        std::vector<std::int32_t> b(gy.neighbours(i), gy.neighbours(i) + k);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        std::vector<std::int32_t> common;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        overlap(i) = static_cast<double>(common.size()) / static_cast<double>(k);
    }
    return overlap;
}

}  // namespace repscope::embed
