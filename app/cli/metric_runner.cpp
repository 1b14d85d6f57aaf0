#include "cli/metric_runner.h"

#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/relative.h"
#include "repscope/metrics/rsa.h"
#include "repscope/stats/resampling.h"

namespace repscope::cli {
namespace {

const char* const kMetricOptions[] = {"rdm-measure", "geotopo", "threshold", "k", "svcca-keep"};

bool isRdm(const LoadedRepresentation& in) {
    return in.representation->info().kind == RepresentationKind::Rdm;
}

Eigen::MatrixXd rdmOf(const LoadedRepresentation& in, const metrics::MetricParams& params) {
    if (isRdm(in)) return metrics::precomputedRdm(in.values, in.name);
    const auto measure = metrics::parseRdmMeasure(params.text("rdm-measure", "correlation"));
    return metrics::computeRdm(in.values, measure, in.labels);
}

// Upper-triangle vectors of two RDMs over the stimuli `idx` (a < b, idx[a] != idx[b]); `perm`
// relabels the second RDM.
std::pair<Eigen::VectorXd, Eigen::VectorXd> pairVectors(const Eigen::MatrixXd& ra,
                                                        const Eigen::MatrixXd& rb,
                                                        const std::vector<std::size_t>& idx,
                                                        const std::vector<std::size_t>* perm) {
    std::vector<double> va;
    std::vector<double> vb;
    const std::size_t n = idx.size();
    va.reserve(n * (n - 1) / 2);
    vb.reserve(n * (n - 1) / 2);
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = a + 1; b < n; ++b) {
            if (idx[a] == idx[b]) continue;
            const auto i = static_cast<Eigen::Index>(idx[a]);
            const auto j = static_cast<Eigen::Index>(idx[b]);
            va.push_back(ra(i, j));
            if (perm != nullptr) {
                vb.push_back(rb(static_cast<Eigen::Index>((*perm)[idx[a]]),
                                static_cast<Eigen::Index>((*perm)[idx[b]])));
            } else {
                vb.push_back(rb(i, j));
            }
        }
    }
    return {Eigen::Map<Eigen::VectorXd>(va.data(), static_cast<Eigen::Index>(va.size())),
            Eigen::Map<Eigen::VectorXd>(vb.data(), static_cast<Eigen::Index>(vb.size()))};
}

MatrixF rowsOf(const MatrixF& x, const std::vector<std::size_t>& idx) {
    MatrixF out(static_cast<Eigen::Index>(idx.size()), x.cols());
    for (std::size_t r = 0; r < idx.size(); ++r) {
        out.row(static_cast<Eigen::Index>(r)) = x.row(static_cast<Eigen::Index>(idx[r]));
    }
    return out;
}

}  // namespace

std::set<std::string> transformOptionNames() { return {"--relative", "--anchors", "--seed"}; }

std::vector<std::size_t> applyRelative(const Arguments& arguments,
                                       const std::vector<LoadedRepresentation*>& inputs) {
    const bool hasK = arguments.options.count("--relative") != 0;
    const bool hasAnchors = arguments.options.count("--anchors") != 0;
    if ((!hasK && !hasAnchors) || inputs.empty()) return {};
    for (const LoadedRepresentation* in : inputs) {
        if (isRdm(*in)) {
            throw InputError("--relative re-describes representations by their similarity to "
                             "anchor stimuli; " + in->name + " is a precomputed RDM");
        }
    }
    const auto n = static_cast<std::size_t>(inputs.front()->values.rows());
    std::vector<std::size_t> anchors;
    if (hasAnchors) {
        anchors = metrics::parseAnchors(arguments.option("--anchors", ""), n);
        if (hasK && arguments.count("--relative", 0) != anchors.size()) {
            throw InputError("--relative " + arguments.option("--relative", "") + " disagrees with the " +
                             std::to_string(anchors.size()) + " stimuli given by --anchors");
        }
    } else {
        anchors = metrics::chooseAnchors(n, arguments.count("--relative", 0),
                                         arguments.count("--seed", 0));
    }
    for (LoadedRepresentation* in : inputs) {
        in->values = metrics::relativeRepresentation(in->values, anchors, &in->labels);
    }
    return anchors;
}

std::set<std::string> metricOptionNames() {
    std::set<std::string> names;
    for (const char* o : kMetricOptions) names.insert(std::string("--") + o);
    return names;
}

