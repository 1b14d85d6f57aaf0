#include "repscope/metrics/cka_streamed.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "metrics/linear_cka_pair.h"
#include "metrics/linear_hsic.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics {

using detail::Index;

namespace {

// Columns of deferred rank-1 terms −qqᵀ, subtracted from C by one syrk when this many are due.
constexpr Index kDeferredTerms = 64;

// z − s for every row of a block of X and of Y, written as columns of Zᵀ, with the column sums
// of what was written (float64). One pass over the block, rows split over the threads. A NaN or
// Inf in the block, or a difference that overflows float32, makes its column's sum non-finite.
Eigen::VectorXd centreOnShift(const MatrixF& bx, const MatrixF& by, Index rows, const Eigen::VectorXf& shift,
                              Eigen::MatrixXf& zt) {
    const Index d = bx.cols();
    const Index e = by.cols();
    const Index w = d + e;
    std::vector<Eigen::VectorXd> partial(static_cast<std::size_t>(omp_get_max_threads()),
                                         Eigen::VectorXd::Zero(w));
#pragma omp parallel
    {
        double* acc = partial[static_cast<std::size_t>(omp_get_thread_num())].data();
        const float* s = shift.data();
#pragma omp for schedule(static)
        for (Index r = 0; r < rows; ++r) {
            float* col = zt.col(r).data();
            const float* xr = bx.data() + r * d;
            const float* yr = by.data() + r * e;
            for (Index j = 0; j < d; ++j) {
                col[j] = xr[j] - s[j];
                acc[j] += static_cast<double>(col[j]);
            }
            for (Index j = 0; j < e; ++j) {
                col[d + j] = yr[j] - s[d + j];
                acc[d + j] += static_cast<double>(col[d + j]);
            }
        }
    }
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(w);
    for (const auto& p : partial) sum += p;
    return sum;
}

}  // namespace

std::optional<double> ckaLinearStreamed(const Representation& x, const Representation& y,
                                        Progress& progress, std::size_t blockRows) {
    const RepresentationInfo& xi = x.info();
    const RepresentationInfo& yi = y.info();
    if (xi.kind != RepresentationKind::Features || yi.kind != RepresentationKind::Features) return std::nullopt;
    if (xi.n != yi.n || xi.n < 2 || xi.d == 0 || yi.d == 0) return std::nullopt;
    const auto n = static_cast<Index>(xi.n);
    const auto d = static_cast<Index>(xi.d);
    const auto e = static_cast<Index>(yi.d);
    if (!detail::featureSpacePays(static_cast<double>(n), static_cast<double>(d),
                                  static_cast<double>(e), sizeof(float))) {
        return std::nullopt;
    }
    const Index w = d + e;
    const Index block = blockRows > 0 ? std::min(static_cast<Index>(std::min<std::size_t>(blockRows, xi.n)), n)
                                      : std::clamp<Index>(detail::kPairBlockBytes / (Index{sizeof(float)} * w), 256, n);
    MatrixF bx(block, d);  // rows of X as read (row-major)
    MatrixF by(block, e);
    // Columns 0..rows−1: [x_r − s_x, y_r − s_y] of the block's rows; column rows: the positive
    // merge term, so that the block's syrk adds it.
    Eigen::MatrixXf zt(w, block + 1);
    Eigen::MatrixXf c(w, w);
    linalg::adviseHugePages(c);
    Eigen::MatrixXf deferred(w, kDeferredTerms);  // q of the terms −qqᵀ not yet subtracted
    Index pending = 0;
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(w);  // of the rows merged so far
    Eigen::VectorXf shift(w);
    detail::ProgressSpan span(progress);
    for (Index first = 0; first < n; first += block) {
        span.throwIfCancelled();
        const Index rows = std::min(block, n - first);
        x.readRowsInto(static_cast<std::size_t>(first), static_cast<std::size_t>(rows), bx.data());
        y.readRowsInto(static_cast<std::size_t>(first), static_cast<std::size_t>(rows), by.data());
        if (first == 0) {
            // The first block is shifted by its own means (a large common offset would otherwise
            // cost float32 digits); every later one by the mean of the rows before it.
            mean.head(d) = detail::columnMeans(bx.topRows(rows)).transpose();
            mean.tail(e) = detail::columnMeans(by.topRows(rows)).transpose();
            if (!mean.allFinite()) return std::nullopt;
        }
        shift = mean.cast<float>();
        const Eigen::VectorXd sum = centreOnShift(bx, by, rows, shift, zt);
        if (!sum.allFinite()) return std::nullopt;
        // With S the scatter about the mean so far (n_a rows) and A = Σ (z − s)(z − s)ᵀ over the
        // block (n_b rows, mean m): S' = S + A − n_b a aᵀ + (n_a n_b / n) b bᵀ, where a = m − s and
        // b = m − mean (Chan, Golub & LeVeque's merge with the block's scatter written about s).
        const double na = static_cast<double>(first);
        const double nb = static_cast<double>(rows);
        const Eigen::VectorXd a = sum / nb;
        const Eigen::VectorXd b = shift.cast<double>() + a - mean;
        zt.col(rows) = (b * std::sqrt(na * nb / (na + nb))).cast<float>();
        deferred.col(pending++) = (a * std::sqrt(nb)).cast<float>();
        linalg::syrkLower(false, 1.0F, zt.leftCols(rows + 1), first == 0 ? 0.0F : 1.0F, c);
        mean += b * (nb / (na + nb));
        if (pending == kDeferredTerms || first + rows == n) {
            linalg::syrkLower(false, -1.0F, deferred.leftCols(pending), 1.0F, c);
            pending = 0;
        }
        span.report(static_cast<double>(first + rows) / static_cast<double>(n));
    }
    const detail::PairHsic terms = detail::hsicTermsOfLowerProduct(c, d);
    span.finish();
    return detail::linearCkaValue(terms.kl, terms.kk, terms.ll);
}

}  // namespace repscope::metrics
