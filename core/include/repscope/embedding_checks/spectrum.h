#pragma once
// What drives the similarity (embedding-checks.md; Lampinen et al. 2024): the variance spectrum
// of a representation and how much of its variance each categorical column explains.
//   explained            eigenvalues λ of X_cᵀX_c (X_c = X with column means removed), in
//                        descending order, divided by their sum ‖X_c‖²_F
//   participation ratio  (Σλ)² / Σλ², between 1 (one direction) and min(N − 1, D)
//   R² of a column       ‖P X_c‖²_F / ‖X_c‖²_F, P the projection onto the centred one-hot
//                        columns of its categories: the between-category share of the
//                        variance. Stimuli without a category (code −1) have an all-zero
//                        one-hot row; the projection is then the same as with them as one more
//                        category, so they form one group. A column with one category has R² 0.
#include <cstddef>
#include <string>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"
#include "repscope/stimuli.h"

namespace repscope::embedding_checks {

struct CategoryShare {
    std::string column;
    std::size_t categories = 0;  // distinct categories present
    double r2 = 0.0;
};

struct Spectrum {
    std::size_t n = 0;
    std::size_t d = 0;
    std::vector<double> explained;  // min(N, D) ratios, descending, summing to 1
    double participationRatio = 0.0;
    double totalVariance = 0.0;     // ‖X_c‖²_F / (N − 1)
    std::vector<CategoryShare> categories;  // one per column, in the given order
};

// Throws InputError (N < 2, no variance at all), FormatError (NaN/Inf), Cancelled. The one dense
// eigensolve (min(N, D)² values) is not interruptible.
[[nodiscard]] Spectrum computeSpectrum(const MatrixF& x, const std::vector<CategoryColumn>& columns,
                                       Progress& progress = silentProgress());

// R² of one column (codes per stimulus, −1 = none); throws like computeSpectrum.
[[nodiscard]] double betweenCategoryShare(const MatrixF& x, const std::vector<std::int32_t>& codes);

}  // namespace repscope::embedding_checks