metrics::MetricParams metricParamsFromOptions(const std::map<std::string, std::string>& options) {
    metrics::MetricParams p;
    for (const char* o : kMetricOptions) {
        const auto it = options.find(std::string("--") + o);
        if (it != options.end()) p.set(o, it->second);
    }
    return p;
}

MetricRequest metricRequestFrom(const Arguments& arguments) {
    const std::string name = arguments.option("--metric", "");
    if (name.empty()) throw InputError("needs --metric NAME (see repscope metrics)");
    MetricRequest request;
    request.metric = &metrics::metric(name);
    request.params = metricParamsFromOptions(arguments.options);
    metrics::checkParams(*request.metric, request.params);
    request.bootstrap = arguments.count("--bootstrap", 0);
    request.permutations = arguments.count("--permutations", 0);
    request.seed = arguments.count("--seed", 0);
    return request;
}

MetricRun runMetric(const MetricRequest& request, const LoadedRepresentation& a,
                    const LoadedRepresentation& b) {
    const metrics::MetricInfo& m = *request.metric;
    metrics::checkParams(m, request.params);
    requireSameStimuli(a, b);
    const std::size_t n = static_cast<std::size_t>(a.values.rows());
    MetricRun run;
    stats::IndexStatistic resampled;
    stats::IndexStatistic permuted;
    Eigen::MatrixXd ra;  // outlive the resampling functions below
    Eigen::MatrixXd rb;
    if (m.compareRdms) {
        // Full RDMs are kept only for resampling; the value itself needs the upper triangles.
        const bool resampling = request.bootstrap > 0 || request.permutations > 0;
        auto triangle = [&](const LoadedRepresentation& in, Eigen::MatrixXd& keep) {
            if (isRdm(in) && !resampling) return metrics::precomputedUpperTriangle(in.values, in.name);
            keep = rdmOf(in, request.params);
            Eigen::VectorXd v = metrics::upperTriangle(keep);
            if (!resampling) keep = Eigen::MatrixXd();
            return v;
        };
        if (m.name == "rsa_spearman" && isRdm(a) && isRdm(b) && !resampling &&
            !metrics::rsaOptions(request.params).geotopo) {
            // Two stored RDMs: ranked straight from their float32 triangles, no float64 copies.
            run.value = metrics::rsaSpearmanOfRdms(a.values, b.values, a.name, b.name);
            return run;
        }
        const Eigen::VectorXd va = triangle(a, ra);
        const Eigen::VectorXd vb = triangle(b, rb);
        run.value = m.compareRdms(va, vb, request.params, silentProgress());
        resampled = [&](const std::vector<std::size_t>& idx) {
            const auto [sa, sb] = pairVectors(ra, rb, idx, nullptr);
            return m.compareRdms(sa, sb, request.params, silentProgress());
        };
        permuted = [&](const std::vector<std::size_t>& perm) {
            std::vector<std::size_t> all(n);
            for (std::size_t i = 0; i < n; ++i) all[i] = i;
            const auto [sa, sb] = pairVectors(ra, rb, all, &perm);
            return m.compareRdms(sa, sb, request.params, silentProgress());
        };
    } else {
        if (isRdm(a) || isRdm(b)) {
            throw InputError(m.name + " compares representations, not precomputed RDMs (" +
                             (isRdm(a) ? a.name : b.name) + " is an RDM); use an rsa_* metric");
        }
        run.value = metrics::computeMetric(m, {a.values, false}, {b.values, false}, request.params);
        resampled = [&](const std::vector<std::size_t>& idx) {
            return m.compute(rowsOf(a.values, idx), rowsOf(b.values, idx), request.params,
                             silentProgress());
        };
        permuted = [&](const std::vector<std::size_t>& perm) {
            return m.compute(a.values, rowsOf(b.values, perm), request.params, silentProgress());
        };
    }
    if (request.bootstrap > 0) {
        const auto ci = stats::bootstrapInterval(n, request.bootstrap, request.seed, resampled);
        run.ci95 = std::make_pair(ci.lo, ci.hi);
    }
    if (request.permutations > 0) {
        run.p = stats::permutationPValue(n, request.permutations, request.seed + 1, run.value,
                                         !m.isDistance, permuted);
    }
    return run;
}

}  // namespace repscope::cli
