// repscope metrics: the registry, as the GUI shows it.
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "repscope/metrics/registry.h"

namespace repscope::cli {

const char* const kMetricsUsage =
    "Usage: repscope metrics\n\nLists every metric with its description, parameters and "
    "defaults, what it is invariant to and its reference, then the comparators of\n"
    "`repscope evaluate` (model RDM against a subject's RDM).\n";

namespace {

// The comparators of repscope evaluate (alignment.md), as `metrics` lists them.
const char* const kComparators =
    "\nComparators of `repscope evaluate --comparator C` (model RDM vs one subject's RDM, on the\n"
    "pairs present in both; rsatoolbox 0.3 rdm.compare):\n"
    "spearman\n    Spearman rho with average ranks\n"
    "pearson\n    Pearson r\n"
    "kendall_tau_a\n    Kendall tau-a: ties count neither way\n"
    "rho_a\n    Spearman rho without tie correction: 12 sum (r_a - mean)(r_b - mean) / (n^3 - n)\n"
    "cosine\n    uncentred cosine\n"
    "cosine_cov\n    whitened cosine (Diedrichsen et al. 2021, sigma_k = I): cosine of\n"
    "    G = -1/2 H D H (with missing pairs: rsatoolbox's least-squares centring)\n"
    "corr_cov\n    cosine_cov after subtracting each RDM's mean dissimilarity\n";

}  // namespace

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
    std::cout << kComparators;
    return 0;
}

}  // namespace repscope::cli
