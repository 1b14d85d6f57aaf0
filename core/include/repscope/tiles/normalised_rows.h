#pragma once
// Rows of an N×D representation prepared so that every RDM measure is a dot product:
//   correlation : z_i = (x_i − mean(x_i)) / ‖x_i − mean(x_i)‖   d = 1 − z_i·z_j
//   cosine      : z_i = x_i / ‖x_i‖                              d = 1 − z_i·z_j
//   (sq)euclidean: z_i = x_i − column means, s_i = ‖z_i‖²      d² = s_i + s_j − 2 z_i·z_j
// Means and norms are accumulated in float64. Rows whose measure is undefined (zero variance,
// zero norm, NaN/Inf) are marked invalid and set to zero.
#include <cmath>
#include <cstdint>
#include <vector>

#include "repscope/metrics/rdm.h"
#include "repscope/representation.h"

namespace repscope::tiles {

struct NormalisedRows {
    MatrixF z;                        // N×D
    std::vector<float> sqnorm;        // ‖z_i‖² (all measures; 1 for valid correlation/cosine rows)
    std::vector<std::uint8_t> valid;  // 1 = defined
};

// `order` (display position → row of x) may be empty (identity); the result is in display order.
[[nodiscard]] NormalisedRows normaliseRows(const MatrixF& x, metrics::RdmMeasure measure,
                                           const std::vector<std::size_t>& order = {});

// Dissimilarity from dot products of normalised rows (the formulas above); euclidean takes the
// square root of max(0, d²).
[[nodiscard]] inline float dissimilarityFromDot(metrics::RdmMeasure measure, float dot, float si,
                                                float sj) {
    switch (measure) {
        case metrics::RdmMeasure::Correlation:
        case metrics::RdmMeasure::Cosine: return 1.0F - dot;
        case metrics::RdmMeasure::SqEuclidean: {
            const float d2 = si + sj - 2.0F * dot;
            return d2 > 0.0F ? d2 : 0.0F;
        }
        case metrics::RdmMeasure::Euclidean: {
            const float d2 = si + sj - 2.0F * dot;
            return d2 > 0.0F ? std::sqrt(d2) : 0.0F;
        }
    }
    return 0.0F;
}

}  // namespace repscope::tiles
