#pragma once
// Maximum-weight one-to-one assignment (Hungarian algorithm, Kuhn 1955 / Munkres 1957, the
// O(n²m) potentials form with n = min(rows, cols), m = max(rows, cols)).
#include <Eigen/Core>
#include <vector>

#include "repscope/progress.h"

namespace repscope::metrics {

// For each row of w, the column it is matched to (−1 if unmatched): min(rows, cols) pairs,
// distinct columns, maximising the sum of the matched weights. Weights must be finite.
[[nodiscard]] std::vector<Eigen::Index> hungarianMaxWeight(const Eigen::MatrixXd& w,
                                                           Progress& progress = silentProgress());

}  // namespace repscope::metrics
