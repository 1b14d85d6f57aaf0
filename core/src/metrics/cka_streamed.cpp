#include "repscope/metrics/cka_streamed.h"

#include <algorithm>
#include <vector>

#include "metrics/linear_cka_pair.h"
#include "metrics/linear_hsic.h"
#include "repscope/finite.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics {

using detail::Index;

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
    Eigen::MatrixXf zt(w, block);  // column r = [x_r − μ_b(x), y_r − μ_b(y)] of the block
    Eigen::MatrixXf c(w, w);
    linalg::adviseHugePages(c);
    Eigen::VectorXd mean(w);  // of the rows merged so far
    detail::ProgressSpan span(progress);
    for (Index first = 0; first < n; first += block) {
        span.throwIfCancelled();
        const Index rows = std::min(block, n - first);
        x.readRowsInto(static_cast<std::size_t>(first), static_cast<std::size_t>(rows), bx.data());
        y.readRowsInto(static_cast<std::size_t>(first), static_cast<std::size_t>(rows), by.data());
        if (!allFinite(bx.data(), static_cast<std::size_t>(rows * d)) ||
            !allFinite(by.data(), static_cast<std::size_t>(rows * e))) {
            return std::nullopt;
        }
        Eigen::VectorXd mb(w);
        mb.head(d) = detail::columnMeans(bx.topRows(rows)).transpose();
        mb.tail(e) = detail::columnMeans(by.topRows(rows)).transpose();
#pragma omp parallel for schedule(static)
        for (Index r = 0; r < rows; ++r) {
            float* col = zt.col(r).data();
            const float* xr = bx.data() + r * d;
            const float* yr = by.data() + r * e;
            for (Index j = 0; j < d; ++j) col[j] = static_cast<float>(static_cast<double>(xr[j]) - mb(j));
            for (Index j = 0; j < e; ++j) col[d + j] = static_cast<float>(static_cast<double>(yr[j]) - mb(d + j));
        }
        linalg::syrkLower(false, 1.0F, zt.leftCols(rows), first == 0 ? 0.0F : 1.0F, c);
        if (first == 0) {
            mean = mb;
        } else {
            // Merge the block into what came before: C += (n_a n_b / n) δδᵀ (lower triangle).
            const double na = static_cast<double>(first);
            const double nb = static_cast<double>(rows);
            const Eigen::VectorXd delta = mb - mean;
            const double weight = na * nb / (na + nb);
#pragma omp parallel for schedule(dynamic, 16)
            for (Index j = 0; j < w; ++j) {
                float* col = c.col(j).data();
                const double wj = weight * delta(j);
                for (Index i = j; i < w; ++i) col[i] = static_cast<float>(static_cast<double>(col[i]) + wj * delta(i));
            }
            mean += delta * (nb / (na + nb));
        }
        span.report(static_cast<double>(first + rows) / static_cast<double>(n));
    }
    const detail::PairHsic terms = detail::hsicTermsOfLowerProduct(c, d);
    span.finish();
    return detail::linearCkaValue(terms.kl, terms.kk, terms.ll);
}

}  // namespace repscope::metrics
