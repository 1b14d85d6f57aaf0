#include "repscope/metrics/procrustes.h"

#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <string>

#include "metrics/metric_support.h"
#include "repscope/error.h"

namespace repscope::metrics {

using detail::Index;
using detail::ProgressSpan;

namespace {

// Centred, unit-Frobenius-norm X, or (D > N) the N×N factor with the same XᵀY singular values.
Eigen::MatrixXd reducedSide(const Eigen::MatrixXd& x, const char* side) {
    Eigen::MatrixXd xc = x;
    detail::centreColumns(xc);
    const double norm = xc.norm();
    if (!(norm > 0.0)) {
        throw FormatError(std::string("Procrustes distances are undefined: the ") + side +
                          " representation is the same for every stimulus (zero variance).");
    }
    xc /= norm;
    if (xc.cols() <= xc.rows()) return xc;
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(xc.transpose());
    const Index n = xc.rows();
    return qr.matrixQR().topRows(n).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
}

}  // namespace

double procrustesNuclearNorm(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                             Progress& progress) {
    detail::requirePair(x, y, "procrustes", 2);
    detail::requireFinite(x, "The first representation");
    detail::requireFinite(y, "The second representation");
    ProgressSpan span(progress);
    const Eigen::MatrixXd zx = reducedSide(x, "first");
    span.report(0.2);
    const Eigen::MatrixXd zy = reducedSide(y, "second");
    span.report(0.4);
    const Index n = zx.rows();
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(zx.cols(), zy.cols());
    const double perRow = 2.0 * static_cast<double>(zx.cols() * zy.cols());
    detail::forRowBlocks(n, detail::blockRows(n, perRow), span.sub(0.4, 0.8),
                         [&](Index first, Index count) {
                             m.noalias() += zx.middleRows(first, count).transpose() *
                                            zy.middleRows(first, count);
                         });
    Eigen::BDCSVD<Eigen::MatrixXd> svd(m);
    const double nu = svd.singularValues().sum();
    span.finish();
    return std::clamp(nu, -1.0, 1.0);
}

double procrustesAngular(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    return std::acos(procrustesNuclearNorm(x, y, progress));
}

double procrustesEuclidean(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    return std::sqrt(std::max(0.0, 2.0 - 2.0 * procrustesNuclearNorm(x, y, progress)));
}

double procrustesAngular(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return procrustesAngular(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()),
                             progress);
}

double procrustesEuclidean(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return procrustesEuclidean(Eigen::MatrixXd(x.cast<double>()),
                               Eigen::MatrixXd(y.cast<double>()), progress);
}

}  // namespace repscope::metrics
