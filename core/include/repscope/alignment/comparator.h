#pragma once
// Comparing a model RDM with one subject's RDM (alignment.md, "Comparators"). Both sides are
// condensed upper triangles over the same N stimuli (row-major i < j, scipy's squareform order,
// N(N−1)/2 entries); a NaN entry is a missing pair.
//
//   spearman       Spearman ρ: Pearson r of the average ranks (scipy.stats.spearmanr).
//   pearson        Pearson r.
//   kendall_tau_a  Kendall τ_a: (concordant − discordant) / (n(n−1)/2), ties count neither way.
//   rho_a          Spearman without tie correction (rsatoolbox "rho-a"):
//                  12 Σ (r_a − r̄)(r_b − r̄) / (n³ − n), r the average ranks of n pairs.
//   cosine         uncentred cosine a·b / (‖a‖ ‖b‖).
//   cosine_cov     whitened cosine of Diedrichsen et al. (2021) with σ_k = I:
//                  ⟨G_a, G_b⟩_F / (‖G_a‖_F ‖G_b‖_F), G = −½ H D H (H the centring matrix, D the
//                  full N×N RDM).
//   corr_cov       the same after subtracting from each RDM the mean of its off-diagonal entries.
//
// Missing entries: every comparator uses the pairs present in both RDMs (pairwise deletion;
// ranks are taken over those pairs). The whitened comparators then centre by least squares as
// rsatoolbox's _cov_weighting does (O(N³) per comparison), which equals −½HDH when nothing is
// missing.
// Undefined values (fewer than 2 shared pairs, all shared dissimilarities equal, a zero vector)
// throw FormatError; vectors of different lengths throw AlignmentError.
#include <Eigen/Core>
#include <cstddef>
#include <string_view>
#include <vector>

namespace repscope::alignment {

enum class Comparator { Spearman, Pearson, KendallTauA, RhoA, Cosine, CorrCov, CosineCov };

// "spearman", "pearson", "kendall_tau_a", "rho_a", "cosine", "corr_cov", "cosine_cov".
[[nodiscard]] std::string_view comparatorName(Comparator comparator);
// Inverse of comparatorName; throws InputError listing the valid names.
[[nodiscard]] Comparator parseComparator(std::string_view name);
[[nodiscard]] const std::vector<Comparator>& allComparators();
// True for corr_cov and cosine_cov (complete RDMs only).
[[nodiscard]] bool isWhitened(Comparator comparator);

// N for a condensed vector of N(N−1)/2 entries; throws FormatError when the length is not one.
[[nodiscard]] std::size_t stimuliOfCondensed(std::size_t length);

// The comparator between two condensed RDM vectors (see above).
[[nodiscard]] double compareRdms(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                 Comparator comparator);

// An RDM prepared once for many comparisons with one comparator: its ranks (spearman, rho_a)
// or the terms of ⟨G, ·⟩ (whitened), so that evaluating M models against S subjects ranks or
// centres each RDM once instead of M·S times.
class PreparedRdm {
public:
    PreparedRdm() = default;
    PreparedRdm(Eigen::VectorXd condensed, Comparator comparator);

    [[nodiscard]] const Eigen::VectorXd& values() const { return values_; }
    [[nodiscard]] bool complete() const { return complete_; }

    // Same value as compareRdms(a.values(), b.values(), comparator).
    friend double compare(const PreparedRdm& a, const PreparedRdm& b);

// spearman or rho_a of two complete RDMs given by their average ranks (as metrics::averageRanks
// returns them), without preparing either: the same value as compare() of the two RDMs.
[[nodiscard]] double compareAverageRanks(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                         Comparator comparator);

private:
    Comparator comparator_ = Comparator::Spearman;
    Eigen::VectorXd values_;
    bool complete_ = true;
    Eigen::VectorXd transformed_;  // ranks (spearman, rho_a); mean-shifted values (corr_cov)
    Eigen::VectorXd rowMeans_;     // whitened: row means of the full RDM (diagonal included)
    double grandMean_ = 0.0;
    double gNorm_ = 0.0;           // whitened: ‖H D H‖_F
};

double compare(const PreparedRdm& a, const PreparedRdm& b);

// spearman or rho_a of two complete RDMs given by their average ranks (as metrics::averageRanks
// returns them), without preparing either: the same value as compare() of the two RDMs.
[[nodiscard]] double compareAverageRanks(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                         Comparator comparator);

}  // namespace repscope::alignment
