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
    // Plain loops over raw rows (sums in float64): no temporaries per row.
#pragma omp parallel for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        const float* in = x.data() + source(i) * d;
        float* z = out.z.data() + i * d;
        bool ok = true;
        double sum = 0.0;
        double sumSq = 0.0;
        for (Eigen::Index j = 0; j < d; ++j) {
            const double v = in[j];
            sum += v;
            sumSq += v * v;
        }
        ok = std::isfinite(sum) && std::isfinite(sumSq);
        double shift = 0.0;
        double scale = 1.0;
        if (ok && measure == RdmMeasure::Correlation) {
            shift = sum / static_cast<double>(d);
            double centred = 0.0;
            for (Eigen::Index j = 0; j < d; ++j) {
                const double c = in[j] - shift;
                centred += c * c;
            }
            const double norm = std::sqrt(centred);
            ok = norm > 0.0 && norm > 1e-10 * std::sqrt(sumSq);
            scale = ok ? 1.0 / norm : 1.0;
        } else if (ok && measure == RdmMeasure::Cosine) {
            const double norm = std::sqrt(sumSq);
            ok = norm > 0.0;
            scale = ok ? 1.0 / norm : 1.0;
        }
        if (!ok) {
            std::fill(z, z + d, 0.0F);
            out.valid[idx] = 0;
            continue;
        }
        double sq = 0.0;
        if (euclidean) {
            for (Eigen::Index j = 0; j < d; ++j) {
                const double c = in[j] - colMean[j];
                z[j] = static_cast<float>(c);
                sq += c * c;
            }
        } else {
            for (Eigen::Index j = 0; j < d; ++j) {
                const double c = (in[j] - shift) * scale;
                z[j] = static_cast<float>(c);
                sq += c * c;
            }
        }
        out.sqnorm[idx] = static_cast<float>(sq);
    }
    return out;
}

}  // namespace repscope::tiles
