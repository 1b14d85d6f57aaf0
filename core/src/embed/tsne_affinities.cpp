#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "embed/tsne_internal.h"

namespace repscope::embed::detail {

SparseRows tsneAffinities(const KnnGraph& knn, double perplexity, ProgressPacer& pacer) {
    const int n = knn.n;
    const int k = knn.k;
    const double desiredEntropy = std::log(perplexity);
    constexpr int kSteps = 100;
    constexpr double kTolerance = 1e-5;
    std::vector<double> conditional(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));

    const int block = 4096;
    for (int r0 = 0; r0 < n; r0 += block) {
        const int r1 = std::min(n, r0 + block);
#pragma omp parallel
        {
            std::vector<double> d2(static_cast<std::size_t>(k));
#pragma omp for schedule(static)
            for (int i = r0; i < r1; ++i) {
                const float* dist = knn.neighbourDistances(i);
                // Squared distances shifted by the smallest: P and the entropy do not change,
                // and exp() cannot underflow for far-away data.
                double shift = std::numeric_limits<double>::infinity();
                for (int c = 0; c < k; ++c) {
                    d2[static_cast<std::size_t>(c)] =
                        static_cast<double>(dist[c]) * static_cast<double>(dist[c]);
                    shift = std::min(shift, d2[static_cast<std::size_t>(c)]);
                }
                for (double& v : d2) v -= shift;
                double* row = conditional.data() + static_cast<std::size_t>(i) * k;
                double beta = 1.0;
                double betaMin = -std::numeric_limits<double>::infinity();
                double betaMax = std::numeric_limits<double>::infinity();
                for (int step = 0; step < kSteps; ++step) {
                    double sum = 0.0;
                    for (int c = 0; c < k; ++c) {
                        row[c] = std::exp(-d2[static_cast<std::size_t>(c)] * beta);
                        sum += row[c];
                    }
                    sum = std::max(sum, 1e-8);
                    double weighted = 0.0;
                    for (int c = 0; c < k; ++c) {
                        row[c] /= sum;
                        weighted += d2[static_cast<std::size_t>(c)] * row[c];
                    }
                    const double diff = std::log(sum) + beta * weighted - desiredEntropy;
                    if (std::abs(diff) <= kTolerance) break;
                    if (diff > 0.0) {
                        betaMin = beta;
                        beta = std::isinf(betaMax) ? beta * 2.0 : 0.5 * (beta + betaMax);
                    } else {
                        betaMax = beta;
                        beta = std::isinf(betaMin) ? beta * 0.5 : 0.5 * (beta + betaMin);
                    }
                }
            }
        }
        pacer.tick(0.8 * r1 / n);
    }

    std::vector<Eigen::Triplet<double, int>> triplets;
    triplets.reserve(conditional.size());
    for (int i = 0; i < n; ++i) {
        const auto* nb = knn.neighbours(i);
        for (int c = 0; c < k; ++c) {
            const double v = conditional[static_cast<std::size_t>(i) * k + c];
            if (v > 0.0) triplets.emplace_back(i, nb[c], v);
        }
    }
    SparseRows cond(n, n);
    cond.setFromTriplets(triplets.begin(), triplets.end());
    SparseRows p = cond + SparseRows(cond.transpose());
    p.makeCompressed();
    const double total = std::max(p.sum(), std::numeric_limits<double>::epsilon());
    p /= total;
    pacer.tick(1.0);
    return p;
}

}  // namespace repscope::embed::detail
