#include "metrics/linear_hsic.h"

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

// ‖XᵀX‖²_F in feature space, column blocks of XᵀX (lower part only: syrk + gemm).
template <class T>
double selfFeature(const MatrixT<T>& x, ProgressSpan span) {
    const Index n = x.rows();
    const Index d = x.cols();
    const Index block = blockRows(d, static_cast<double>(n) * static_cast<double>(d),
                                  linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(d, block, span, [&](Index first, Index count) {
        MatrixT<T> diag(count, count);
        linalg::syrkLower(true, T(1), x.middleCols(first, count), T(0), diag);
        total += symmetricSumSquares<T>(diag);
        const Index below = d - first - count;
        if (below > 0) {
            MatrixT<T> rest(below, count);
            linalg::gemm(true, false, T(1), x.middleCols(first + count, below),
                         x.middleCols(first, count), T(0), rest);
            total += 2.0 * sumSquares<T>(rest);
        }
    });
    return total;
}

// Σ_ij K_ij L_ij with K = XXᵀ, L = YYᵀ, in blocks of rows; y == nullptr gives ‖K‖²_F.
template <class T>
double gramSpace(const MatrixT<T>& x, const MatrixT<T>* y, ProgressSpan span) {
    const Index n = x.rows();
    const double width = static_cast<double>(x.cols() + (y != nullptr ? y->cols() : 0));
    const Index block = blockRows(n, 2.0 * static_cast<double>(n) * width, linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(n, block, span, [&](Index first, Index count) {
        MatrixT<T> kb(count, n);
        linalg::gemm(false, true, T(1), x.middleRows(first, count), x, T(0), kb);
        if (y == nullptr) {
            total += sumSquares<T>(kb);
            return;
        }
        MatrixT<T> lb(count, n);
        linalg::gemm(false, true, T(1), y->middleRows(first, count), *y, T(0), lb);
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

}  // namespace

template <class T>
CentredRepresentation<T> centredRepresentation(const Eigen::MatrixXd& x, ProgressSpan span) {
    CentredRepresentation<T> r;
    Eigen::MatrixXd xc = x;
    centreColumns(xc);
    r.ssr = xc.rowwise().squaredNorm();
    r.xc = xc.template cast<T>();
    xc = Eigen::MatrixXd();
    span.report(0.1);
    const double n = static_cast<double>(x.rows());
    const double d = static_cast<double>(x.cols());
    // feature space: N·D² (half of XᵀX); Gram space: 2·N²·D (full row blocks of K)
    r.self = n * d * d <= 2.0 * n * n * d ? selfFeature<T>(r.xc, span.sub(0.1, 1.0))
                                          : gramSpace<T>(r.xc, nullptr, span.sub(0.1, 1.0));
    return r;
}

template <class T>
double crossHsic(const CentredRepresentation<T>& x, const CentredRepresentation<T>& y,
                 ProgressSpan span) {
    const double n = static_cast<double>(x.xc.rows());
    const double d = static_cast<double>(x.xc.cols());
    const double e = static_cast<double>(y.xc.cols());
    if (2.0 * n * d * e > 2.0 * n * n * (d + e)) return gramSpace<T>(x.xc, &y.xc, span);
    // XᵀY in column blocks of Y.
    const Index cols = y.xc.cols();
    const Index block = blockRows(cols, 2.0 * n * d, linalg::blockFlops());
    double total = 0.0;
    forRowBlocks(cols, block, span, [&](Index first, Index count) {
        MatrixT<T> c(x.xc.cols(), count);
        linalg::gemm(true, false, T(1), x.xc, y.xc.middleCols(first, count), T(0), c);
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
template CentredRepresentation<double> centredRepresentation<double>(const Eigen::MatrixXd&,
                                                                     ProgressSpan);
template double crossHsic<float>(const CentredRepresentation<float>&,
                                 const CentredRepresentation<float>&, ProgressSpan);
template double crossHsic<double>(const CentredRepresentation<double>&,
                                  const CentredRepresentation<double>&, ProgressSpan);

}  // namespace repscope::metrics::detail
