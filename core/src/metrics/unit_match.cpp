#include "repscope/metrics/unit_match.h"

#include <algorithm>
#include <numeric>

#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/metrics/hungarian.h"

namespace repscope::metrics {

using detail::Index;
using detail::ProgressSpan;

namespace {

// Centred columns scaled to unit norm; constant columns become zero. Returns their count.
Index standardiseColumns(Eigen::MatrixXd& m) {
    detail::centreColumns(m);
    Index constant = 0;
    for (Index j = 0; j < m.cols(); ++j) {
        const double norm = m.col(j).norm();
        if (norm > 0.0) {
            m.col(j) /= norm;
        } else {
            m.col(j).setZero();
            ++constant;
        }
    }
    return constant;
}

Eigen::MatrixXd correlations(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, ProgressSpan span,
                             Index* constantX, Index* constantY) {
    detail::requirePair(x, y, "unit_match", 2);
    detail::requireFinite(x, "The first representation");
    detail::requireFinite(y, "The second representation");
    Eigen::MatrixXd xs = x;
    Eigen::MatrixXd ys = y;
    const Index cx = standardiseColumns(xs);
    const Index cy = standardiseColumns(ys);
    if (constantX != nullptr) *constantX = cx;
    if (constantY != nullptr) *constantY = cy;
    Eigen::MatrixXd c = Eigen::MatrixXd::Zero(x.cols(), y.cols());
    const Index n = x.rows();
    const double perRow = 2.0 * static_cast<double>(x.cols() * y.cols());
    detail::forRowBlocks(n, detail::blockRows(n, perRow), span, [&](Index first, Index count) {
        c.noalias() += xs.middleRows(first, count).transpose() * ys.middleRows(first, count);
    });
    return c.cwiseMin(1.0).cwiseMax(-1.0);
}

}  // namespace

Eigen::MatrixXd unitCorrelations(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                 Progress& progress) {
    ProgressSpan span(progress);
    Eigen::MatrixXd c = correlations(x, y, span, nullptr, nullptr);
    span.finish();
    return c;
}

UnitMatch unitMatch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Progress& progress) {
    ProgressSpan span(progress);
    UnitMatch r;
    r.correlations = correlations(x, y, span.sub(0.0, 0.3), &r.constantUnitsX, &r.constantUnitsY);
    detail::SubProgress matching(progress, 0.3, 0.95);
    r.partner = hungarianMaxWeight(r.correlations, matching);
    const Index d = x.cols();
    const Index e = y.cols();
    double sum = 0.0;
    std::vector<Index> matched;
    std::vector<Index> unmatched;
    for (Index i = 0; i < d; ++i) {
        const Index j = r.partner[static_cast<std::size_t>(i)];
        if (j >= 0) {
            sum += r.correlations(i, j);
            matched.push_back(i);
        } else {
            unmatched.push_back(i);
        }
    }
    r.score = sum / static_cast<double>(std::min(d, e));
    std::stable_sort(matched.begin(), matched.end(), [&](Index a, Index b) {
        return r.correlations(a, r.partner[static_cast<std::size_t>(a)]) >
               r.correlations(b, r.partner[static_cast<std::size_t>(b)]);
    });
    std::vector<char> usedY(static_cast<std::size_t>(e), 0);
    for (Index i : matched) {
        r.rowOrder.push_back(i);
        const Index j = r.partner[static_cast<std::size_t>(i)];
        r.colOrder.push_back(j);
        usedY[static_cast<std::size_t>(j)] = 1;
    }
    r.rowOrder.insert(r.rowOrder.end(), unmatched.begin(), unmatched.end());
    for (Index j = 0; j < e; ++j) {
        if (!usedY[static_cast<std::size_t>(j)]) r.colOrder.push_back(j);
    }
    r.reordered = r.correlations(r.rowOrder, r.colOrder);
    span.finish();
    return r;
}

UnitMatch unitMatch(const MatrixF& x, const MatrixF& y, Progress& progress) {
    return unitMatch(Eigen::MatrixXd(x.cast<double>()), Eigen::MatrixXd(y.cast<double>()),
                     progress);
}

}  // namespace repscope::metrics
