#pragma once
// Evaluating a registry metric on two loaded inputs, with bootstrap intervals and permutation
// p-values. RSA metrics work on the two RDMs, computed once: a resample takes the pairs (a, b)
// of resampled stimuli with different sources, so the self-pairs that sampling with replacement
// creates are dropped; a permutation relabels one RDM's rows and columns together.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "cli/arguments.h"
#include "cli/inputs.h"
#include "repscope/metrics/registry.h"

namespace repscope::cli {

struct MetricRun {
    double value = 0.0;
    std::optional<std::pair<double, double>> ci95;
    std::optional<double> p;
};

struct MetricRequest {
    const metrics::MetricInfo* metric = nullptr;
    metrics::MetricParams params;
    std::size_t bootstrap = 0;
    std::size_t permutations = 0;
    std::uint64_t seed = 0;
};

[[nodiscard]] MetricRun runMetric(const MetricRequest& request, const LoadedRepresentation& a,
                                  const LoadedRepresentation& b);

// The request an Arguments names: --metric (required), the metric options, and --bootstrap,
// --permutations, --seed where given. Throws InputError for a missing or unknown metric, a
// parameter the metric does not have, or a bad count.
[[nodiscard]] MetricRequest metricRequestFrom(const Arguments& arguments);

// Collects --rdm-measure, --geotopo, --threshold, --k, --svcca-keep from parsed options.
[[nodiscard]] metrics::MetricParams metricParamsFromOptions(
    const std::map<std::string, std::string>& options);
// The value options every metric command accepts.
[[nodiscard]] std::set<std::string> metricOptionNames();

}  // namespace repscope::cli
