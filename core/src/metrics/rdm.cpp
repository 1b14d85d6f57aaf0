#include "repscope/metrics/rdm.h"

#include <algorithm>
#include <cmath>

#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics {

using detail::Index;

std::string_view rdmMeasureName(RdmMeasure measure) {
    switch (measure) {
        case RdmMeasure::Correlation: return "correlation";
        case RdmMeasure::Cosine: return "cosine";
        case RdmMeasure::Euclidean: return "euclidean";
        case RdmMeasure::SqEuclidean: return "sqeuclidean";
    }
    return "correlation";
}

const std::vector<RdmMeasure>& allRdmMeasures() {
    static const std::vector<RdmMeasure> all{RdmMeasure::Correlation, RdmMeasure::Cosine,
                                             RdmMeasure::Euclidean, RdmMeasure::SqEuclidean};
    return all;
}

RdmMeasure parseRdmMeasure(std::string_view name) {
    for (RdmMeasure m : allRdmMeasures()) {
        if (rdmMeasureName(m) == name) return m;
    }
    throw InputError("Unknown RDM measure '" + std::string(name) +
                     "'; use correlation, cosine, euclidean or sqeuclidean.");
}

namespace {

using RowMajorXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<Index> undefinedRows(const RowMajorXd& x, RdmMeasure measure) {
    std::vector<Index> bad;
    if (measure != RdmMeasure::Correlation && measure != RdmMeasure::Cosine) return bad;
    for (Index i = 0; i < x.rows(); ++i) {
        const double norm = x.row(i).norm();
        if (measure == RdmMeasure::Cosine) {
            if (!(norm > 0.0)) bad.push_back(i);
        } else {
            const double centred = (x.row(i).array() - x.row(i).mean()).matrix().norm();
            if (!(centred > 1e-10 * norm)) bad.push_back(i);
        }
    }
    return bad;
}

[[noreturn]] void throwUndefined(const std::vector<Index>& bad, Index n, Index d,
                                 RdmMeasure measure, const std::vector<std::string>* labels) {
    const bool one = bad.size() == 1;
    std::string what = measure == RdmMeasure::Correlation
                           ? (one ? " has zero variance across its " : " have zero variance across their ")
                           : (one ? " has zero norm over its " : " have zero norm over their ");
    throw FormatError(std::to_string(bad.size()) + " of " + std::to_string(n) + " stimuli" +
                      what + std::to_string(d) + " features, so their " +
                      std::string(rdmMeasureName(measure)) +
                      " dissimilarities are undefined: " + detail::describeRows(bad, labels) + ".");
}

}  // namespace

std::vector<Index> undefinedRdmRows(const MatrixF& x, RdmMeasure measure) {
    return undefinedRows(RowMajorXd(x.cast<double>()), measure);
}

namespace {

// The RDM of rows of p (N×D, row-major as representations are read, finite), which the
// function overwrites.
Eigen::MatrixXd rdmOf(RowMajorXd& p, RdmMeasure measure, Progress& progress,
                      const std::vector<std::string>* labels) {
    const Index n = p.rows();
    const Index d = p.cols();
    const std::vector<Index> bad = undefinedRows(p, measure);
    if (!bad.empty()) throwUndefined(bad, n, d, measure, labels);

    const bool unitRows = measure == RdmMeasure::Correlation || measure == RdmMeasure::Cosine;
    if (measure == RdmMeasure::Correlation) {
        p.colwise() -= p.rowwise().mean();
    } else if (!unitRows) {
        const Eigen::RowVectorXd mean = p.colwise().sum() / static_cast<double>(std::max<Index>(n, 1));
        p.rowwise() -= mean;
    }
    Eigen::VectorXd sq = p.rowwise().squaredNorm();
    if (unitRows) {
#pragma omp parallel for schedule(static)
        for (Index i = 0; i < n; ++i) p.row(i) /= std::sqrt(sq(i));
        sq.setOnes();
    }

    checkMemoryBudget(static_cast<std::size_t>(n), static_cast<std::size_t>(n), sizeof(double),
                      "The " + std::string(rdmMeasureName(measure)) + " RDM");
    Eigen::MatrixXd r(n, n);
    linalg::adviseHugePages(r);
    detail::ProgressSpan span(progress);
    // One block of columns of the lower triangle at a time: the Gram block of rows
    // [first, n) × [first, first + count) straight into r, then turned into dissimilarities.
    // pᵀ is a column-major D×N matrix, so the Gram block is (pᵀ)ᵀ pᵀ without any copy.
    const auto pt = p.transpose();
    const Index block = detail::blockRows(n, static_cast<double>(d) * static_cast<double>(n),
                                          linalg::blockFlops());
    detail::forRowBlocks(n, block, span.sub(0.0, 0.95), [&](Index first, Index count) {
        const Index height = n - first;
        linalg::syrkLower(true, 1.0, pt.middleCols(first, count), 0.0,
                          r.block(first, first, count, count));
        if (height > count) {
            linalg::gemm(true, false, 1.0, pt.middleCols(first + count, height - count),
                         pt.middleCols(first, count), 0.0,
                         r.block(first + count, first, height - count, count));
        }
#pragma omp parallel for schedule(dynamic, 4)
        for (Index a = 0; a < count; ++a) {
            const Index i = first + a;
            r(i, i) = 0.0;
            for (Index j = i + 1; j < n; ++j) {
                const double g = r(j, i);
                double v = 0.0;
                if (unitRows) {
                    v = 1.0 - g;
                    if (v < 1e-6) v = 0.5 * (p.row(i) - p.row(j)).squaredNorm();
                } else {
                    v = sq(i) + sq(j) - 2.0 * g;
                    if (v < 1e-6 * (sq(i) + sq(j))) v = (p.row(i) - p.row(j)).squaredNorm();
                    v = std::max(v, 0.0);
                    if (measure == RdmMeasure::Euclidean) v = std::sqrt(v);
                }
                r(j, i) = v;
            }
        }
    });
    linalg::mirrorLower<double>(r);
    span.finish();
    return r;
}

}  // namespace

