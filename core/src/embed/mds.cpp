#include "repscope/embed/mds.h"

#include "repscope/embed/pca.h"

#include <Spectra/SymEigsSolver.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>

#include "embed/input_checks.h"
#include "repscope/error.h"
#include "repscope/finite.h"

namespace repscope::embed {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

void checkDissimilarities(const MatrixXd& d) {
    const Index n = d.rows();
    if (n != d.cols()) {
        throw InputError("Classical MDS needs a square dissimilarity matrix; got " +
                         std::to_string(n) + "×" + std::to_string(d.cols()) + ".");
    }
    if (n < 4) {
        throw InputError("Classical MDS needs at least 4 stimuli; got " + std::to_string(n) + ".");
    }
    const auto nonFinite = (!d.array().isFinite()).count();
    if (nonFinite > 0) {
        throw FormatError("The dissimilarity matrix contains " +
                          nonFiniteValuesText(static_cast<std::size_t>(nonFinite)) + ".");
    }
    const auto negative = (d.array() < 0.0).count();
    if (negative > 0) {
        throw FormatError("The dissimilarity matrix contains " + std::to_string(negative) +
                          " negative values; dissimilarities must be ≥ 0.");
    }
    const double scale = std::max(d.cwiseAbs().maxCoeff(), 1e-300);
    const auto diagonal = (d.diagonal().array().abs() > 1e-6 * scale).count();
    if (diagonal > 0) {
        throw FormatError("The dissimilarity matrix has " + std::to_string(diagonal) +
                          " non-zero diagonal entries; a stimulus must be at distance 0 from "
                          "itself.");
    }
    const double asym = (d - d.transpose()).cwiseAbs().maxCoeff();
    if (asym > 1e-4 * scale) {
        throw FormatError("The dissimilarity matrix is not symmetric (largest |d_ij − d_ji| = " +
                          std::to_string(asym) + ").");
    }
}

// y = B x for Spectra; checks for cancellation on every product.
class DenseOp {
public:
    using Scalar = double;
    DenseOp(const MatrixXd& b, detail::ProgressPacer& pacer) : b_(b), pacer_(&pacer) {}
    [[nodiscard]] Index rows() const { return b_.rows(); }
    [[nodiscard]] Index cols() const { return b_.cols(); }
    void perform_op(const double* in, double* out) const {
        pacer_->tick(0.5);
        Eigen::Map<VectorXd>(out, b_.rows()).noalias() =
            b_.selfadjointView<Eigen::Lower>() * Eigen::Map<const VectorXd>(in, b_.rows());
    }

private:
    const MatrixXd& b_;
    detail::ProgressPacer* pacer_;
};

VectorXd lanczos(const MatrixXd& b, int k, Spectra::SortRule rule, detail::ProgressPacer& pacer,
                 MatrixXd* vectors) {
    DenseOp op(b, pacer);
    const Index n = b.rows();
    const Index ncv = std::min<Index>(n, std::max<Index>(2 * k + 1, 20));
    Spectra::SymEigsSolver<DenseOp> eigs(op, k, ncv);
    eigs.init();
    eigs.compute(rule, 10 * n, 1e-10, rule);
    if (eigs.info() != Spectra::CompInfo::Successful) {
        throw Error("Classical MDS: the eigensolver did not converge for N = " + std::to_string(n) +
                    ".");
    }
    if (vectors != nullptr) *vectors = eigs.eigenvectors();
    return eigs.eigenvalues();
}

}  // namespace

