#include "metrics/linear_hsic.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics::detail {
namespace {

template <class T>
using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

// Σ c_ij² in float64.
template <class T>
double sumSquares(const MatrixT<T>& c) {
    double s = 0.0;
    const Index cols = c.cols();
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (Index j = 0; j < cols; ++j) {
        double col = 0.0;
        for (Index i = 0; i < c.rows(); ++i) col += static_cast<double>(c(i, j)) * c(i, j);
        s += col;
    }
    return s;
}

// Σ over the full symmetric matrix whose lower triangle is in square c: diag + 2 × strict lower.
template <class T>
double symmetricSumSquares(const MatrixT<T>& c) {
    double s = 0.0;
    const Index n = c.cols();
#pragma omp parallel for reduction(+ : s) schedule(dynamic, 16)
    for (Index j = 0; j < n; ++j) {
        double col = 0.0;
        for (Index i = j + 1; i < n; ++i) col += static_cast<double>(c(i, j)) * c(i, j);
        const double d = c(j, j);
        s += 2.0 * col + d * d;
    }
    return s;
}

// ‖XᵀX‖²_F in feature space from xt = Xᵀ (D×N), column blocks of XᵀX = xt xtᵀ (lower part
// only: syrk + gemm).
template <class T>
double selfFeature(const MatrixT<T>& xt, ProgressSpan span) {
    const Index d = xt.rows();
    const Index n = xt.cols();
    const Index block = blockRows(d, static_cast<double>(n) * static_cast<double>(d),
                                  linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(d, block, span, [&](Index first, Index count) {
        MatrixT<T> diag(count, count);
        linalg::syrkLower(false, T(1), xt.middleRows(first, count), T(0), diag);
        total += symmetricSumSquares<T>(diag);
        const Index below = d - first - count;
        if (below > 0) {
            MatrixT<T> rest(below, count);
            linalg::gemm(false, true, T(1), xt.middleRows(first + count, below),
                         xt.middleRows(first, count), T(0), rest);
            total += 2.0 * sumSquares<T>(rest);
        }
    });
    return total;
}

// Σ_ij K_ij L_ij with K = XXᵀ, L = YYᵀ (from xt = Xᵀ, yt = Yᵀ), in blocks of rows;
// yt == nullptr gives ‖K‖²_F.
template <class T>
double gramSpace(const MatrixT<T>& xt, const MatrixT<T>* yt, ProgressSpan span) {
    const Index n = xt.cols();
    const double width = static_cast<double>(xt.rows() + (yt != nullptr ? yt->rows() : 0));
    const Index block = blockRows(n, 2.0 * static_cast<double>(n) * width, linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(n, block, span, [&](Index first, Index count) {
        MatrixT<T> kb(count, n);
        linalg::gemm(true, false, T(1), xt.middleCols(first, count), xt, T(0), kb);
        if (yt == nullptr) {
            total += sumSquares<T>(kb);
            return;
        }
        MatrixT<T> lb(count, n);
        linalg::gemm(true, false, T(1), yt->middleCols(first, count), *yt, T(0), lb);
        double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
        for (Index j = 0; j < n; ++j) {
            double col = 0.0;
            for (Index i = 0; i < count; ++i) col += static_cast<double>(kb(i, j)) * lb(i, j);
            s += col;
        }
        total += s;
    });
    return total;
}

template <class T, class In>
CentredRepresentation<T> centred(const In& x, ProgressSpan span) {
    const Index n = x.rows();
    const Index d = x.cols();
    CentredRepresentation<T> r;
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(d);
    for (Index i = 0; i < n; ++i) mean += x.row(i).template cast<double>();
    mean /= static_cast<double>(std::max<Index>(n, 1));
    r.xt.resize(d, n);
    linalg::adviseHugePages(r.xt);
    r.ssr.resize(n);
#pragma omp parallel for schedule(static)
    for (Index i = 0; i < n; ++i) {
        const Eigen::RowVectorXd c = x.row(i).template cast<double>() - mean;
        r.ssr(i) = c.squaredNorm();
        r.xt.col(i) = c.transpose().template cast<T>();
    }
    span.report(0.1);
    const double nd = static_cast<double>(n);
    const double dd = static_cast<double>(d);
    // feature space: N·D² (half of XᵀX); Gram space: 2·N²·D (full row blocks of K)
    r.self = nd * dd * dd <= 2.0 * nd * nd * dd ? selfFeature<T>(r.xt, span.sub(0.1, 1.0))
                                                : gramSpace<T>(r.xt, nullptr, span.sub(0.1, 1.0));
    return r;
}

}  // namespace

template <class T>
CentredRepresentation<T> centredRepresentation(const MatrixF& x, ProgressSpan span) {
    return centred<T>(x, span);
}

template <class T>
CentredRepresentation<T> centredRepresentation(const Eigen::MatrixXd& x, ProgressSpan span) {
    return centred<T>(x, span);
}

template <class T>
double crossHsic(const CentredRepresentation<T>& x, const CentredRepresentation<T>& y,
                 ProgressSpan span) {
    const double n = static_cast<double>(x.xt.cols());
    const double d = static_cast<double>(x.xt.rows());
    const double e = static_cast<double>(y.xt.rows());
    if (2.0 * n * d * e > 2.0 * n * n * (d + e)) return gramSpace<T>(x.xt, &y.xt, span);
    // XᵀY = xt ytᵀ in column blocks (rows of yt).
    const Index cols = y.xt.rows();
    const Index block = blockRows(cols, 2.0 * n * d, linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(cols, block, span, [&](Index first, Index count) {
        MatrixT<T> c(x.xt.rows(), count);
        linalg::gemm(false, true, T(1), x.xt, y.xt.middleRows(first, count), T(0), c);
        total += sumSquares<T>(c);
    });
    return total;
}

double linearCkaValue(double kl, double kk, double ll) {
    if (!(kk > 0.0) || !(ll > 0.0)) {
        throw FormatError("cka_linear is undefined because one representation is the same for "
                          "every stimulus (zero variance).");
    }
    return kl / (std::sqrt(kk) * std::sqrt(ll));
}

double debiasedCkaValue(double kl, double kk, double ll, const Eigen::VectorXd& ssrX,
                        const Eigen::VectorXd& ssrY, double n) {
    if (!(kk > 0.0) || !(ll > 0.0)) {
        throw FormatError("cka_linear_debiased is undefined because one representation is the "
                          "same for every stimulus (zero variance).");
    }
    // Kornblith's _debiased_dot_product_similarity_helper.
    auto debiased = [n](double xty, const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
        return xty - n / (n - 2.0) * a.dot(b) + a.sum() * b.sum() / ((n - 1.0) * (n - 2.0));
    };
    const double dkl = debiased(kl, ssrX, ssrY);
    const double dkk = debiased(kk, ssrX, ssrX);
    const double dll = debiased(ll, ssrY, ssrY);
    if (!(dkk > 0.0) || !(dll > 0.0)) {
        throw FormatError("cka_linear_debiased is undefined here: the unbiased HSIC of a "
                          "representation with itself is not positive (too few stimuli or "
                          "a rank-one representation).");
    }
    return dkl / (std::sqrt(dkk) * std::sqrt(dll));
}

template CentredRepresentation<float> centredRepresentation<float>(const Eigen::MatrixXd&,
                                                                   ProgressSpan);
template CentredRepresentation<float> centredRepresentation<float>(const MatrixF&, ProgressSpan);
template CentredRepresentation<double> centredRepresentation<double>(const MatrixF&, ProgressSpan);
template CentredRepresentation<double> centredRepresentation<double>(const Eigen::MatrixXd&,
                                                                     ProgressSpan);
template double crossHsic<float>(const CentredRepresentation<float>&,
                                 const CentredRepresentation<float>&, ProgressSpan);
template double crossHsic<double>(const CentredRepresentation<double>&,
                                  const CentredRepresentation<double>&, ProgressSpan);

}  // namespace repscope::metrics::detail
