#include "metrics/linear_cka_pair.h"

#include <algorithm>
#include <vector>

#include "repscope/linalg/blas.h"

namespace repscope::metrics::detail {
namespace {

template <class T>
using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

}  // namespace

template <class T>
PairHsic hsicTermsOfLowerProduct(const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& c, Index d) {
    // One pass over the lower triangle: column j < D holds XᵀX (rows j..D−1) then YᵀX (rows
    // D..); column j ≥ D holds YᵀY (rows j..).
    double kk = 0.0, ll = 0.0, kl = 0.0;
    const Index m = c.rows();
#pragma omp parallel for reduction(+ : kk, ll, kl) schedule(dynamic, 16)
    for (Index j = 0; j < m; ++j) {
        const T* col = c.col(j).data();
        const double diag = static_cast<double>(col[j]) * col[j];
        double below = 0.0;
        for (Index i = j + 1; i < std::max(j + 1, d); ++i) below += static_cast<double>(col[i]) * col[i];
        double cross = 0.0;
        for (Index i = std::max(j + 1, d); i < m; ++i) cross += static_cast<double>(col[i]) * col[i];
        if (j < d) {
            kk += diag + 2.0 * below;
            kl += cross;
        } else {
            ll += diag + 2.0 * cross;  // rows below j ≥ D are all in YᵀY
        }
    }
    return PairHsic{kl, kk, ll};
}

template PairHsic hsicTermsOfLowerProduct<float>(const Eigen::MatrixXf&, Index);
template PairHsic hsicTermsOfLowerProduct<double>(const Eigen::MatrixXd&, Index);

template <class T, class In>
std::optional<PairHsic> pairHsicFeatureSpace(const In& x, const In& y, ProgressSpan span) {
    const Index n = x.rows();
    const Index d = x.cols();
    const Index e = y.cols();
    // Gram space costs 2·N²·(D+E); this costs N·(D+E)².
    if (!featureSpacePays(static_cast<double>(n), static_cast<double>(d), static_cast<double>(e),
                          static_cast<double>(sizeof(T)))) {
        return std::nullopt;
    }
    const Eigen::RowVectorXd mx = columnMeans(x);
    const Eigen::RowVectorXd my = columnMeans(y);
    // Z is centred and multiplied a block of rows at a time into one reused buffer (C += Zbᵀ Zb),
    // not built whole: an N×(D+E) copy is fresh memory, which costs more to fault in and zero
    // than the product spends on it (on a virtual machine about a third of the pair's time).
    const Index block = std::clamp<Index>(kPairBlockBytes / (static_cast<Index>(sizeof(T)) * (d + e)),
                                          256, std::max<Index>(n, 1));
    MatrixT<T> zt(d + e, std::min(block, n));  // column i = [x_i − μ_x, y_i − μ_y]
    linalg::adviseHugePages(zt);
    MatrixT<T> c(d + e, d + e);
    linalg::adviseHugePages(c);
    if (n == 0) c.setZero();
    for (Index first = 0; first < n; first += block) {
        const Index rows = std::min(block, n - first);
#pragma omp parallel for schedule(static)
        for (Index r = 0; r < rows; ++r) {
            T* col = zt.col(r).data();
            const Index i = first + r;
            for (Index j = 0; j < d; ++j) col[j] = static_cast<T>(static_cast<double>(x(i, j)) - mx(j));
            for (Index j = 0; j < e; ++j) {
                col[d + j] = static_cast<T>(static_cast<double>(y(i, j)) - my(j));
            }
        }
        linalg::syrkLower(false, T(1), zt.leftCols(rows), first == 0 ? T(0) : T(1), c);
        span.report(0.05 + 0.9 * static_cast<double>(first + rows) / static_cast<double>(n));
    }
    zt = MatrixT<T>();
    PairHsic terms = hsicTermsOfLowerProduct(c, d);
    span.finish();
    return terms;
}

template std::optional<PairHsic> pairHsicFeatureSpace<float, MatrixF>(const MatrixF&,
                                                                      const MatrixF&, ProgressSpan);
template std::optional<PairHsic> pairHsicFeatureSpace<double, MatrixF>(const MatrixF&,
                                                                       const MatrixF&, ProgressSpan);
template std::optional<PairHsic> pairHsicFeatureSpace<float, Eigen::MatrixXd>(
    const Eigen::MatrixXd&, const Eigen::MatrixXd&, ProgressSpan);
template std::optional<PairHsic> pairHsicFeatureSpace<double, Eigen::MatrixXd>(
    const Eigen::MatrixXd&, const Eigen::MatrixXd&, ProgressSpan);

}  // namespace repscope::metrics::detail
