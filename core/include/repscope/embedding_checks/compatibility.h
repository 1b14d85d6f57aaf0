#pragma once
// Backward compatibility of an embedding-model update (embedding-checks.md; Shen et al. 2020,
// "Towards backward-compatible representation learning"). M(q, g) is leave-one-out cosine
// retrieval (retrieval.h) with queries embedded by model q and the gallery by model g, reported
// for (old, old), (new, new) and (new, old) and for every measure (top-k, mAP):
//   compatible   M(new, old) ≥ M(old, old): the new model's queries lose nothing against the
//                old index (the paper writes >, which would call a perfectly aligned copy of the
//                old model incompatible);
//   update gain  (M(new, old) − M(old, old)) / (M(new, new) − M(old, old)); when the update
//                changes nothing (M(new, new) = M(old, old)) it is 1 if M(new, old) equals them
//                too and undefined (NaN) otherwise.
// With Alignment::Orthogonal a map is learned on the even-indexed stimuli (0, 2, 4, …) and
// everything is reported on the odd-indexed ones: W = U Vᵀ from the SVD of X_newᵀ X_old on
// rows centred by their training means (D_new × D_old, orthonormal columns or rows), applied as
// new → old: (x_new − μ_new) W + μ_old. Cosine retrieval is not translation invariant, so the
// means learned with W go with it (for new = old rotated this is X_new W).
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/embedding_checks/retrieval.h"
#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embedding_checks {

enum class Alignment { None, Orthogonal };

// "none" / "orthogonal"; parseAlignment throws InputError for anything else.
[[nodiscard]] const char* alignmentName(Alignment a);
[[nodiscard]] Alignment parseAlignment(const std::string& name);

struct CompatOptions {
    std::vector<int> ks{1, 5};
    Alignment alignment = Alignment::None;
    std::string oldName = "the old representation";  // for error messages
    std::string newName = "the new representation";
};

// One measure (top-k or mAP) of the three retrievals, with the verdict and the gain.
struct CompatMeasure {
    std::string name;  // "top1", "top5", ..., "map" (the JSON keys)
    double oldOld = 0.0;
    double newNew = 0.0;
    double newOld = 0.0;
    bool compatible = false;
    double updateGain = 0.0;  // NaN when undefined
};

struct CompatResult {
    Alignment alignment = Alignment::None;
    std::vector<std::size_t> stimuli;  // the stimuli reported on (all, or the odd-indexed ones)
    std::size_t queries = 0;           // of those, the ones with a category
    RetrievalScores oldOld;
    RetrievalScores newNew;
    RetrievalScores newOld;
    std::vector<CompatMeasure> measures;  // top-k in ascending k, then "map"
    Eigen::MatrixXd map;                  // W (D_new × D_old) with Orthogonal; empty otherwise
};

// The measures of three retrievals and their verdicts (also usable on scores computed elsewhere).
[[nodiscard]] std::vector<CompatMeasure> compareRetrievals(const RetrievalScores& oldOld,
                                                           const RetrievalScores& newNew,
                                                           const RetrievalScores& newOld);

// W = U Vᵀ from the SVD of (X_from − μ_from)ᵀ (X_to − μ_to) over `rows` (the means over those
// rows too). Throws InputError when fewer than 2 rows are given.
struct OrthogonalMap {
    Eigen::MatrixXd w;            // D_from × D_to
    Eigen::RowVectorXd meanFrom;  // D_from
    Eigen::RowVectorXd meanTo;    // D_to
    // (x − μ_from) W + μ_to for the given rows of x, in float64.
    [[nodiscard]] Eigen::MatrixXd apply(const MatrixF& x, const std::vector<std::size_t>& rows) const;
};
[[nodiscard]] OrthogonalMap learnOrthogonalMap(const MatrixF& from, const MatrixF& to,
                                               const std::vector<std::size_t>& rows);

// codes: one category code per stimulus (−1 = none), e.g. a CategoryColumn's codes. Throws
// InputError (different stimulus counts; different dimensions without alignment, suggesting
// --align orthogonal; too few stimuli), FormatError (NaN/Inf), Cancelled.
[[nodiscard]] CompatResult compatibility(const MatrixF& oldX, const MatrixF& newX,
                                         const std::vector<std::int32_t>& codes,
                                         const CompatOptions& options = {},
                                         Progress& progress = silentProgress());

}  // namespace repscope::embedding_checks
