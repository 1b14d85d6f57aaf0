// repscope metrics: the registry, as the GUI shows it.
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "repscope/metrics/registry.h"

namespace repscope::cli {

const char* const kMetricsUsage =
    "Usage: repscope metrics\n\nLists every metric with its description, parameters and "
    "defaults, what it is invariant to and its reference.\n";

int runMetrics(const std::vector<std::string>& args) {
    (void)parseArguments("metrics", args, {}, {});
    for (const auto& m : metrics::metricRegistry()) {
        std::cout << m.name << "\n    " << m.description << "\n    invariant to: " << m.invariantTo
                  << "\n    inputs: " << m.inputs << "\n    reference: " << m.reference << "\n";
        for (const auto& p : m.params) {
            std::cout << "    --" << p.name
                      << (p.defaultValue.empty() ? std::string() : " (default " + p.defaultValue + ")")
                      << ": " << p.description << "\n";
        }
    }
    return 0;
}

}  // namespace repscope::cli
