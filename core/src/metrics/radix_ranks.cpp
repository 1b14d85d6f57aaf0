#include "metrics/radix_ranks.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics::detail {
namespace {

// An order-preserving map of finite floats onto unsigned integers (−0 and +0 map together).
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

// Items [first, first + count) share a key that is coarser than the values (see
// radixAverageRanks): ordered by the values themselves, ties found exactly, ranks written.
template <class Key, class Sink>
void rankRun(Item<Key>* items, std::size_t first, std::size_t count, const double* values,
             Sink& sink) {
    Item<Key>* run = items + first;
    std::sort(run, run + count, [&](const Item<Key>& x, const Item<Key>& y) {
        return values[x.index] < values[y.index];
    });
    std::size_t start = 0;
    for (std::size_t i = 1; i <= count; ++i) {
        if (i == count || values[run[i].index] != values[run[start].index]) {
            const std::uint64_t doubled = 2 * first + start + i + 1;  // twice the average rank
            for (std::size_t k = start; k < i; ++k) sink(run[k].index, doubled);
            start = i;
        }
    }
}

using Key = std::uint32_t;

// Scratch items of one thread, kept between rankings of up to kKeptItems values (an evaluation
// ranks ~100 RDMs of 2·10⁶ pairs: fresh buffers cost as much in page faults as the sort).
constexpr std::size_t kKeptItems = std::size_t{1} << 22;
struct Scratch {
    std::unique_ptr<Item<Key>[]> a;
    std::unique_ptr<Item<Key>[]> b;
    std::size_t capacity = 0;

    void reserve(std::size_t n) {
        if (n <= capacity) return;
        a.reset(new Item<Key>[n]);  // uninitialised, advised onto huge pages before first touch
        b.reset(new Item<Key>[n]);
        linalg::adviseHugePages(a.get(), n * sizeof(Item<Key>));
        linalg::adviseHugePages(b.get(), n * sizeof(Item<Key>));
        capacity = n;
    }
};

// One per thread, shared by every kind of key.
Scratch& keptScratch() {
    thread_local Scratch kept;
    return kept;
}

// LSD radix sort of (key, index) items, then twice the average ranks (integers) given to
// sink(index, doubled) by index. fill(i) is called once for each i, in order. With `values`,
// equal keys are not yet ties: such runs are ordered by the values (rankRun).
template <class Fill, class Sink>
void radixRanks(std::size_t n, Fill fill, ProgressSpan span, Sink sink,
                const double* values = nullptr) {
    Scratch once;
    Scratch& scratch = n <= kKeptItems ? keptScratch() : once;
    scratch.reserve(n);
    Item<Key>* a = scratch.a.get();
    Item<Key>* b = scratch.b.get();
    // 11-bit digits: 2,048 buckets keep the scatter's write fronts in cache (16-bit digits
    // measured 3x slower here). The histograms of all three digits come from the first pass.
    constexpr int kBits = 11;
    constexpr Key kMask = (Key{1} << kBits) - 1;
    constexpr int kDigits = (32 + kBits - 1) / kBits;
    std::vector<std::size_t> count(kDigits * (std::size_t{kMask} + 1), 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Key key = fill(i);
        a[i] = {key, static_cast<std::uint32_t>(i)};
        for (int digit = 0; digit < kDigits; ++digit) {
            ++count[digit * (std::size_t{kMask} + 1) + ((key >> (kBits * digit)) & kMask)];
        }
    }
    for (int digit = 0; digit < kDigits; ++digit) {
        const int shift = kBits * digit;
        std::size_t* c = count.data() + digit * (std::size_t{kMask} + 1);
        if (n > 0 && c[(a[0].key >> shift) & kMask] == n) continue;  // every key has this digit
        std::size_t sum = 0;
        for (std::size_t d = 0; d <= kMask; ++d) {
            const std::size_t here = c[d];
            c[d] = sum;
            sum += here;
        }
        for (std::size_t i = 0; i < n; ++i) b[c[(a[i].key >> shift) & kMask]++] = a[i];
        std::swap(a, b);
        span.report(static_cast<double>(digit + 1) / (kDigits + 1));
    }
    std::size_t start = 0;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i == n || a[i].key != a[start].key) {
            if (values != nullptr && i - start > 1) {
                rankRun(a, start, i - start, values, sink);
                start = i;
                continue;
            }
            const std::uint64_t doubled = start + i + 1;  // twice the average rank
            for (std::size_t k = start; k < i; ++k) sink(a[k].index, doubled);
            start = i;
        }
    }
    span.report(1.0);
}

// Average ranks as float64 (multiples of ½, exact), written to out[0, n).
template <class Fill>
void ranksByRadix(std::size_t n, Fill fill, ProgressSpan span, double* out,
                  const double* values = nullptr) {
    radixRanks(
        n, fill, span,
        [out](std::uint32_t index, std::uint64_t doubled) {
            out[index] = 0.5 * static_cast<double>(doubled);
        },
        values);
}

}  // namespace

