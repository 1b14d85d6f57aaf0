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
#include <vector>

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
// --relative K / --anchors LIST (metrics.md, "Transforms"): replaces every input's values by its
// cosine similarities to the same anchor stimuli (K chosen with --seed S when --anchors is not
// given). Returns the anchors, empty when neither option is given. Throws InputError for a
// precomputed RDM, a K that disagrees with --anchors, or bad anchors.
std::vector<std::size_t> applyRelative(const Arguments& arguments,
                                       const std::vector<LoadedRepresentation*>& inputs);
// --relative, --anchors, --seed.
[[nodiscard]] std::set<std::string> transformOptionNames();

// The value options every metric command accepts.
[[nodiscard]] std::set<std::string> metricOptionNames();

}  // namespace repscope::cli
