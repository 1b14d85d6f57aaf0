#pragma once
// The nearest neighbours of one stimulus in one representation, for the Inspector: the same
// neighbourhoods as metrics/knn.h (rows L2-normalised, cosine similarity, the stimulus itself
// excluded, ties to the lower index after rounding similarities to multiples of 2⁻³⁶), found
// with one pass over the rows (O(N·D)) instead of the whole N×N graph. For a precomputed RDM the
// neighbours are the smallest dissimilarities in the stimulus's row.
#include <cstddef>
#include <vector>

#include "repscope/representation.h"

namespace repscope::gui {

struct Neighbour {
    std::size_t stimulus = 0;
    double value = 0.0;  // cosine similarity, or the dissimilarity for a precomputed RDM
};

// The k (at most N − 1) nearest neighbours of stimulus i, nearest first. Rows of other stimuli
// with zero norm have similarity 0. Throws InputError when i is out of range or its own row is
// all zeros (its neighbours are undefined), FormatError on NaN/Inf in the rows read.
[[nodiscard]] std::vector<Neighbour> nearestNeighboursOf(const MatrixF& x, bool precomputedRdm,
                                                         std::size_t i, int k);

}  // namespace repscope::gui