MdsResult computeClassicalMds(const MatrixXd& dissimilarities, const MdsOptions& options,
                              Progress& progress) {
    checkDissimilarities(dissimilarities);
    const Index n = dissimilarities.rows();
    const int k = options.components;
    if (k < 1 || k >= n) {
        throw InputError("Classical MDS needs 1 ≤ components < N = " + std::to_string(n) +
                         "; got " + std::to_string(k) + ".");
    }
    checkMemoryBudget(static_cast<std::size_t>(n), static_cast<std::size_t>(n), 2 * sizeof(double),
                      "classical MDS");
    detail::ProgressPacer pacer(progress, 0.0, 1.0);

    // B = −½ J D² J, symmetrised.
    MatrixXd b = 0.5 * (dissimilarities + dissimilarities.transpose());
    b = b.cwiseAbs2();
    const VectorXd rowMean = b.rowwise().mean();
    const double grand = rowMean.mean();
    b = -0.5 * ((b.colwise() - rowMean).rowwise() - rowMean.transpose()).array() - 0.5 * grand;
    pacer.tick(0.1);

    MdsResult r;
    r.trace = b.trace();
    MatrixXd vectors;
    if (n <= options.fullSpectrumMaxN) {
        Eigen::SelfAdjointEigenSolver<MatrixXd> eig(b);
        r.eigenvalues = eig.eigenvalues().reverse();
        vectors = eig.eigenvectors().rightCols(k).rowwise().reverse();
        r.spectrumComplete = true;
    } else {
        MatrixXd top;
        const VectorXd high = lanczos(b, k, Spectra::SortRule::LargestAlge, pacer, &top);
        if (options.findNegative) {
            const VectorXd low = lanczos(b, k, Spectra::SortRule::SmallestAlge, pacer, nullptr);
            r.eigenvalues.resize(2 * k);
            r.eigenvalues << high, low.reverse();  // Spectra gives the smallest last
            std::sort(r.eigenvalues.data() + k, r.eigenvalues.data() + 2 * k, std::greater<>());
        } else {
            r.eigenvalues = high;
        }
        vectors = top;
    }
    pacer.tick(0.9);

    const double tol = 1e-9 * std::max(r.eigenvalues.cwiseAbs().maxCoeff(), 1e-300);
    for (Index i = 0; i < r.eigenvalues.size(); ++i) {
        const double l = r.eigenvalues(i);
        if (l < -tol) {
            ++r.negativeCount;
            r.negativeMass -= l;
        } else if (l > tol) {
            r.positiveMass += l;
        }
    }
    if (!r.spectrumComplete) {
        // Σλ⁺ − Σ|λ⁻| = trace(B): the found negatives bound the positive mass from below.
        r.positiveMass = std::max(r.positiveMass, r.trace + r.negativeMass);
    }
    r.coordinates.resize(n, k);
    double captured = 0.0;
    for (int c = 0; c < k; ++c) {
        const double l = r.eigenvalues(c);
        if (l > tol) {
            r.coordinates.col(c) = vectors.col(c) * std::sqrt(l);
            captured += l;
            Index arg = 0;
            r.coordinates.col(c).cwiseAbs().maxCoeff(&arg);
            if (r.coordinates(arg, c) < 0.0) r.coordinates.col(c) *= -1.0;
        } else {
            r.coordinates.col(c).setZero();
        }
    }
    r.explainedRatio = r.positiveMass > 0.0 ? captured / r.positiveMass : 0.0;
    progress.report(1.0);
    return r;
}

MdsResult computeClassicalMds(const MatrixF& dissimilarities, const MdsOptions& options,
                              Progress& progress) {
    return computeClassicalMds(MatrixXd(dissimilarities.cast<double>()), options, progress);
}

MdsResult classicalMdsOfEuclidean(const MatrixF& x, const MdsOptions& options,
                                  Progress& progress) {
    const Index n = x.rows();
    const int k = options.components;
    if (k < 1 || k >= n) {
        throw InputError("Classical MDS needs 1 ≤ components < N = " + std::to_string(n) +
                         "; got " + std::to_string(k) + ".");
    }
    PcaOptions p;
    p.components = std::min<int>(k, static_cast<int>(x.cols()));
    const PcaResult pca = computePca(x, p, progress);
    const double scale = static_cast<double>(n - 1);
    MdsResult r;
    r.trace = pca.totalVariance * scale;
    r.positiveMass = r.trace;
    r.eigenvalues = VectorXd::Zero(k);
    r.eigenvalues.head(p.components) = pca.explainedVariance * scale;
    r.coordinates = MatrixXd::Zero(n, k);
    const double tol = 1e-9 * std::max(r.eigenvalues.cwiseAbs().maxCoeff(), 1e-300);
    double captured = 0.0;
    for (int c = 0; c < p.components; ++c) {
        if (!(r.eigenvalues(c) > tol)) continue;
        r.coordinates.col(c) = pca.coordinates.col(c);
        captured += r.eigenvalues(c);
        Index arg = 0;
        r.coordinates.col(c).cwiseAbs().maxCoeff(&arg);
        if (r.coordinates(arg, c) < 0.0) r.coordinates.col(c) *= -1.0;
    }
    r.explainedRatio = r.positiveMass > 0.0 ? captured / r.positiveMass : 0.0;
    progress.report(1.0);
    return r;
}

}  // namespace repscope::embed
