#pragma once
// Bootstrap confidence intervals and permutation p-values over stimuli, for any metric.
// The caller supplies the statistic as a function of stimulus indices, so each metric decides
// how a resample applies to it (rows of a representation; rows and columns of an RDM, dropping
// the self-pairs that sampling with replacement creates).
#include <cstdint>
#include <functional>
#include <vector>

#include "repscope/progress.h"

namespace repscope::stats {

using IndexStatistic = std::function<double(const std::vector<std::size_t>& indices)>;

// Deterministic random numbers for a seed, the same on every platform (splitmix64 seeding a
// xoshiro256** generator; unbiased bounded integers by rejection).
class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    std::size_t below(std::size_t bound);  // uniform in [0, bound)
    double uniform();                      // uniform in [0, 1)

private:
    std::uint64_t s_[4];
};

// Resample k: n indices drawn with replacement, from Rng(seed) advanced through k − 1 earlier
// resamples. All resamples are drawn first, in order, so the result does not depend on threads.
[[nodiscard]] std::vector<std::vector<std::size_t>> bootstrapSamples(std::size_t n,
                                                                     std::size_t count,
                                                                     std::uint64_t seed);
[[nodiscard]] std::vector<std::vector<std::size_t>> permutations(std::size_t n, std::size_t count,
                                                                 std::uint64_t seed);

struct Interval {
    double lo = 0.0;
    double hi = 0.0;
    std::size_t used = 0;  // resamples whose statistic was finite
};

// The (1 − level)/2 and (1 + level)/2 percentiles (numpy's default linear interpolation) of the
// statistic over `resamples` bootstrap resamples. Resamples where the statistic is undefined
// (NaN, or it throws FormatError, e.g. zero variance) are skipped and not counted in `used`.
// Throws InputError when resamples < 2 or fewer than 2 resamples are usable.
[[nodiscard]] Interval bootstrapInterval(std::size_t n, std::size_t resamples, std::uint64_t seed,
                                         const IndexStatistic& statistic,
                                         Progress& progress = silentProgress(),
                                         double level = 0.95);

// One-sided permutation p-value (1 + #{s_π ≥ s_obs}) / (1 + P), where s_π is the statistic
// with one side's stimuli permuted by π; when higherIsMoreSimilar is false (a distance), ≤.
[[nodiscard]] double permutationPValue(std::size_t n, std::size_t count, std::uint64_t seed,
                                       double observed, bool higherIsMoreSimilar,
                                       const IndexStatistic& permutedStatistic,
                                       Progress& progress = silentProgress());

// numpy.percentile(values, q) with linear interpolation, q in [0, 100]. values must be non-empty.
[[nodiscard]] double percentile(std::vector<double> values, double q);

}  // namespace repscope::stats