Eigen::MatrixXd computeRdm(const Eigen::MatrixXd& xIn, RdmMeasure measure, Progress& progress,
                           const std::vector<std::string>* labels) {
    detail::requireFinite(xIn, "The representation");
    RowMajorXd p = xIn;
    return rdmOf(p, measure, progress, labels);
}

Eigen::MatrixXd computeRdm(const MatrixF& x, RdmMeasure measure, Progress& progress) {
    detail::requireFinite(x, "The representation");
    RowMajorXd p = x.cast<double>();
    return rdmOf(p, measure, progress, nullptr);
}

Eigen::MatrixXd computeRdm(const MatrixF& x, RdmMeasure measure,
                           const std::vector<std::string>& labels, Progress& progress) {
    detail::requireFinite(x, "The representation");
    RowMajorXd p = x.cast<double>();
    return rdmOf(p, measure, progress, &labels);
}

Eigen::VectorXd upperTriangle(const Eigen::MatrixXd& rdm) {
    const Index n = rdm.rows();
    Eigen::VectorXd v(n * (n - 1) / 2 > 0 ? n * (n - 1) / 2 : 0);
#pragma omp parallel for schedule(dynamic, 16)
    for (Index i = 0; i < n; ++i) {
        // offset of row i: sum_{k<i} (n-1-k) = i(2n-i-1)/2
        const Index offset = i * (2 * n - i - 1) / 2;
        for (Index j = i + 1; j < n; ++j) v(offset + j - i - 1) = rdm(i, j);
    }
    return v;
}

Eigen::VectorXd precomputedUpperTriangle(const MatrixF& rdm, std::string_view what) {
    if (rdm.rows() != rdm.cols()) {
        throw FormatError(std::string(what) + " is " + std::to_string(rdm.rows()) + "×" +
                          std::to_string(rdm.cols()) + ", but an RDM must be square (N×N).");
    }
    detail::requireFinite(rdm, what);
    const Index n = rdm.rows();
    Eigen::VectorXd v(n * (n - 1) / 2 > 0 ? n * (n - 1) / 2 : 0);
#pragma omp parallel for schedule(dynamic, 16)
    for (Index i = 0; i < n; ++i) {
        const Index offset = i * (2 * n - i - 1) / 2;
        v.segment(offset, n - i - 1) = rdm.row(i).tail(n - i - 1).transpose().cast<double>();
    }
    return v;
}

Eigen::MatrixXd precomputedRdm(const MatrixF& rdm, std::string_view what) {
    if (rdm.rows() != rdm.cols()) {
        throw FormatError(std::string(what) + " is " + std::to_string(rdm.rows()) + "×" +
                          std::to_string(rdm.cols()) + ", but an RDM must be square (N×N).");
    }
    return detail::toDouble(rdm, what);
}

}  // namespace repscope::metrics
