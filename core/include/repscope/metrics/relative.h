#pragma once
// The relative-representation transform (Moschella et al. 2022, "Relative representations
// enable zero-shot latent space communication"), applicable before any metric: every stimulus
// is re-described by its cosine similarity to K anchor stimuli, so X (N×D) becomes N×K. The same
// anchors (the same stimulus indices) are used on both sides of a comparison, which makes
// spaces of different width and orientation comparable.
//
//   const auto anchors = metrics::parseAnchors("0,5,10-19", n);   // or chooseAnchors(n, k, seed)
//   MatrixF rx = metrics::relativeRepresentation(x, anchors);
//
// cos(x_i, a_k) = x_i·a_k / (‖x_i‖ ‖a_k‖), uncentred as in the paper; products in float64.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

// K distinct stimulus indices out of N, chosen by a seeded shuffle (the same for a given N, K,
// seed on every platform), returned in increasing order. InputError unless 1 ≤ K ≤ N.
[[nodiscard]] std::vector<std::size_t> chooseAnchors(std::size_t n, std::size_t k,
                                                     std::uint64_t seed);

// "3,8,20-29": 0-based indices and inclusive ranges, comma-separated. InputError naming the
// offending item for text that is not an index, an index ≥ N, or a repeated index.
[[nodiscard]] std::vector<std::size_t> parseAnchors(std::string_view text, std::size_t n);

// N×K cosine similarities to the anchor rows. FormatError naming the stimuli (by label when
// given) whose norm is zero, since their cosines are undefined.
[[nodiscard]] MatrixF relativeRepresentation(const MatrixF& x,
                                             const std::vector<std::size_t>& anchors,
                                             const std::vector<std::string>* labels = nullptr,
                                             Progress& progress = silentProgress());

}  // namespace repscope::metrics
