#pragma once
// Representational dissimilarity matrices (metrics.md, "RDM measures").
//
// Results are float64 N×N Eigen::MatrixXd (symmetric, zero diagonal). Inputs are the float32
// N×D matrices of repscope::Representation; everything is computed in float64: rows are
// standardised (correlation), unit-normalised (cosine) or column-centred (Euclidean: distances
// are translation invariant, and centring shrinks the norms in ‖a‖² + ‖b‖² − 2a·b), and the
// products are one symmetric, row-blocked GEMM. Entries below 1e-6 of their scale, where that
// expansion loses relative precision, are recomputed directly from the row difference, so small
// dissimilarities keep their relative accuracy (metrics.md asks 1e-4 relative).
//
//   correlation : 1 − Pearson r(x_i, x_j)                   (rsatoolbox "correlation")
//   cosine      : 1 − x_i·x_j / (‖x_i‖ ‖x_j‖)
//   euclidean   : ‖x_i − x_j‖₂
//   sqeuclidean : ‖x_i − x_j‖₂²   (rsatoolbox "euclidean" is this divided by D)
//
// A row with zero variance (correlation) or zero norm (cosine) has no defined dissimilarity:
// computeRdm throws FormatError naming how many and the first few (by label when given), and
// ResourceError when the N×N float64 result exceeds memoryBudgetBytes().
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

enum class RdmMeasure { Correlation, Cosine, Euclidean, SqEuclidean };

// "correlation", "cosine", "euclidean", "sqeuclidean".
[[nodiscard]] std::string_view rdmMeasureName(RdmMeasure measure);
// Inverse of rdmMeasureName; throws InputError listing the valid names.
[[nodiscard]] RdmMeasure parseRdmMeasure(std::string_view name);
[[nodiscard]] const std::vector<RdmMeasure>& allRdmMeasures();

// Rows for which `measure` is undefined: zero variance across features (correlation; a row
// whose centred norm is ≤ 1e-10 of its norm counts as constant), zero norm (cosine). Empty for
// the Euclidean measures.
[[nodiscard]] std::vector<Eigen::Index> undefinedRdmRows(const MatrixF& x, RdmMeasure measure);

// The N×N RDM of X's rows. Throws FormatError for undefined rows (see above) or NaN/Inf values,
// Cancelled when progress is cancelled.
[[nodiscard]] Eigen::MatrixXd computeRdm(const MatrixF& x, RdmMeasure measure,
                                         Progress& progress = silentProgress());
// Same; an error names the offending stimuli by labels[row] (labels.size() == N expected).
[[nodiscard]] Eigen::MatrixXd computeRdm(const MatrixF& x, RdmMeasure measure,
                                         const std::vector<std::string>& labels,
                                         Progress& progress = silentProgress());
// float64 overload (same checks); `labels` may be null.
[[nodiscard]] Eigen::MatrixXd computeRdm(const Eigen::MatrixXd& x, RdmMeasure measure,
                                         Progress& progress,
                                         const std::vector<std::string>* labels = nullptr);

// The strict upper triangle (i < j) in row-major order: (0,1), (0,2), …, (0,N−1), (1,2), …;
// length N(N−1)/2. This is scipy's squareform order.
[[nodiscard]] Eigen::VectorXd upperTriangle(const Eigen::MatrixXd& rdm);
// The upper triangle of a precomputed N×N RDM as read (float32, row-major: each row's part is
// contiguous), in float64; FormatError naming `what` when it is not square or not finite.
[[nodiscard]] Eigen::VectorXd precomputedUpperTriangle(const MatrixF& rdm,
                                                       std::string_view what = "the RDM");

// A precomputed N×N RDM (e.g. a brain or behavioural RDM read as a Representation of kind Rdm)
// as float64. Throws FormatError when it is not square or holds NaN/Inf.
[[nodiscard]] Eigen::MatrixXd precomputedRdm(const MatrixF& rdm, std::string_view what = "the RDM");

}  // namespace repscope::metrics
