#pragma once
// cka_linear of two stored representations without reading either whole: both are read a block
// of rows at a time into two reused buffers, and each block, shifted by the mean of the rows
// before it (the first block by its own mean), is added to C = [Xc Yc]ᵀ[Xc Yc] by one symmetric
// rank-k update. The blocks are merged exactly (Chan, Golub & LeVeque 1979, with the block's
// scatter written about the shift): the positive merge term rides in the block's own update as
// one more column, and the terms n_b a aᵀ (a = the block's mean minus its shift) are
// subtracted 64 at a time by one more update, so C is never swept outside the product. One pass
// over each block (shift, column sums in float64, NaN/Inf show in the sums) besides the product.
// The same value as ckaLinear on the whole matrices (float32 products, float64 means and sums),
// without the two N × D copies: fresh memory, which on a virtual machine costs about as much to
// fault in and zero as the product spends on it.
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
