#pragma once
// Rows of an RDM without the N×N matrix: for an RDM too large for one process, each MPI rank
// (repscope-mpi rdm) computes blocks of rows and streams them to a writer. Same measures and
// arithmetic as computeRdm (rdm.h): rows standardised (correlation), unit-normalised (cosine)
// or column-centred (Euclidean) in float64 once, then each block is one GEMM against all rows,
// with entries below 1e-6 of their scale recomputed from the row difference. Entry (i, j) of a
// block is computed from row i's side; it agrees with computeRdm to ~1e-15 (not bit for bit).
//
//   const metrics::RdmRows rows(x, RdmMeasure::Correlation, &labels);
//   Eigen::MatrixXd block = rows.compute(first, count);  // count × N
#include <Eigen/Core>
#include <string>
#include <vector>

#include "repscope/metrics/rdm.h"

namespace repscope::metrics {

class RdmRows {
public:
    // Throws FormatError for NaN/Inf or rows where the measure is undefined (by label when
    // labels is given).
    RdmRows(const MatrixF& x, RdmMeasure measure, const std::vector<std::string>* labels = nullptr);

    [[nodiscard]] Eigen::Index size() const { return p_.rows(); }
    // Rows [first, first + count) of the N×N RDM, row-major (count × N). Throws InputError for a
    // range outside [0, N).
    [[nodiscard]] Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> compute(
        Eigen::Index first, Eigen::Index count) const;

private:
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> p_;
    Eigen::VectorXd sq_;
    RdmMeasure measure_;
    bool unitRows_ = false;
};

}  // namespace repscope::metrics
