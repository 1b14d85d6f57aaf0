#pragma once
// cka_linear of two stored representations without reading either whole: both are read a block
// of rows at a time into two reused buffers, each block is centred on its own column means and
// added to C = [Xc Yc]ᵀ[Xc Yc] by one symmetric rank-k update, and the blocks' means are merged
// exactly (Chan, Golub & LeVeque 1979: C_ab = C_a + C_b + (n_a n_b / n) δδᵀ, δ = μ_b − μ_a), so
// C is the product of the globally centred data. The same value as ckaLinear on the whole
// matrices (float32 products, float64 means and sums), without the two N × D copies: fresh
// memory, which on a virtual machine costs about as much to fault in and zero as the product
// spends on it.
#include <optional>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

// nullopt when this path does not apply and the caller should read both sides and call
// ckaLinear: either is not a feature representation, the stimulus counts differ, N < 2 or a
// side has no features, the feature-space form is not the cheaper one, or a block holds NaN/Inf
// (reading both whole then reports them as usual). Throws what reading throws; Cancelled.
// blockRows 0: rows per block chosen so that a block of [X Y] is 32 MiB (at least 256).
[[nodiscard]] std::optional<double> ckaLinearStreamed(const Representation& x, const Representation& y,
                                                      Progress& progress = silentProgress(),
                                                      std::size_t blockRows = 0);

}  // namespace repscope::metrics
