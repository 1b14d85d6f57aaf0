// MetricParams parsing, registry look-up and computeMetric (the entries are in registry.cpp).
#include <charconv>
#include <cmath>

#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/registry.h"

namespace repscope::metrics {

std::string MetricParams::text(const std::string& name, const std::string& fallback) const {
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

double MetricParams::number(const std::string& name, double fallback) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& s = it->second;
    double v = 0.0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
        throw InputError("--" + name + " expects a number, but got '" + s + "'.");
    }
    return v;
}

int MetricParams::integer(const std::string& name, int fallback) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& s = it->second;
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        throw InputError("--" + name + " expects a whole number, but got '" + s + "'.");
    }
    return v;
}

std::vector<std::string> metricNames() {
    std::vector<std::string> names;
    for (const MetricInfo& m : metricRegistry()) names.push_back(m.name);
    return names;
}

const MetricInfo* findMetric(std::string_view name) {
    for (const MetricInfo& m : metricRegistry()) {
        if (m.name == name) return &m;
    }
    return nullptr;
}

const MetricInfo& metric(std::string_view name) {
    if (const MetricInfo* m = findMetric(name)) return *m;
    std::string known;
    for (const std::string& n : metricNames()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("Unknown metric '" + std::string(name) + "'; the metrics are " + known + ".");
}

void checkParams(const MetricInfo& m, const MetricParams& params) {
    for (const auto& [name, value] : params.values()) {
        bool known = false;
        for (const ParamSpec& p : m.params) known = known || p.name == name;
        if (known) continue;
        std::string list;
        for (const ParamSpec& p : m.params) list += (list.empty() ? "" : ", ") + p.name;
        throw InputError(m.name + " has no parameter --" + name +
                         (list.empty() ? std::string("; it takes none.")
                                       : "; its parameters are " + list + "."));
    }
}

double computeMetric(const MetricInfo& m, const MetricOperand& a, const MetricOperand& b,
                     const MetricParams& params, Progress& progress) {
    checkParams(m, params);
    if ((a.isRdm || b.isRdm) && !m.accepts.precomputedRdm) {
        throw InputError(m.name + " compares representations (stimuli × features) and cannot "
                         "take a precomputed RDM; use an rsa_* metric for RDMs.");
    }
    if (!a.isRdm && !b.isRdm) return m.compute(a.matrix, b.matrix, params, progress);
    // RSA with at least one precomputed RDM.
    if (a.matrix.rows() != b.matrix.rows()) {
        throw AlignmentError(m.name + " needs the same stimuli on both sides, but one has " +
                             std::to_string(a.matrix.rows()) + " and the other " +
                             std::to_string(b.matrix.rows()) + ".");
    }
    const RdmMeasure measure = parseRdmMeasure(params.text("rdm-measure", "correlation"));
    auto side = [&](const MetricOperand& op, double lo, double hi, const char* what) {
        detail::SubProgress sub(progress, lo, hi);
        return op.isRdm ? upperTriangle(precomputedRdm(op.matrix, what))
                        : upperTriangle(computeRdm(op.matrix, measure, sub));
    };
    const Eigen::VectorXd va = side(a, 0.0, 0.35, "The first RDM");
    const Eigen::VectorXd vb = side(b, 0.35, 0.7, "The second RDM");
    detail::SubProgress last(progress, 0.7, 1.0);
    return m.compareRdms(va, vb, params, last);
}

double computeMetric(std::string_view name, const MatrixF& x, const MatrixF& y,
                     const MetricParams& params, Progress& progress) {
    return computeMetric(metric(name), MetricOperand{x, false}, MetricOperand{y, false}, params,
                         progress);
}

}  // namespace repscope::metrics
