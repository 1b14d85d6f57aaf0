#include "repscope/metrics/rdm_rows.h"

#include <algorithm>
#include <cmath>

#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics {

RdmRows::RdmRows(const MatrixF& x, RdmMeasure measure, const std::vector<std::string>* labels)
    : measure_(measure) {
    detail::requireFinite(x, "The representation");
    const std::vector<Eigen::Index> bad = undefinedRdmRows(x, measure);
    if (!bad.empty()) {
        std::string names;
        for (std::size_t k = 0; k < std::min<std::size_t>(bad.size(), 5); ++k) {
            const auto row = static_cast<std::size_t>(bad[k]);
            names += (k == 0 ? "" : ", ") +
                     (labels != nullptr && row < labels->size() ? (*labels)[row]
                                                                : std::string("#").append(std::to_string(row)));
        }
        throw FormatError("The " + std::string(rdmMeasureName(measure)) + " RDM is undefined for " +
                          std::to_string(bad.size()) + " stimuli whose rows are " +
                          (measure == RdmMeasure::Cosine ? "zero" : "constant") + " (" + names +
                          (bad.size() > 5 ? ", …" : "") + ").");
    }
    p_ = x.cast<double>();
    const Eigen::Index n = p_.rows();
    unitRows_ = measure == RdmMeasure::Correlation || measure == RdmMeasure::Cosine;
    if (measure == RdmMeasure::Correlation) {
        p_.colwise() -= p_.rowwise().mean();
    } else if (!unitRows_) {
        const Eigen::RowVectorXd mean =
            p_.colwise().sum() / static_cast<double>(std::max<Eigen::Index>(n, 1));
        p_.rowwise() -= mean;
    }
    sq_ = p_.rowwise().squaredNorm();
    if (unitRows_) {
        for (Eigen::Index i = 0; i < n; ++i) p_.row(i) /= std::sqrt(sq_(i));
        sq_.setOnes();
    }
}

Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> RdmRows::compute(
    Eigen::Index first, Eigen::Index count) const {
    const Eigen::Index n = p_.rows();
    if (first < 0 || count < 0 || first > n || count > n - first) {
        throw InputError("rows " + std::to_string(first) + "+" + std::to_string(count) +
                         " lie outside the RDM of " + std::to_string(n) + " stimuli.");
    }
    // The Gram block through linalg (OpenBLAS when present), as computeRdm: pᵀ is a column-major
    // D×N matrix, so the N×count block is (pᵀ)ᵀ pᵀ[:, first:first+count] without any copy; its
    // columns are the rows wanted.
    const auto pt = p_.transpose();
    Eigen::MatrixXd gram(n, count);
    linalg::gemm(true, false, 1.0, pt, pt.middleCols(first, count), 0.0, gram);
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = gram.transpose();
#pragma omp parallel for schedule(dynamic, 4)
    for (Eigen::Index a = 0; a < count; ++a) {
        const Eigen::Index i = first + a;
        for (Eigen::Index j = 0; j < n; ++j) {
            if (j == i) {
                r(a, j) = 0.0;
                continue;
            }
            const double g = r(a, j);
            double v = 0.0;
            if (unitRows_) {
                v = 1.0 - g;
                if (v < 1e-6) v = 0.5 * (p_.row(i) - p_.row(j)).squaredNorm();
            } else {
                v = sq_(i) + sq_(j) - 2.0 * g;
                if (v < 1e-6 * (sq_(i) + sq_(j))) v = (p_.row(i) - p_.row(j)).squaredNorm();
                v = std::max(v, 0.0);
                if (measure_ == RdmMeasure::Euclidean) v = std::sqrt(v);
            }
            r(a, j) = v;
        }
    }
    return r;
}

}  // namespace repscope::metrics