DoubledRanks doubledUpperTriangleRanks(std::size_t size, const RowSource& rowOf, std::string_view what,
                                       ProgressSpan span) {
    const std::size_t n = size < 2 ? 0 : size * (size - 1) / 2;
    if (n >= (std::size_t{1} << 31)) {
        throw InputError("Ranking more than 2,147,483,647 pairs this way is not supported.");
    }
    DoubledRanks doubled{std::unique_ptr<std::uint32_t[]>(new std::uint32_t[n]), n};
    linalg::adviseHugePages(doubled.data.get(), n * sizeof(std::uint32_t));
    bool finite = true;
    // The upper triangle in row-major order (scipy's squareform order), walked once.
    std::size_t row = 0;
    std::size_t col = 1;
    const float* values = n > 0 ? rowOf(0) : nullptr;
    radixRanks(
        n,
        [&](std::size_t) {
            const float v = values[col];
            finite = finite && std::isfinite(v);
            if (++col == size) {
                ++row;
                col = row + 1;
                if (col < size) values = rowOf(row);
            }
            return orderedBits(v);
        },
        span,
        [out = doubled.data.get()](std::uint32_t index, std::uint64_t d) {
            out[index] = static_cast<std::uint32_t>(d);
        });
    if (!finite) throw FormatError(std::string(what) + " holds NaN or infinite dissimilarities.");
    return doubled;
}

DoubledRanks doubledUpperTriangleRanks(const MatrixF& m, std::string_view what, ProgressSpan span) {
    if (m.rows() != m.cols()) {
        throw FormatError(std::string(what) + " is " + std::to_string(m.rows()) + "×" +
                          std::to_string(m.cols()) + ", but an RDM must be square (N×N).");
    }
    const auto size = static_cast<std::size_t>(m.rows());
    const float* data = m.data();  // row-major
    return doubledUpperTriangleRanks(size, [&](std::size_t r) { return data + r * size; }, what, span);
}

Eigen::VectorXd radixAverageRanks(const Eigen::VectorXd& v, ProgressSpan span) {
    Eigen::VectorXd r(v.size());
    linalg::adviseHugePages(r.data(), static_cast<std::size_t>(r.size()) * sizeof(double));
    radixAverageRanksInto(v, r, span);
    return r;
}

void radixAverageRanksInto(const Eigen::VectorXd& v, Eigen::Ref<Eigen::VectorXd> out, ProgressSpan span) {
    const auto n = static_cast<std::size_t>(v.size());
    if (out.size() != v.size()) {
        throw InputError("Ranks of " + std::to_string(n) + " values need as many places, not " +
                         std::to_string(out.size()) + ".");
    }
    double* const to = out.data();
    if (n >= (std::size_t{1} << 32)) {
        throw InputError("Ranking more than 4,294,967,295 values is not supported.");
    }
    // Multiples of ½ in [0, 2³¹) — sums of ranks, as the noise ceiling's means of ranked
    // subjects are — sort exactly on the 32-bit integers 2x.
    bool halves = true;
    for (std::size_t i = 0; i < n && halves; ++i) {
        const double x = 2.0 * v(static_cast<Index>(i));
        halves = x >= 0.0 && x < 4294967296.0 && x == std::floor(x);
    }
    if (halves) {
        ranksByRadix(
            n, [&](std::size_t i) { return static_cast<Key>(2.0 * v(static_cast<Index>(i))); }, span, to);
        return;
    }
    // Values that are all float32 (an RDM stored as float32, as most are) sort exactly on the
    // bits of their float32 form.
    bool single = true;
    for (std::size_t i = 0; i < n && single; ++i) {
        const double x = v(static_cast<Index>(i));
        single = static_cast<double>(static_cast<float>(x)) == x;
    }
    if (single) {
        ranksByRadix(
            n, [&](std::size_t i) { return orderedBits(static_cast<float>(v(static_cast<Index>(i)))); },
            span, to);
        return;
    }
    // Other float64 values sort on a 32-bit key that keeps their order: (x − min) scaled onto
    // [0, 2³² − 1] (subtracting, scaling by a positive number and truncating are monotone), then
    // the runs of equal keys are ordered by the values themselves (ranksByRadix). For values
    // spread over their range nearly every key is distinct (the bits of the float32 rounding,
    // the same idea, shared keys ~100 times as often here: 2·10⁶ values in [0, 6]).
    const double lo = v.minCoeff();
    const double range = v.maxCoeff() - lo;
    if (std::isfinite(range) && range > 0.0) {
        const double scale = 4294967295.0 / range;
        const auto scaled = [&](std::size_t i) {
            const double key = (v(static_cast<Index>(i)) - lo) * scale;
            return key >= 4294967295.0 ? Key{0xffffffffu} : static_cast<Key>(key);
        };
        // Unless most values bunch in a sliver of the range (an outlier far out), where they
        // would share keys: the float32 bits below keep their relative precision there.
        std::vector<std::size_t> slivers(1024, 0);
        for (std::size_t i = 0; i < n; ++i) ++slivers[scaled(i) >> 22];
        if (*std::max_element(slivers.begin(), slivers.end()) <= n / 8) {
            ranksByRadix(n, scaled, span, to, v.data());
            return;
        }
    }
    ranksByRadix(
        n, [&](std::size_t i) { return orderedBits(static_cast<float>(v(static_cast<Index>(i)))); },
        span, to, v.data());
}

}  // namespace repscope::metrics::detail
