#pragma once
// The metric registry: one entry per metric of metrics.md, under exactly its name. The CLI
// (--metric), the GUI (metric menus, tooltips, layer-by-layer matrices) and the statistics
// (bootstrap, permutations) all go through it, so adding a metric is one entry in
// core/src/metrics/registry.cpp plus the file that computes it.
//
//   const MetricInfo& m = metrics::metric("cka_rbf");           // InputError if unknown
//   metrics::MetricParams p{{"threshold", "0.5"}};              // CLI spellings, as text
//   double v = m.compute(X, Y, p, progress);                      // X, Y: N×D, N×E float32
//   double r = metrics::computeMetric(metrics::metric("rsa_spearman"),
//                                     {brainRdm, true}, {layer, false}, {}, progress);
//
// MetricInfo::compute parses the parameters it uses; computeMetric() also rejects parameters the
// metric does not have (checkParams) and handles precomputed RDMs.
// Parameters are named as the CLI options without dashes ("rdm-measure", "geotopo",
// "threshold", "svcca-keep", "k"); values are text and are parsed by the metric, so a bad value
// or a parameter the metric does not have is an InputError naming it.
#include <Eigen/Core>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "repscope/metrics/rsa.h"
#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::metrics {

struct ParamSpec {
    std::string name;          // CLI option without "--"
    std::string defaultValue;  // as text; empty = off
    std::string description;   // one line
};

class MetricParams {
public:
    MetricParams() = default;
    MetricParams(std::initializer_list<std::pair<const std::string, std::string>> values)
        : values_(values) {}
    void set(const std::string& name, std::string value) { values_[name] = std::move(value); }
    [[nodiscard]] bool has(const std::string& name) const { return values_.count(name) != 0; }
    [[nodiscard]] const std::map<std::string, std::string>& values() const { return values_; }
    // The value, or `fallback` when not set. number()/integer() throw InputError on bad text.
    [[nodiscard]] std::string text(const std::string& name, const std::string& fallback) const;
    [[nodiscard]] double number(const std::string& name, double fallback) const;
    [[nodiscard]] int integer(const std::string& name, int fallback) const;

private:
    std::map<std::string, std::string> values_;
};

enum class MetricFamily { Rsa, Kernel, Cca, Shape, Neighbourhood, Units };

struct MetricInputs {
    bool precomputedRdm = false;            // an N×N RDM may stand in for either side (RSA)
    bool needsFewerFeaturesThanStimuli = false;  // D < N and E < N (CCA family)
    bool needsFeatureSumBelowStimuli = false;    // D + E ≤ N − 1 (pwcca)
    int minStimuli = 2;
};

using ComputeFn = std::function<double(const MatrixF& x, const MatrixF& y,
                                       const MetricParams& params, Progress& progress)>;
// RSA only: compares two upper-triangle vectors (applies --geotopo when given).
using RdmCompareFn = std::function<double(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                          const MetricParams& params, Progress& progress)>;

struct MetricInfo {
    std::string name;         // exactly as in metrics.md
    std::string description;  // one line
    std::string reference;    // the paper
    std::string invariantTo;  // one line
    std::string inputs;       // one line: what it accepts
    MetricFamily family = MetricFamily::Kernel;
    std::vector<ParamSpec> params;
    MetricInputs accepts;
    double lowest = 0.0;      // value range, for colour scales
    double highest = 1.0;
    bool isDistance = false;  // true: 0 = identical (Procrustes); false: higher = more similar
    bool symmetric = true;    // m(X, Y) == m(Y, X)
    ComputeFn compute;
    RdmCompareFn compareRdms;  // set for the RSA family only
};

[[nodiscard]] const std::vector<MetricInfo>& metricRegistry();
[[nodiscard]] std::vector<std::string> metricNames();
// nullptr when unknown.
[[nodiscard]] const MetricInfo* findMetric(std::string_view name);
// Throws InputError listing the known names when unknown.
[[nodiscard]] const MetricInfo& metric(std::string_view name);
// Throws InputError when params names a parameter that `m` does not have.
void checkParams(const MetricInfo& m, const MetricParams& params);

// The RDM measure and geo-topological transform an RSA metric's parameters name.
[[nodiscard]] RsaOptions rsaOptions(const MetricParams& params);

// One side of a comparison: a representation (N×D) or, for RSA, a precomputed N×N RDM.
struct MetricOperand {
    const MatrixF& matrix;
    bool isRdm = false;
};

// m(a, b) with the checks above; a precomputed RDM is accepted only where m allows it
// (InputError otherwise).
[[nodiscard]] double computeMetric(const MetricInfo& m, const MetricOperand& a,
                                   const MetricOperand& b, const MetricParams& params = {},
                                   Progress& progress = silentProgress());
[[nodiscard]] double computeMetric(std::string_view name, const MatrixF& x, const MatrixF& y,
                                   const MetricParams& params = {},
                                   Progress& progress = silentProgress());

}  // namespace repscope::metrics
