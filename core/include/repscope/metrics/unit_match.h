#pragma once
// Unit matching (metrics.md, "Units"; Li et al. 2015, "Convergent learning: do different neural
// networks learn the same representations?"). C = Pearson correlation of every column of X with
// every column of Y (D×E, float64); a one-to-one maximum-weight matching of units (Hungarian,
// hungarian.h, on the signed correlations); unit_match = the mean matched correlation over the
// min(D, E) pairs. A constant unit (zero variance: e.g. a dead ReLU) has no correlation: it is
// given 0 with every unit and counted in constantUnitsX/Y.
// Invariant to permutations of units, per-unit positive scaling and translation.
#include <Eigen/Core>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

struct UnitMatch {
    double score = 0.0;                 // mean matched correlation
    Eigen::MatrixXd correlations;       // D × E, unit i of X vs unit j of Y
    std::vector<Eigen::Index> partner;  // size D: the Y unit matched to X unit i, or −1
    // For the heatmap: rowOrder lists the matched X units by decreasing matched correlation, then
    // the unmatched ones; colOrder lists their partners in the same order, then the unmatched Y
    // units; reordered = correlations(rowOrder, colOrder), so matches lie on the diagonal.
    std::vector<Eigen::Index> rowOrder;
    std::vector<Eigen::Index> colOrder;
    Eigen::MatrixXd reordered;
    Eigen::Index constantUnitsX = 0;
    Eigen::Index constantUnitsY = 0;
};

// Column-by-column Pearson correlations (D × E); constant columns correlate 0.
[[nodiscard]] Eigen::MatrixXd unitCorrelations(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                               Progress& progress = silentProgress());

[[nodiscard]] UnitMatch unitMatch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                  Progress& progress = silentProgress());
[[nodiscard]] UnitMatch unitMatch(const MatrixF& x, const MatrixF& y,
                                  Progress& progress = silentProgress());

}  // namespace repscope::metrics
