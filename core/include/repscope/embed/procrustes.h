#pragma once
// Orthogonal Procrustes alignment with translation and isotropic scale (Schönemann 1966;
// Gower 1975): find R (orthogonal, reflections allowed by default), s > 0 and t minimising
// ‖s·X·R + 1·t − Y‖²_F, and the aligned sequence of a list of embeddings (layers of a model),
// each aligned to its already aligned predecessor so that an animation does not jump.
#include <Eigen/Core>
#include <vector>

#include "repscope/progress.h"

namespace repscope::embed {

struct ProcrustesOptions {
    bool allowScale = true;        // isotropic scale s (else s = 1)
    bool allowReflection = true;   // R may have det −1 (else a proper rotation)
    bool allowTranslation = true;  // t (else t = 0 and nothing is centred)
};

struct ProcrustesResult {
    Eigen::MatrixXd aligned;         // N×k, s·X·R + 1·t
    Eigen::MatrixXd rotation;        // k×k orthogonal R (applied on the right)
    double scale = 1.0;              // s
    Eigen::RowVectorXd translation;  // 1×k t
    double residual = 0.0;           // ‖aligned − Y‖²_F
    // residual / ‖Y − mean(Y)‖²_F (0 = perfect fit, 1 = no better than Y's centroid).
    double relativeResidual = 0.0;
};

// Aligns `source` (N×k) onto `reference` (N×k). Throws InputError when the shapes differ or
// N < 1, FormatError on NaN/Inf.
[[nodiscard]] ProcrustesResult alignProcrustes(const Eigen::MatrixXd& source,
                                               const Eigen::MatrixXd& reference,
                                               const ProcrustesOptions& options = {});

// result[0] is embeddings[0] unchanged (identity transform); result[i] is embeddings[i]
// aligned onto result[i − 1].aligned. All embeddings must share one shape. Throws as above
// (naming the position in the list), Cancelled on cancel.
[[nodiscard]] std::vector<ProcrustesResult> alignSequence(
    const std::vector<Eigen::MatrixXd>& embeddings, const ProcrustesOptions& options = {},
    Progress& progress = silentProgress());

}  // namespace repscope::embed
