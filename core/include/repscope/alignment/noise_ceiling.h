#pragma once
// The noise ceiling of an RDM set (alignment.md, "Noise ceiling"), as rsatoolbox's
// boot_noise_ceiling(rdms, method): every subject's RDM is normalised for the comparator
// (cosine, cosine_cov: divided by its root mean square; pearson, corr_cov: z-scored with
// ddof 0; spearman, rho_a, kendall_tau_a: ranked), NaN-aware; pairs are averaged over the
// subjects that have them.
//   upper = mean over subjects s of comparator(mean of all normalised subjects, s)
//   lower = mean over subjects s of comparator(mean of the others,            s)
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "repscope/alignment/comparator.h"
#include "repscope/progress.h"

namespace repscope::alignment {

struct NoiseCeiling {
    double lower = 0.0;
    double upper = 0.0;
};

// One subject's condensed RDM normalised for `comparator` (NaN entries stay NaN and are left
// out of means and ranks). Throws FormatError when the RDM has no spread (z-scoring) or no
// non-zero entry (root mean square).
[[nodiscard]] Eigen::VectorXd normaliseForComparator(const Eigen::VectorXd& rdm,
                                                     Comparator comparator);

// The pair-wise mean of `rdms` over those that are finite there (NaN where none is), skipping
// rdms[skip] when skip < rdms.size().
[[nodiscard]] Eigen::VectorXd meanOfPresent(const std::vector<Eigen::VectorXd>& rdms,
                                            std::size_t skip = static_cast<std::size_t>(-1));

// nullopt for fewer than 2 subjects (there is no noise ceiling then). Throws FormatError
// naming the subject (subjectNames[s] when given) when a comparison is undefined.
[[nodiscard]] std::optional<NoiseCeiling> noiseCeiling(
    const std::vector<Eigen::VectorXd>& subjects, Comparator comparator,
    const std::vector<std::string>& subjectNames = {}, Progress& progress = silentProgress());

// normaliseForComparator of every subject (in parallel); a failure names the subject as
// noiseCeiling does.
[[nodiscard]] std::vector<Eigen::VectorXd> normaliseSubjects(
    const std::vector<Eigen::VectorXd>& subjects, Comparator comparator,
    const std::vector<std::string>& subjectNames = {});
// noiseCeiling given normaliseSubjects' result, for callers that reuse it (evaluation uses the
// ranked subjects for the model comparisons too).
[[nodiscard]] std::optional<NoiseCeiling> noiseCeilingOfNormalised(
    const std::vector<Eigen::VectorXd>& subjects, const std::vector<Eigen::VectorXd>& normalised,
    Comparator comparator, const std::vector<std::string>& subjectNames = {},
    Progress& progress = silentProgress());

}  // namespace repscope::alignment
