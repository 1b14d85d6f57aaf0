#pragma once
// A parallel bottom-up merge sort that reports progress between passes and counts inversions
// (pairs i < j of the input with less(v[j], v[i])), the counting step of Knight's O(n log n)
// Kendall τ. Stable. Internal to the metrics.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "metrics/metric_support.h"

namespace repscope::metrics::detail {

// countInversions = false sorts base runs of 2¹⁵ with std::stable_sort (fewer merge passes) and
// returns 0.
template <class T, class Less>
std::int64_t mergeSortCountingInversions(std::vector<T>& v, Less less, ProgressSpan span,
                                         bool countInversions = true) {
    const std::int64_t n = static_cast<std::int64_t>(v.size());
    if (n < 2) return 0;
    const std::int64_t run = countInversions ? 32 : std::int64_t{1} << 15;
    constexpr std::int64_t chunkElements = std::int64_t{1} << 22;
    std::int64_t passes = 1;
    for (std::int64_t w = run; w < n; w *= 2) ++passes;
    std::int64_t inversions = 0;

    // Pass 0: insertion sort on runs (the number of shifts is the number of inversions), or
    // std::stable_sort when inversions are not counted.
    const std::int64_t runs = (n + run - 1) / run;
    const std::int64_t runsPerChunk = std::max<std::int64_t>(1, chunkElements / run);
    for (std::int64_t c0 = 0; c0 < runs; c0 += runsPerChunk) {
        span.report(static_cast<double>(c0 * run) / static_cast<double>(n * passes));
        const std::int64_t c1 = std::min(runs, c0 + runsPerChunk);
        std::int64_t local = 0;
#pragma omp parallel for reduction(+ : local) schedule(static)
        for (std::int64_t r = c0; r < c1; ++r) {
            const std::int64_t lo = r * run;
            const std::int64_t hi = std::min(n, lo + run);
            if (!countInversions) {
                std::stable_sort(v.begin() + lo, v.begin() + hi, less);
                continue;
            }
            for (std::int64_t i = lo + 1; i < hi; ++i) {
                T x = v[static_cast<std::size_t>(i)];
                std::int64_t j = i;
                while (j > lo && less(x, v[static_cast<std::size_t>(j - 1)])) {
                    v[static_cast<std::size_t>(j)] = v[static_cast<std::size_t>(j - 1)];
                    --j;
                    ++local;
                }
                v[static_cast<std::size_t>(j)] = x;
            }
        }
        inversions += local;
    }

    std::vector<T> buf(v.size());
    std::int64_t pass = 1;
    for (std::int64_t width = run; width < n; width *= 2, ++pass) {
        const std::int64_t pairs = (n + 2 * width - 1) / (2 * width);
        const std::int64_t pairsPerChunk = std::max<std::int64_t>(1, chunkElements / (2 * width));
        for (std::int64_t p0 = 0; p0 < pairs; p0 += pairsPerChunk) {
            span.report((static_cast<double>(pass * n) + static_cast<double>(p0 * 2 * width)) /
                        static_cast<double>(n * passes));
            const std::int64_t p1 = std::min(pairs, p0 + pairsPerChunk);
            std::int64_t local = 0;
#pragma omp parallel for reduction(+ : local) schedule(dynamic, 1)
            for (std::int64_t p = p0; p < p1; ++p) {
                const auto lo = static_cast<std::size_t>(p * 2 * width);
                const auto mid = static_cast<std::size_t>(std::min(n, p * 2 * width + width));
                const auto hi = static_cast<std::size_t>(std::min(n, p * 2 * width + 2 * width));
                std::size_t a = lo, b = mid, o = lo;
                while (a < mid && b < hi) {
                    if (less(v[b], v[a])) {
                        local += static_cast<std::int64_t>(mid - a);
                        buf[o++] = v[b++];
                    } else {
                        buf[o++] = v[a++];
                    }
                }
                while (a < mid) buf[o++] = v[a++];
                while (b < hi) buf[o++] = v[b++];
            }
            inversions += local;
        }
        v.swap(buf);
    }
    span.report(1.0);
    return inversions;
}

}  // namespace repscope::metrics::detail
