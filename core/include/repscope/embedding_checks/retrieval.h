#pragma once
// Leave-one-out cosine retrieval over the stimuli of one collection (embedding-checks.md,
// "Backward compatibility"): every stimulus with a category is a query once; its gallery is
// every other stimulus; a gallery item is relevant when it has the query's category. Query i is
// row i of `queries`, gallery item j is row j of `gallery` (the same stimuli, possibly embedded
// by another model), so M(q, g) is retrieval(X_q, X_g).
//
// Ranking: cosine similarity, descending; ties keep file order (the lower stimulus index ranks
// first). Similarities are computed in float64 and compared after rounding to multiples of
// 2⁻³⁶, so that values equal up to rounding of the product count as ties.
//   top-k  share of queries whose k nearest gallery items include a relevant one (a query with
//          no relevant item counts as a miss);
//   mAP    mean over queries with at least one relevant item of the average precision (the mean
//          of precision@rank over the ranks of the relevant items).
// Stimuli without a category (code −1) are no query and never relevant, but stay in every
// gallery.
//
// Exact and memory-bounded: blocks of queries are multiplied with the whole normalised gallery
// on the BLAS backend (one block of scores, never N×N), each block's rows ranked in parallel.
// Cost O(N²D) flops plus O(N²) comparisons; N = 50,000, D = 768 takes seconds.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embedding_checks {

struct RetrievalOptions {
    std::vector<int> ks{1, 5};      // top-k accuracies wanted (each 1 ≤ k ≤ N − 1)
    bool averagePrecision = true;   // false: top-k only (cheaper: no ranking of every item)
    std::string queryName = "the query representation";      // for error messages
    std::string galleryName = "the gallery representation";
};

struct RetrievalScores {
    std::vector<int> ks;
    std::vector<double> topK;           // one per k, in [0, 1]
    double meanAveragePrecision = 0.0;  // NaN when no query has a relevant item (or not asked)
    std::size_t queries = 0;            // stimuli with a category
    std::size_t queriesWithRelevant = 0;
    // Per stimulus: rank (1-based) of its first relevant gallery item, 0 when it is no query or
    // has no relevant item; and its average precision (NaN then; empty when not asked).
    std::vector<std::size_t> firstRelevantRank;
    std::vector<double> averagePrecision;
};

// Throws InputError (shapes, codes size, N < 2, bad k, an all-zero row named by stimulus),
// FormatError (NaN/Inf), Cancelled.
[[nodiscard]] RetrievalScores cosineRetrieval(const MatrixF& queries, const MatrixF& gallery,
                                              const std::vector<std::int32_t>& codes,
                                              const RetrievalOptions& options = {},
                                              Progress& progress = silentProgress());
// The same on float64 rows (e.g. an aligned embedding).
[[nodiscard]] RetrievalScores cosineRetrieval(const Eigen::MatrixXd& queries,
                                              const Eigen::MatrixXd& gallery,
                                              const std::vector<std::int32_t>& codes,
                                              const RetrievalOptions& options = {},
                                              Progress& progress = silentProgress());

}  // namespace repscope::embedding_checks
