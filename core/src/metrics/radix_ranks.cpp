#include "metrics/radix_ranks.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "repscope/linalg/blas.h"

namespace repscope::metrics::detail {
namespace {

// Order-preserving map of finite doubles onto unsigned integers (−0 and +0 map together).
std::uint64_t orderedBits(double x) {
    if (x == 0.0) x = 0.0;
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    return (b >> 63) != 0 ? ~b : (b | (std::uint64_t{1} << 63));
}

struct Item {
    std::uint64_t key;
    std::uint64_t index;
};

}  // namespace

Eigen::VectorXd radixAverageRanks(const Eigen::VectorXd& v, ProgressSpan span) {
    const auto n = static_cast<std::size_t>(v.size());
    // Uninitialised buffers, advised onto huge pages before the first touch.
    std::unique_ptr<Item[]> bufA(new Item[n]);
    std::unique_ptr<Item[]> bufB(new Item[n]);
    linalg::adviseHugePages(bufA.get(), n * sizeof(Item));
    linalg::adviseHugePages(bufB.get(), n * sizeof(Item));
    Item* a = bufA.get();
    Item* b = bufB.get();
    std::uint64_t all = ~std::uint64_t{0};
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = {orderedBits(v(static_cast<Index>(i))), i};
        all &= a[i].key;
        any |= a[i].key;
    }
    const std::uint64_t varying = all ^ any;  // bits that differ somewhere
    // 11-bit digits: 2,048 buckets keep the scatter's write fronts in cache (16-bit digits
    // measured 3x slower here).
    constexpr int kBits = 11;
    constexpr std::uint64_t kMask = (std::uint64_t{1} << kBits) - 1;
    constexpr int kDigits = (64 + kBits - 1) / kBits;
    std::vector<std::size_t> count(kMask + 2);
    for (int digit = 0; digit < kDigits; ++digit) {
        const int shift = kBits * digit;
        if (((varying >> shift) & kMask) == 0) continue;  // every key has this digit
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t i = 0; i < n; ++i) ++count[((a[i].key >> shift) & kMask) + 1];
        for (std::size_t d = 1; d < count.size(); ++d) count[d] += count[d - 1];
        for (std::size_t i = 0; i < n; ++i) b[count[(a[i].key >> shift) & kMask]++] = a[i];
        std::swap(a, b);
        span.report(static_cast<double>(digit + 1) / (kDigits + 1));
    }
    (a == bufA.get() ? bufB : bufA).reset();  // the sorted items are in `a`
    b = nullptr;
    Eigen::VectorXd r(v.size());
    linalg::adviseHugePages(r.data(), n * sizeof(double));
    std::size_t start = 0;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i == n || a[i].key != a[start].key) {
            const double rank = 0.5 * static_cast<double>(start + i - 1) + 1.0;
            for (std::size_t k = start; k < i; ++k) r(static_cast<Index>(a[k].index)) = rank;
            start = i;
        }
    }
    span.report(1.0);
    return r;
}

}  // namespace repscope::metrics::detail
