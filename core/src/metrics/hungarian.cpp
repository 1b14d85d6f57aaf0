#include "repscope/metrics/hungarian.h"

#include <limits>

#include "metrics/metric_support.h"
#include "repscope/error.h"

namespace repscope::metrics {

using detail::Index;

std::vector<Index> hungarianMaxWeight(const Eigen::MatrixXd& w, Progress& progress) {
    if (!w.allFinite()) throw FormatError("The assignment weights contain NaN or infinite values.");
    const bool transposed = w.rows() > w.cols();
    // cost (n ≤ m), row-major for contiguous row scans; minimising −w maximises w
    using RowMajorXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const RowMajorXd a = transposed ? RowMajorXd(-w.transpose()) : RowMajorXd(-w);
    const Index n = a.rows();
    const Index m = a.cols();
    std::vector<Index> result(static_cast<std::size_t>(w.rows()), -1);
    if (n == 0) return result;
    constexpr double inf = std::numeric_limits<double>::infinity();
    // 1-based potentials u (rows), v (columns); p[j] = row matched to column j; way = path.
    std::vector<double> u(static_cast<std::size_t>(n + 1), 0.0);
    std::vector<double> v(static_cast<std::size_t>(m + 1), 0.0);
    std::vector<Index> p(static_cast<std::size_t>(m + 1), 0);
    std::vector<Index> way(static_cast<std::size_t>(m + 1), 0);
    std::vector<double> minv(static_cast<std::size_t>(m + 1));
    std::vector<char> used(static_cast<std::size_t>(m + 1));
    auto at = [](auto& vec, Index i) -> auto& { return vec[static_cast<std::size_t>(i)]; };
    detail::ProgressSpan span(progress);
    for (Index i = 1; i <= n; ++i) {
        span.report(static_cast<double>(i - 1) / static_cast<double>(n));
        at(p, 0) = i;
        Index j0 = 0;
        std::fill(minv.begin(), minv.end(), inf);
        std::fill(used.begin(), used.end(), 0);
        do {
            at(used, j0) = 1;
            const Index i0 = at(p, j0);
            double delta = inf;
            Index j1 = 0;
            const double ui0 = at(u, i0);
            for (Index j = 1; j <= m; ++j) {
                if (at(used, j)) continue;
                const double cur = a(i0 - 1, j - 1) - ui0 - at(v, j);
                if (cur < at(minv, j)) {
                    at(minv, j) = cur;
                    at(way, j) = j0;
                }
                if (at(minv, j) < delta) {
                    delta = at(minv, j);
                    j1 = j;
                }
            }
            for (Index j = 0; j <= m; ++j) {
                if (at(used, j)) {
                    at(u, at(p, j)) += delta;
                    at(v, j) -= delta;
                } else {
                    at(minv, j) -= delta;
                }
            }
            j0 = j1;
        } while (at(p, j0) != 0);
        do {
            const Index j1 = at(way, j0);
            at(p, j0) = at(p, j1);
            j0 = j1;
        } while (j0 != 0);
    }
    for (Index j = 1; j <= m; ++j) {
        const Index i = at(p, j);
        if (i == 0) continue;
        if (transposed) {
            result[static_cast<std::size_t>(j - 1)] = i - 1;
        } else {
            result[static_cast<std::size_t>(i - 1)] = j - 1;
        }
    }
    span.finish();
    return result;
}

}  // namespace repscope::metrics
