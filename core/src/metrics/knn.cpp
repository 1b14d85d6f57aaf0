#include "repscope/metrics/knn.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "metrics/metric_support.h"
#include "repscope/error.h"

namespace repscope::metrics {

using detail::Index;
using detail::ProgressSpan;

namespace {

void requireK(int k, Index n) {
    if (k < 1 || k > n - 1) {
        throw InputError("The neighbourhood size k must lie between 1 and N - 1 = " +
                         std::to_string(n - 1) + ", but k = " + std::to_string(k) + ".");
    }
}

NeighbourMatrix neighbours(const Eigen::MatrixXd& x, int k, ProgressSpan span, const char* side) {
    const Index n = x.rows();
    requireK(k, n);
    detail::requireFinite(x, std::string("The ") + side + " representation");
    using RowMajorXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    RowMajorXd u = x;
    const std::vector<Index> zero = detail::normaliseRows(u);
    if (!zero.empty()) {
        throw FormatError(std::to_string(zero.size()) + " stimuli of the " + side +
                          " representation are all-zero vectors, so their nearest neighbours are "
                          "undefined: " + detail::describeRows(zero, nullptr) + ".");
    }
    NeighbourMatrix nb(n, k);
    const auto kk = static_cast<std::size_t>(k);
    const Index block = detail::blockRows(n, 2.0 * static_cast<double>(x.cols() * n));
    detail::forRowBlocks(n, block, span, [&](Index first, Index count) {
        const RowMajorXd s = u.middleRows(first, count) * u.transpose();
#pragma omp parallel
        {
            std::vector<std::pair<double, Index>> cand;
            cand.reserve(static_cast<std::size_t>(n));
#pragma omp for schedule(dynamic, 8)
            for (Index a = 0; a < count; ++a) {
                const Index i = first + a;
                cand.clear();
                for (Index j = 0; j < n; ++j) {
                    // negate so that ascending order = most similar first, then lower index
                    if (j != i) cand.emplace_back(-std::nearbyint(s(a, j) * 68719476736.0), j);
                }
                std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(kk),
                                  cand.end());
                for (std::size_t t = 0; t < kk; ++t) nb(i, static_cast<Index>(t)) = cand[t].second;
            }
        }
    });
    return nb;
}

}  // namespace

NeighbourMatrix nearestNeighbours(const Eigen::MatrixXd& x, int k, Progress& progress) {
    ProgressSpan span(progress);
    NeighbourMatrix nb = neighbours(x, k, span, "given");
    span.finish();
    return nb;
}

KnnOverlap knnOverlap(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, int k,
                      Progress& progress) {
    detail::requirePair(x, y, "mutual_knn", 2);
    requireK(k, x.rows());
    ProgressSpan span(progress);
    NeighbourMatrix nx = neighbours(x, k, span.sub(0.0, 0.5), "first");
    NeighbourMatrix ny = neighbours(y, k, span.sub(0.5, 1.0), "second");
    const Index n = x.rows();
    KnnOverlap r;
    r.k = k;
    r.mutualPerStimulus.resize(n);
    r.jaccardPerStimulus.resize(n);
    for (Index i = 0; i < n; ++i) {
        std::sort(nx.row(i).begin(), nx.row(i).end());
        std::sort(ny.row(i).begin(), ny.row(i).end());
        Index common = 0;
        for (Index a = 0, b = 0; a < k && b < k;) {
            if (nx(i, a) == ny(i, b)) {
                ++common;
                ++a;
                ++b;
            } else if (nx(i, a) < ny(i, b)) {
                ++a;
            } else {
                ++b;
            }
        }
        r.mutualPerStimulus(i) = static_cast<double>(common) / k;
        r.jaccardPerStimulus(i) = static_cast<double>(common) / static_cast<double>(2 * k - common);
    }
    r.mutualKnn = r.mutualPerStimulus.mean();
    r.jaccardKnn = r.jaccardPerStimulus.mean();
    span.finish();
    return r;
}

KnnOverlap knnOverlap(const MatrixF& x, const MatrixF& y, int k, Progress& progress) {
    return knnOverlap(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()), k,
                      progress);
}

double mutualKnn(const MatrixF& x, const MatrixF& y, int k, Progress& progress) {
    return knnOverlap(x, y, k, progress).mutualKnn;
}

double jaccardKnn(const MatrixF& x, const MatrixF& y, int k, Progress& progress) {
    return knnOverlap(x, y, k, progress).jaccardKnn;
}

}  // namespace repscope::metrics
