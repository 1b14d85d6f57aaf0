#pragma once
// Comparing two RDMs (RSA) on their strict upper triangles (metrics.md, "Comparing two RDMs").
// Inputs are the float64 vectors of upperTriangle() (or any two equal-length vectors).
//
//   rsa_spearman      Spearman ρ: Pearson r of the average ranks (ties share their mean rank,
//                     scipy.stats.spearmanr).
//   rsa_pearson       Pearson r (two-pass, float64).
//   rsa_kendall_tau_a Kendall τ_a = (concordant − discordant) / (n(n−1)/2); pairs tied in
//                     either vector count neither way (rsatoolbox "tau-a"). Knight's (1966)
//                     O(n log n) algorithm: sort by (a, b), count discordant pairs as the
//                     inversions of a merge sort on b, subtract ties.
//   rsa_cosine        uncentred cosine a·b / (‖a‖ ‖b‖).
// Undefined cases throw FormatError (all dissimilarities equal for Pearson/Spearman, a zero
// vector for cosine); different lengths throw AlignmentError.
#include <Eigen/Core>
#include <optional>
#include <string_view>
#include <vector>

#include "repscope/metrics/geotopo.h"
#include "repscope/metrics/rdm.h"
#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

enum class RsaComparator { Spearman, Pearson, KendallTauA, Cosine };

// "rsa_spearman", "rsa_pearson", "rsa_kendall_tau_a", "rsa_cosine".
[[nodiscard]] std::string_view rsaComparatorName(RsaComparator comparator);

[[nodiscard]] double rsaSpearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                 Progress& progress = silentProgress());
[[nodiscard]] double rsaPearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                Progress& progress = silentProgress());
[[nodiscard]] double rsaKendallTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                    Progress& progress = silentProgress());
[[nodiscard]] double rsaCosine(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                               Progress& progress = silentProgress());
[[nodiscard]] double compareRdmVectors(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                       RsaComparator comparator,
                                       Progress& progress = silentProgress());

// rsa_spearman of two precomputed float32 N×N RDMs (their upper triangles): each triangle is
// ranked straight from the float32 values (one thread each), no float64 copies. The same value
// as rsaSpearman of the triangles as float64. FormatError naming the RDM when one is not
// square or holds NaN/Inf; AlignmentError for different N.
[[nodiscard]] double rsaSpearmanOfRdms(const MatrixF& a, const MatrixF& b, std::string_view nameA,
                                       std::string_view nameB,
                                       Progress& progress = silentProgress());

// The same for two stored RDMs (representations of kind Rdm), never holding either whole: each
// side's rows are read a block at a time (blockRows; 0: 32 MiB) into one reused buffer and
// ranked as they come, both sides at once. nullopt when this path does not apply and the caller
// should read both and call rsaSpearmanOfRdms (either is not an RDM, their sizes differ, or a
// block holds NaN/Inf: the general path then reports it as usual). Throws what reading throws.
[[nodiscard]] std::optional<double> rsaSpearmanOfStoredRdms(const Representation& a,
                                                            const Representation& b,
                                                            Progress& progress = silentProgress(),
                                                            std::size_t blockRows = 0);

// 1-based ranks, ties replaced by their average rank (scipy.stats.rankdata "average").
[[nodiscard]] Eigen::VectorXd averageRanks(const Eigen::VectorXd& v,
                                           Progress& progress = silentProgress());

struct RsaOptions {
    RdmMeasure measure = RdmMeasure::Correlation;  // --rdm-measure
    std::optional<GeoTopo> geotopo;                // --geotopo L,U
};

// The RDM vector of one side: computeRdm + upperTriangle (+ geo-topological transform).
[[nodiscard]] Eigen::VectorXd rsaVector(const MatrixF& x, const RsaOptions& options,
                                        Progress& progress = silentProgress());
// The RDM vector of a precomputed N×N RDM (+ geo-topological transform).
[[nodiscard]] Eigen::VectorXd rsaVectorFromRdm(const MatrixF& rdm, const RsaOptions& options);

// Full RSA of two representations (rows = the same stimuli).
[[nodiscard]] double rsa(const MatrixF& x, const MatrixF& y, RsaComparator comparator,
                         const RsaOptions& options = {}, Progress& progress = silentProgress());

}  // namespace repscope::metrics
