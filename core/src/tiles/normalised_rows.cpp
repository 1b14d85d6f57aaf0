#include "repscope/tiles/normalised_rows.h"

#include <cmath>

#include "repscope/error.h"

namespace repscope::tiles {

using metrics::RdmMeasure;

NormalisedRows normaliseRows(const MatrixF& x, RdmMeasure measure,
                             const std::vector<std::size_t>& order) {
    const Eigen::Index n = x.rows();
    const Eigen::Index d = x.cols();
    if (!order.empty() && static_cast<Eigen::Index>(order.size()) != n) {
        throw InputError("the display order has " + std::to_string(order.size()) +
                         " entries for " + std::to_string(n) + " stimuli");
    }
    auto source = [&](Eigen::Index i) {
        return order.empty() ? i : static_cast<Eigen::Index>(order[static_cast<std::size_t>(i)]);
    };
    NormalisedRows out;
    out.z.resize(n, d);
    out.sqnorm.assign(static_cast<std::size_t>(n), 0.0F);
    out.valid.assign(static_cast<std::size_t>(n), 1);

    const bool euclidean =
        measure == RdmMeasure::Euclidean || measure == RdmMeasure::SqEuclidean;
    Eigen::RowVectorXd colMean = Eigen::RowVectorXd::Zero(d);
    if (euclidean && n > 0) {
        for (Eigen::Index i = 0; i < n; ++i) {
            if (x.row(i).allFinite()) colMean += x.row(i).cast<double>();
        }
        colMean /= static_cast<double>(n);
    }
#pragma omp parallel for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        Eigen::RowVectorXd row = x.row(source(i)).cast<double>();
        bool ok = row.allFinite();
        if (ok) {
            if (measure == RdmMeasure::Correlation) {
                const double full = row.norm();
                row.array() -= row.mean();
                const double norm = row.norm();
                ok = norm > 0.0 && norm > 1e-10 * full;
                if (ok) row /= norm;
            } else if (measure == RdmMeasure::Cosine) {
                const double norm = row.norm();
                ok = norm > 0.0;
                if (ok) row /= norm;
            } else {
                row -= colMean;
            }
        }
        if (ok) {
            out.z.row(i) = row.cast<float>();
            out.sqnorm[idx] = static_cast<float>(row.squaredNorm());
        } else {
            out.z.row(i).setZero();
            out.valid[idx] = 0;
        }
    }
    return out;
}

}  // namespace repscope::tiles
