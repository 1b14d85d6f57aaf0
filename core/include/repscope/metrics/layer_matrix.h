#pragma once
// A layer×layer (or model×model) matrix: one metric between every pair of representations.
//
// Work that belongs to one representation is done once, not once per pair:
//   - RSA metrics: each RDM vector (RDM measure and --geotopo applied) is computed once; for
//     rsa_spearman each vector is also ranked once, so every pair is one Pearson r of ranks.
//   - cka_linear, cka_linear_debiased: each representation is centred and its self term
//     ‖XcᵀXc‖²_F computed once; every pair is then one product ‖XcᵀYc‖²_F (linear_hsic.h).
//   - every other metric: per pair.
// Symmetric metrics fill the lower triangle from the upper one. The per-representation caches
// are held only when they fit the memory budget (representation.h); otherwise each pair is
// computed from scratch. An undefined pair (FormatError: zero variance, ...) becomes NaN and its
// message is kept; any other error stops the whole matrix.
//
//   const auto m = metrics::computeLayerMatrix(metrics::metric("cka_linear"), ops, {}, progress);
#include <Eigen/Core>
#include <string>
#include <vector>

#include "repscope/metrics/registry.h"
#include "repscope/progress.h"

namespace repscope::metrics {

struct LayerOperand {
    const MatrixF* matrix = nullptr;                   // N×D, or N×N when isRdm
    bool isRdm = false;                                // a precomputed RDM (RSA metrics only)
    const std::vector<std::string>* labels = nullptr;  // stimulus labels for messages, optional
    std::string name;  // for messages ("model/layer"); "representation K" when empty
};

struct UndefinedEntry {
    Eigen::Index row = 0;
    Eigen::Index column = 0;
    std::string message;
};

struct LayerMatrix {
    Eigen::MatrixXd values;               // K×K, NaN where undefined
    std::vector<UndefinedEntry> undefined;
    bool sharedWork = false;              // true when the per-representation caches were used
};

[[nodiscard]] LayerMatrix computeLayerMatrix(const MetricInfo& metric,
                                             const std::vector<LayerOperand>& operands,
                                             const MetricParams& params = {},
                                             Progress& progress = silentProgress());

}  // namespace repscope::metrics
