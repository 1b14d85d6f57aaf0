#include "repscope/stats/resampling.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>

#include "repscope/error.h"
#include "repscope/representation.h"

namespace repscope::stats {
namespace {

std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Evaluates statistic on every index set in parallel; NaN where it is undefined.
std::vector<double> evaluateAll(const std::vector<std::vector<std::size_t>>& sets,
                                const IndexStatistic& statistic, Progress& progress) {
    std::vector<double> values(sets.size(), std::nan(""));
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    const auto count = static_cast<long>(sets.size());
#pragma omp parallel for schedule(dynamic, 1)
    for (long k = 0; k < count; ++k) {
        if (stop.load(std::memory_order_relaxed)) continue;
        try {
            values[static_cast<std::size_t>(k)] = statistic(sets[static_cast<std::size_t>(k)]);
        } catch (const FormatError&) {
            // undefined on this resample (e.g. a constant row): left as NaN
        } catch (const Cancelled&) {
            stop = true;
        }
        const std::size_t d = ++done;
        if (progress.isCancelled()) stop = true;
        if (d % 8 == 0) {
#pragma omp critical(repscope_stats_progress)
            {
                try {
                    progress.report(static_cast<double>(d) / static_cast<double>(sets.size()));
                } catch (const Cancelled&) {
                    stop = true;
                }
            }
        }
    }
    if (stop || progress.isCancelled()) throw Cancelled();
    progress.report(1.0);
    return values;
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::size_t Rng::below(std::size_t bound) {
    const std::uint64_t b = bound;
    const std::uint64_t limit = (~std::uint64_t{0} / b) * b;  // reject the biased tail
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return static_cast<std::size_t>(x % b);
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::vector<std::vector<std::size_t>> bootstrapSamples(std::size_t n, std::size_t count,
                                                       std::uint64_t seed) {
    checkMemoryBudget(count, n, sizeof(std::size_t), "--bootstrap " + std::to_string(count));
    Rng rng(seed);
    std::vector<std::vector<std::size_t>> out(count, std::vector<std::size_t>(n));
    for (auto& sample : out) {
        for (auto& i : sample) i = rng.below(n);
    }
    return out;
}

std::vector<std::vector<std::size_t>> permutations(std::size_t n, std::size_t count,
                                                   std::uint64_t seed) {
    checkMemoryBudget(count, n, sizeof(std::size_t), "--permutations " + std::to_string(count));
    Rng rng(seed);
    std::vector<std::vector<std::size_t>> out(count, std::vector<std::size_t>(n));
    for (auto& p : out) {
        std::iota(p.begin(), p.end(), std::size_t{0});
        for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng.below(i)]);  // Fisher–Yates
    }
    return out;
}

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double pos = q / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

Interval bootstrapInterval(std::size_t n, std::size_t resamples, std::uint64_t seed,
                           const IndexStatistic& statistic, Progress& progress, double level) {
    if (resamples < 2) throw InputError("--bootstrap needs at least 2 resamples");
    const auto values = evaluateAll(bootstrapSamples(n, resamples, seed), statistic, progress);
    std::vector<double> finite;
    for (const double v : values) {
        if (std::isfinite(v)) finite.push_back(v);
    }
    if (finite.size() < 2) {
        throw InputError("the metric was undefined on almost every bootstrap resample");
    }
    const double tail = (1.0 - level) / 2.0 * 100.0;
    return {percentile(finite, tail), percentile(finite, 100.0 - tail), finite.size()};
}

double permutationPValue(std::size_t n, std::size_t count, std::uint64_t seed, double observed,
                         bool higherIsMoreSimilar, const IndexStatistic& permutedStatistic,
                         Progress& progress) {
    if (count < 1) throw InputError("--permutations needs at least 1 permutation");
    const auto values = evaluateAll(permutations(n, count, seed), permutedStatistic, progress);
    std::size_t asExtreme = 0;
    std::size_t used = 0;
    for (const double v : values) {
        if (!std::isfinite(v)) continue;
        ++used;
        asExtreme += (higherIsMoreSimilar ? v >= observed : v <= observed) ? 1 : 0;
    }
    return static_cast<double>(1 + asExtreme) / static_cast<double>(1 + used);
}

}  // namespace repscope::stats
