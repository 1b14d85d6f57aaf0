#pragma once
// An N×N RDM as read from a file (float32, NaN where a pair is missing) as the condensed
// float64 vector the comparators take: the strict upper triangle, row-major (i < j).
#include <Eigen/Core>
#include <string_view>

#include "repscope/representation.h"

namespace repscope::alignment {

// Throws FormatError naming `what` when the matrix is not square or holds ±Inf; NaN entries
// stay NaN (missing pairs).
[[nodiscard]] Eigen::VectorXd condensedWithMissing(const MatrixF& rdm, std::string_view what);

}  // namespace repscope::alignment
