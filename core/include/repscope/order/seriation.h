#pragma once
// Display orderings of stimuli for heatmaps (seriation): original, by category, or hierarchical
// clustering (average linkage, UPGMA) with optimal leaf ordering (Bar-Joseph, Gifford & Jaakkola
// 2001, "Fast optimal leaf ordering for hierarchical clustering", Bioinformatics 17 S22), which
// flips the dendrogram's subtrees so that the sum of dissimilarities between neighbours in the
// order is minimal. An order maps display position → stimulus index; rows and columns share it.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/metrics/rdm.h"
#include "repscope/progress.h"
#include "repscope/representation.h"
#include "repscope/stimuli.h"

namespace repscope::order {

// Merge m of n leaves creates node n + m from children[m] (node ids < n are leaves).
struct Dendrogram {
    std::size_t leaves = 0;
    std::vector<std::array<std::size_t, 2>> children;
    std::vector<double> heights;
};

// Average-linkage clustering of a symmetric dissimilarity matrix (nearest-neighbour chain,
// O(n²) time and one n×n matrix of memory). Throws InputError when d is not square.
[[nodiscard]] Dendrogram averageLinkage(const Eigen::MatrixXd& d,
                                        Progress& progress = silentProgress());
// Leaves left to right as the dendrogram stores them (first child first).
[[nodiscard]] std::vector<std::size_t> dendrogramLeafOrder(const Dendrogram& tree);
// The leaf order of the same tree (only subtree flips) with the minimal sum of adjacent
// dissimilarities. O(n³) worst case, vectorised; about a second for n = 2000.
[[nodiscard]] std::vector<std::size_t> optimalLeafOrder(const Dendrogram& tree,
                                                        const Eigen::MatrixXd& d,
                                                        Progress& progress = silentProgress());
// Σ d(order[p], order[p+1]).
[[nodiscard]] double adjacentDissimilaritySum(const Eigen::MatrixXd& d,
                                              const std::vector<std::size_t>& order);

// Stimuli grouped by category in the column's category order (stable; missing values last).
[[nodiscard]] std::vector<std::size_t> categoryOrder(const CategoryColumn& column);

// The n×n dissimilarities of x's rows for a measure, in float64 from float32 products; rows for
// which the measure is undefined are put at the largest dissimilarity from everything.
[[nodiscard]] Eigen::MatrixXd rowDissimilarities(const MatrixF& x, metrics::RdmMeasure measure);

enum class OrderingMethod { Original, ByCategory, Clustered };

struct Ordering {
    std::vector<std::size_t> order;
    std::string description;  // what was done, for a status line ("clustered 812 stimuli ...")
};

// The order for a method. Clustered: average linkage + optimal leaf ordering of all stimuli
// when N ≤ maxClusteredStimuli; above that, stimuli grouped by category with the categories
// ordered by clustering their mean rows (original order when no category column is given).
// ByCategory without a column gives the original order. Throws Cancelled on cancel.
[[nodiscard]] Ordering computeOrdering(const MatrixF& x, metrics::RdmMeasure measure,
                                       OrderingMethod method, const CategoryColumn* categories,
                                       std::size_t maxClusteredStimuli = 2000,
                                       Progress& progress = silentProgress());

}  // namespace repscope::order
