#include "repscope/metrics/cca.h"

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

constexpr double kRankTolerance = 1e-6;

struct Basis {
    Eigen::MatrixXd u;  // N × rank, orthonormal columns spanning the centred data
    Eigen::VectorXd s;  // all D singular values, descending
    Index rank = 0;
};

Basis orthonormalBasis(const Eigen::MatrixXd& x, const char* metric, const char* side) {
    Eigen::MatrixXd xc = x;
    detail::centreColumns(xc);
    const Index n = xc.rows();
    const Index d = xc.cols();
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(xc);
    const Eigen::MatrixXd r = qr.matrixQR().topRows(d).triangularView<Eigen::Upper>();
    Eigen::BDCSVD<Eigen::MatrixXd> svd(r, Eigen::ComputeThinU);
    Basis b;
    b.s = svd.singularValues();
    if (!(b.s(0) > 0.0)) {
        throw FormatError(std::string(metric) + " is undefined: the " + side +
                          " representation is the same for every stimulus (zero variance).");
    }
    b.rank = (b.s.array() > kRankTolerance * b.s(0)).count();
    Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(n, b.rank);
    padded.topRows(d) = svd.matrixU().leftCols(b.rank);
    b.u = qr.householderQ() * padded;
    return b;
}

void requireFewerFeatures(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const char* metric) {
    detail::requirePair(x, y, metric, 3);
    detail::requireFinite(x, "The first representation");
    detail::requireFinite(y, "The second representation");
    if (x.cols() >= x.rows() || y.cols() >= y.rows()) {
        throw InputError(std::string(metric) + " needs fewer features than stimuli on each side "
                         "(here D = " + std::to_string(x.cols()) + ", E = " +
                         std::to_string(y.cols()) + ", N = " + std::to_string(x.rows()) +
                         "), because otherwise canonical correlations are 1 by construction; "
                         "reduce the features first (e.g. PCA) or use a CKA metric.");
    }
}

CanonicalCorrelations correlate(const Eigen::MatrixXd& ux, const Eigen::MatrixXd& uy) {
    CanonicalCorrelations c;
    c.rankX = ux.cols();
    c.rankY = uy.cols();
    const Eigen::MatrixXd m = ux.transpose() * uy;
    Eigen::BDCSVD<Eigen::MatrixXd> svd(m, Eigen::ComputeThinU);
    c.rho = svd.singularValues().cwiseMin(1.0).cwiseMax(0.0);
    c.variatesX = ux * svd.matrixU().leftCols(c.rho.size());
    return c;
}

}  // namespace

CanonicalCorrelations canonicalCorrelations(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                            Progress& progress, const char* metric) {
    requireFewerFeatures(x, y, metric);
    ProgressSpan span(progress);
    const Basis bx = orthonormalBasis(x, metric, "first");
    span.report(0.45);
    const Basis by = orthonormalBasis(y, metric, "second");
    span.report(0.9);
    CanonicalCorrelations c = correlate(bx.u, by.u);
    span.finish();
    return c;
}

double ccaR2(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    const CanonicalCorrelations c = canonicalCorrelations(x, y, progress, "cca_r2");
    return c.rho.squaredNorm() / static_cast<double>(std::min(c.rankX, c.rankY));
}

double svcca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double keep, Progress& progress) {
    if (!(keep > 0.0 && keep <= 1.0)) {
        throw InputError("svcca needs --svcca-keep in (0, 1], the fraction of variance to keep, "
                         "but " + std::to_string(keep) + " was given.");
    }
    requireFewerFeatures(x, y, "svcca");
    ProgressSpan span(progress);
    auto reduce = [keep](const Basis& b) {
        const Eigen::ArrayXd var = b.s.array().square();
        const double target = keep * var.sum();
        double acc = 0.0;
        Index k = 0;
        while (k < var.size() && acc < target) acc += var(k++);
        return b.u.leftCols(std::max<Index>(1, std::min(k, b.rank))).eval();
    };
    const Eigen::MatrixXd ux = reduce(orthonormalBasis(x, "svcca", "first"));
    span.report(0.45);
    const Eigen::MatrixXd uy = reduce(orthonormalBasis(y, "svcca", "second"));
    span.report(0.9);
    const CanonicalCorrelations c = correlate(ux, uy);
    span.finish();
    return c.rho.mean();
}

double pwcca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    requireFewerFeatures(x, y, "pwcca");
    if (x.cols() + y.cols() > x.rows() - 1) {
        throw InputError("pwcca needs D + E <= N - 1 (here " + std::to_string(x.cols()) + " + " +
                         std::to_string(y.cols()) + " > " + std::to_string(x.rows() - 1) +
                         "), because otherwise some canonical correlations are 1 by "
                         "construction.");
    }
    const CanonicalCorrelations c = canonicalCorrelations(x, y, progress, "pwcca");
    Eigen::MatrixXd xc = x;
    detail::centreColumns(xc);
    const Eigen::VectorXd alpha = (c.variatesX.transpose() * xc).cwiseAbs().rowwise().sum();
    const double total = alpha.sum();
    if (!(total > 0.0)) {
        throw FormatError("pwcca is undefined: the projection weights of the first representation "
                          "are all zero.");
    }
    return alpha.dot(c.rho) / total;
}

double ccaR2(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return ccaR2(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()), progress);
}

double svcca(const MatrixF& x, const MatrixF& y, double keep, Progress& progress) {
    return svcca(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()), keep,
                 progress);
}

double pwcca(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return pwcca(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()), progress);
}

}  // namespace repscope::metrics
