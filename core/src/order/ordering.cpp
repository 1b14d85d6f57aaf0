#include <algorithm>
#include <numeric>

#include "repscope/order/seriation.h"
#include "repscope/tiles/normalised_rows.h"

namespace repscope::order {

std::vector<std::size_t> categoryOrder(const CategoryColumn& column) {
    std::vector<std::size_t> order(column.codes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto rank = [&](std::size_t i) {
        const std::int32_t c = column.codes[i];
        return c < 0 ? std::numeric_limits<std::int64_t>::max() : std::int64_t{c};
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    return order;
}

Eigen::MatrixXd rowDissimilarities(const MatrixF& x, metrics::RdmMeasure measure) {
    const tiles::NormalisedRows rows = tiles::normaliseRows(x, measure);
    const Eigen::Index n = x.rows();
    const MatrixF dots = rows.z * rows.z.transpose();
    Eigen::MatrixXd d(n, n);
    double largest = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j) {
            const float v = i == j ? 0.0F
                                   : tiles::dissimilarityFromDot(
                                         measure, dots(i, j), rows.sqnorm[static_cast<std::size_t>(i)],
                                         rows.sqnorm[static_cast<std::size_t>(j)]);
            d(i, j) = v;
            if (rows.valid[static_cast<std::size_t>(i)] && rows.valid[static_cast<std::size_t>(j)]) {
                largest = std::max(largest, static_cast<double>(v));
            }
        }
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        if (rows.valid[static_cast<std::size_t>(i)]) continue;
        d.row(i).setConstant(largest);
        d.col(i).setConstant(largest);
        d(i, i) = 0.0;
    }
    return d;
}

namespace {

std::vector<std::size_t> clusterRows(const MatrixF& x, metrics::RdmMeasure measure,
                                     Progress& progress) {
    const Eigen::MatrixXd d = rowDissimilarities(x, measure);
    progress.report(0.1);
    const Dendrogram tree = averageLinkage(d, progress);
    return optimalLeafOrder(tree, d, progress);
}

}  // namespace

Ordering computeOrdering(const MatrixF& x, metrics::RdmMeasure measure, OrderingMethod method,
                         const CategoryColumn* categories, std::size_t maxClusteredStimuli,
                         Progress& progress) {
    const auto n = static_cast<std::size_t>(x.rows());
    Ordering result;
    result.order.resize(n);
    std::iota(result.order.begin(), result.order.end(), std::size_t{0});
    if (method == OrderingMethod::Original) {
        result.description = "original order";
        return result;
    }
    const bool haveCategories = categories != nullptr && categories->codes.size() == n;
    if (method == OrderingMethod::ByCategory) {
        if (!haveCategories) {
            result.description = "original order (no category column)";
            return result;
        }
        result.order = categoryOrder(*categories);
        result.description = "grouped by " + categories->name;
        return result;
    }
    if (n <= maxClusteredStimuli) {
        result.order = clusterRows(x, measure, progress);
        result.description = "average-linkage clustering of " + std::to_string(n) +
                             " stimuli, optimal leaf order";
        return result;
    }
    if (!haveCategories) {
        result.description = "original order (" + std::to_string(n) +
                             " stimuli are too many to cluster and there is no category column)";
        return result;
    }
    // Too many stimuli: cluster the category means, keep stimuli grouped by category.
    const tiles::NormalisedRows rows = tiles::normaliseRows(x, measure);
    const std::size_t k = categories->categories.size();
    MatrixF means = MatrixF::Zero(static_cast<Eigen::Index>(k), x.cols());
    std::vector<double> counts(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t c = categories->codes[i];
        // Codes are validated when read; a code outside the categories counts as missing.
        if (c < 0 || static_cast<std::size_t>(c) >= k || !rows.valid[i]) continue;
        means.row(c) += rows.z.row(static_cast<Eigen::Index>(i));
        counts[static_cast<std::size_t>(c)] += 1.0;
    }
    for (std::size_t c = 0; c < k; ++c) {
        if (counts[c] > 0.0) means.row(static_cast<Eigen::Index>(c)) /= static_cast<float>(counts[c]);
    }
    progress.report(0.5);
    std::vector<std::size_t> categorySequence(k);
    std::iota(categorySequence.begin(), categorySequence.end(), std::size_t{0});
    if (k > 2 && k <= maxClusteredStimuli) categorySequence = clusterRows(means, measure, progress);
    std::vector<std::int64_t> rank(k, 0);
    for (std::size_t p = 0; p < k; ++p) rank[categorySequence[p]] = static_cast<std::int64_t>(p);
    auto key = [&](std::size_t i) {
        const std::int32_t c = categories->codes[i];
        return c < 0 || static_cast<std::size_t>(c) >= k ? std::numeric_limits<std::int64_t>::max()
                                                          : rank[static_cast<std::size_t>(c)];
    };
    std::stable_sort(result.order.begin(), result.order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    result.description = "grouped by " + categories->name + ", " + std::to_string(k) +
                         " categories ordered by clustering their means";
    return result;
}

}  // namespace repscope::order
