#include "repscope/metrics/cka.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "metrics/linear_cka_pair.h"
#include "metrics/linear_hsic.h"
#include "metrics/metric_support.h"
#include "repscope/linalg/blas.h"
#include "repscope/error.h"

namespace repscope::metrics {

using detail::Index;
using detail::ProgressSpan;

namespace {

void requireVariance(double kk, double ll, const char* metric) {
    if (!(kk > 0.0) || !(ll > 0.0)) {
        throw FormatError(std::string(metric) + " is undefined because one representation is "
                          "the same for every stimulus (zero variance).");
    }
}

// Linear CKA from either input type; products in float32 for the biased estimator of float32
// data, else float64 (see linear_hsic.h).
template <class M>
double linearCka(const M& x, const M& y, bool unbiased, bool floatProducts, Progress& progress) {
    const char* name = unbiased ? "cka_linear_debiased" : "cka_linear";
    detail::requirePairShape(x.rows(), x.cols(), y.rows(), y.cols(), name, unbiased ? 4 : 2);
    detail::requireFinite(x, "The first representation");
    detail::requireFinite(y, "The second representation");
    ProgressSpan span(progress);
    if (!unbiased) {
        // One symmetric rank-k update of [Xc Yc] when feature space is the cheaper form.
        const auto terms = floatProducts ? detail::pairHsicFeatureSpace<float>(x, y, span)
                                         : detail::pairHsicFeatureSpace<double>(x, y, span);
        if (terms) return detail::linearCkaValue(terms->kl, terms->kk, terms->ll);
    }
    if (!unbiased && floatProducts) {
        const auto cx = detail::centredRepresentation<float>(x, span.sub(0.0, 0.3));
        const auto cy = detail::centredRepresentation<float>(y, span.sub(0.3, 0.6));
        const double kl = detail::crossHsic(cx, cy, span.sub(0.6, 1.0));
        span.finish();
        return detail::linearCkaValue(kl, cx.self, cy.self);
    }
    const auto cx = detail::centredRepresentation<double>(x, span.sub(0.0, 0.3));
    const auto cy = detail::centredRepresentation<double>(y, span.sub(0.3, 0.6));
    const double kl = detail::crossHsic(cx, cy, span.sub(0.6, 1.0));
    span.finish();
    if (!unbiased) return detail::linearCkaValue(kl, cx.self, cy.self);
    return detail::debiasedCkaValue(kl, cx.self, cy.self, cx.ssr, cy.ssr,
                                    static_cast<double>(x.rows()));
}

// The double-centred RBF kernel HKH of X, written to k (N×N), for threshold t.
void rbfKernel(const Eigen::MatrixXd& x, double threshold, Eigen::MatrixXd& k, ProgressSpan span,
               const char* side) {
    const Index n = x.rows();
    Eigen::MatrixXd xc = x;
    detail::centreColumns(xc);
    const Eigen::VectorXd sq = xc.rowwise().squaredNorm();
    k.resize(n, n);
    const Index block = detail::blockRows(n, 2.0 * static_cast<double>(xc.cols() * n),
                                          linalg::blockFlops());
    detail::forRowBlocks(n, block, span.sub(0.0, 0.5), [&](Index first, Index count) {
        linalg::gemm(false, true, 1.0, xc, xc.middleRows(first, count), 0.0,
                     k.middleCols(first, count));
#pragma omp parallel for schedule(static)
        for (Index c = first; c < first + count; ++c) {
            for (Index r = 0; r < n; ++r) k(r, c) = std::max(0.0, sq(r) + sq(c) - 2.0 * k(r, c));
            k(c, c) = 0.0;
        }
    });
    // Median of all N² entries: N zeros on the diagonal plus every off-diagonal value twice.
    std::vector<double> upper;
    upper.reserve(static_cast<std::size_t>(n * (n - 1) / 2));
    for (Index c = 0; c < n; ++c)
        for (Index r = 0; r < c; ++r) upper.push_back(k(r, c));
    span.report(0.6);
    const auto nn = static_cast<std::size_t>(n);
    auto entry = [&](std::size_t idx) {  // idx-th smallest of the N² entries
        if (idx < nn) {
            // the N diagonal zeros are the smallest entries (all d² ≥ 0)
            return 0.0;
        }
        const std::size_t u = (idx - nn) / 2;
        std::nth_element(upper.begin(), upper.begin() + static_cast<std::ptrdiff_t>(u), upper.end());
        return upper[u];
    };
    const std::size_t total = nn * nn;
    const double median = total % 2 == 1 ? entry(total / 2)
                                         : 0.5 * (entry(total / 2 - 1) + entry(total / 2));
    upper = {};
    if (!(median > 0.0)) {
        throw FormatError(std::string("cka_rbf is undefined: the median squared distance of the ") +
                          side + " representation is zero (most stimuli are identical).");
    }
    span.report(0.7);
    const double scale = -1.0 / (2.0 * threshold * threshold * median);
    Eigen::VectorXd colMean(n);
#pragma omp parallel for schedule(static)
    for (Index c = 0; c < n; ++c) {
        k.col(c) = (k.col(c) * scale).array().exp().matrix();
        colMean(c) = k.col(c).sum() / static_cast<double>(n);
    }
    // Kornblith's center_gram: means -= mean(means)/2; K -= means[:,None]; K -= means[None,:]
    const double half = colMean.sum() / static_cast<double>(n) / 2.0;
    const Eigen::VectorXd m = colMean.array() - half;
    span.report(0.85);
#pragma omp parallel for schedule(static)
    for (Index c = 0; c < n; ++c) k.col(c) = (k.col(c) - m).array() - m(c);
    span.finish();
}

}  // namespace

double ckaLinear(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    return linearCka(x, y, false, false, progress);
}

double ckaLinearDebiased(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    return linearCka(x, y, true, false, progress);
}

double ckaRbf(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double threshold,
              Progress& progress) {
    detail::requirePair(x, y, "cka_rbf", 2);
    if (!(threshold > 0.0) || !std::isfinite(threshold)) {
        throw InputError("cka_rbf needs a positive --threshold, but " + std::to_string(threshold) +
                         " was given.");
    }
    detail::requireFinite(x, "The first representation");
    detail::requireFinite(y, "The second representation");
    const auto n = static_cast<std::size_t>(x.rows());
    checkMemoryBudget(n, 2 * n, sizeof(double), "cka_rbf's two N×N kernel matrices");
    ProgressSpan span(progress);
    Eigen::MatrixXd k;
    Eigen::MatrixXd l;
    rbfKernel(x, threshold, k, span.sub(0.0, 0.45), "first");
    rbfKernel(y, threshold, l, span.sub(0.45, 0.9), "second");
    double kl = 0.0, kk = 0.0, ll = 0.0;
    const Index nn = x.rows();
#pragma omp parallel for reduction(+ : kl, kk, ll) schedule(static)
    for (Index c = 0; c < nn; ++c) {
        kl += k.col(c).dot(l.col(c));
        kk += k.col(c).squaredNorm();
        ll += l.col(c).squaredNorm();
    }
    requireVariance(kk, ll, "cka_rbf");
    span.finish();
    return kl / (std::sqrt(kk) * std::sqrt(ll));
}

double ckaLinear(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return linearCka(x, y, false, true, progress);
}

double ckaLinearDebiased(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return linearCka(x, y, true, false, progress);
}

double ckaRbf(const MatrixF& x, const MatrixF& y, double threshold, Progress& progress) {
    return ckaRbf(detail::toDouble(x, "The first representation"),
                  detail::toDouble(y, "The second representation"), threshold, progress);
}

}  // namespace repscope::metrics
