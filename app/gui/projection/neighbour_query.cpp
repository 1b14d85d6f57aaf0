#include "gui/projection/neighbour_query.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "repscope/error.h"

namespace repscope::gui {
namespace {

// metrics/knn.h: similarities equal up to GEMM rounding count as ties.
double rounded(double s) {
    constexpr double kGrid = 68719476736.0;  // 2^36
    return std::round(s * kGrid) / kGrid;
}

}  // namespace

std::vector<Neighbour> nearestNeighboursOf(const MatrixF& x, bool precomputedRdm, std::size_t i,
                                           int k) {
    const auto n = static_cast<std::size_t>(x.rows());
    if (i >= n) throw InputError("Stimulus " + std::to_string(i) + " is not in the representation.");
    const auto row = static_cast<Eigen::Index>(i);
    if (!x.row(row).allFinite()) throw FormatError("The stimulus's row holds NaN or Inf values.");
    std::vector<Neighbour> all;
    all.reserve(n);
    if (precomputedRdm) {
        for (std::size_t j = 0; j < n; ++j) {
            if (j != i) all.push_back({j, static_cast<double>(x(row, static_cast<Eigen::Index>(j)))});
        }
    } else {
        const Eigen::RowVectorXd xi = x.row(row).cast<double>();
        const double normI = xi.norm();
        if (normI == 0.0) {
            throw InputError("The stimulus's activations are all zero; it has no nearest neighbours.");
        }
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            const auto xj = x.row(static_cast<Eigen::Index>(j)).cast<double>();
            const double normJ = xj.norm();
            if (!std::isfinite(normJ)) throw FormatError("A row holds NaN or Inf values.");
            const double s = normJ == 0.0 ? 0.0 : xj.dot(xi) / (normI * normJ);
            all.push_back({j, s});
        }
    }
    const auto m = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), all.size());
    const auto nearer = [precomputedRdm](const Neighbour& a, const Neighbour& b) {
        const double va = precomputedRdm ? a.value : rounded(a.value);
        const double vb = precomputedRdm ? b.value : rounded(b.value);
        if (va != vb) return precomputedRdm ? va < vb : va > vb;
        return a.stimulus < b.stimulus;
    };
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(m), all.end(), nearer);
    all.resize(m);
    return all;
}

}  // namespace repscope::gui
