#include "metrics/radix_ranks.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics::detail {
namespace {

// Order-preserving maps of finite values onto unsigned integers (−0 and +0 map together).
std::uint64_t orderedBits(double x) {
    if (x == 0.0) x = 0.0;
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    return (b >> 63) != 0 ? ~b : (b | (std::uint64_t{1} << 63));
}
std::uint32_t orderedBits(float x) {
    if (x == 0.0F) x = 0.0F;
    std::uint32_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    return (b >> 31) != 0 ? ~b : (b | (std::uint32_t{1} << 31));
}

template <class Key>
struct Item {
    Key key;
    std::uint32_t index;
};

// LSD radix sort of (key, index) items, then average ranks written by index.
template <class Key, class Fill>
Eigen::VectorXd ranksByRadix(std::size_t n, Fill fill, ProgressSpan span) {
    // Uninitialised buffers, advised onto huge pages before the first touch.
    std::unique_ptr<Item<Key>[]> bufA(new Item<Key>[n]);
    std::unique_ptr<Item<Key>[]> bufB(new Item<Key>[n]);
    linalg::adviseHugePages(bufA.get(), n * sizeof(Item<Key>));
    linalg::adviseHugePages(bufB.get(), n * sizeof(Item<Key>));
    Item<Key>* a = bufA.get();
    Item<Key>* b = bufB.get();
    Key all = ~Key{0};
    Key any = 0;
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = {fill(i), static_cast<std::uint32_t>(i)};
        all &= a[i].key;
        any |= a[i].key;
    }
    const Key varying = all ^ any;  // bits that differ somewhere
    // 11-bit digits: 2,048 buckets keep the scatter's write fronts in cache (16-bit digits
    // measured 3x slower here).
    constexpr int kBits = 11;
    constexpr Key kMask = (Key{1} << kBits) - 1;
    constexpr int kDigits = (8 * static_cast<int>(sizeof(Key)) + kBits - 1) / kBits;
    std::vector<std::size_t> count(static_cast<std::size_t>(kMask) + 2);
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
    Eigen::VectorXd r(static_cast<Index>(n));
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

}  // namespace

Eigen::VectorXd radixAverageRanks(const Eigen::VectorXd& v, ProgressSpan span) {
    const auto n = static_cast<std::size_t>(v.size());
    if (n >= (std::size_t{1} << 32)) {
        throw InputError("Ranking more than 4,294,967,295 values is not supported.");
    }
    // Values that are all exactly float32 (an RDM stored as float32, as most are) sort on
    // 32-bit keys: half the memory and passes of the float64 keys.
    bool single = true;
    for (std::size_t i = 0; i < n && single; ++i) {
        const double x = v(static_cast<Index>(i));
        single = static_cast<double>(static_cast<float>(x)) == x;
    }
    if (single) {
        return ranksByRadix<std::uint32_t>(
            n, [&](std::size_t i) { return orderedBits(static_cast<float>(v(static_cast<Index>(i)))); },
            span);
    }
    return ranksByRadix<std::uint64_t>(
        n, [&](std::size_t i) { return orderedBits(v(static_cast<Index>(i))); }, span);
}

}  // namespace repscope::metrics::detail
