// repscope compare FILE:PATH FILE:PATH --metric NAME [metric options] [--json]
#include <iostream>
#include <optional>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/json_writer.h"
#include "cli/metric_runner.h"
#include "repscope/error.h"
#include "repscope/metrics/cka_streamed.h"
#include "repscope/metrics/rsa.h"

namespace repscope::cli {

const char* const kCompareUsage =
    "Usage: repscope compare FILE:PATH FILE:PATH --metric NAME [metric options]\n"
    "                        [--relative K] [--anchors LIST]\n"
    "                        [--bootstrap B] [--permutations P] [--seed S]\n"
    "                        [--nan-policy error|drop] [--json]\n\n"
    "Compares two representations of the same stimuli (same or different files). A precomputed\n"
    "N×N RDM may stand on either side of an rsa_* metric. `repscope metrics` lists the metrics.\n"
    "  --rdm-measure M  RDM measure for rsa_* (correlation|cosine|euclidean|sqeuclidean)\n"
    "  --geotopo L,U    geo-topological transform of both RDMs before an rsa_* comparison\n"
    "  --threshold t    cka_rbf bandwidth factor (default 1.0)\n"
    "  --k K            neighbours for mutual_knn / jaccard_knn (default 10)\n"
    "  --svcca-keep f   variance kept by svcca (default 0.99)\n"
    "  --bootstrap B    95% percentile interval over B resamples of the stimuli (\"ci95\")\n"
    "  --permutations P one-sided permutation p-value (\"p\")\n"
    "  --relative K     compare relative representations (Moschella et al. 2022): each\n"
    "                   stimulus as its cosine similarity to K anchor stimuli, the same on both\n"
    "                   sides, chosen with --seed unless --anchors lists them\n"
    "  --anchors LIST   anchor stimuli by 0-based index, e.g. 0,5,10-19 (implies --relative)\n"
    "  --seed S         seed of resampling, permutations and anchors (default 0)\n"
    "  --json           {\"metric\", \"value\", \"n\", \"params\": {...}[, \"ci95\"][, \"p\"]\n"
    "                   [, \"anchors\": [...]]}\n";

namespace {

void printRun(const Arguments& a, const MetricRequest& request, const std::string& xName,
              const std::string& yName, std::uint64_t n, const MetricRun& run,
              const std::vector<std::size_t>& anchors) {
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("metric").value(request.metric->name);
        w.key("value").value(run.value).key("n").value(n);
        w.key("params").beginObject();
        for (const auto& spec : request.metric->params) {
            w.key(spec.name).value(request.params.text(spec.name, spec.defaultValue));
        }
        w.endObject();
        if (run.ci95) w.key("ci95").beginArray().value(run.ci95->first).value(run.ci95->second).endArray();
        if (run.p) w.key("p").value(*run.p);
        if (!anchors.empty()) {
            w.key("anchors").beginArray();
            for (std::size_t i : anchors) w.value(static_cast<std::uint64_t>(i));
            w.endArray();
        }
        w.endObject();
        std::cout << "\n";
    } else {
        std::cout << request.metric->name << "(" << xName << ", " << yName << ") = " << run.value
                  << "  (n = " << n << ")\n";
        if (run.ci95) std::cout << "  95% CI [" << run.ci95->first << ", " << run.ci95->second << "]\n";
        if (run.p) std::cout << "  permutation p = " << *run.p << "\n";
    }
}

// Plain cka_linear of two stored feature representations, or rsa_spearman of two stored RDMs
// (no resampling, no transform, NaN/Inf an error): computed while both are read a block of rows
// at a time, never holding either whole (metrics/cka_streamed.h, rsaSpearmanOfStoredRdms). True
// when it printed the result; false when the general path must run (it then also reports any
// NaN/Inf or mismatch as usual).
bool compareStreamed(const Arguments& a, const MetricRequest& request, NanPolicy policy) {
    const std::string& metric = request.metric->name;
    const bool spearman = metric == "rsa_spearman" && !metrics::rsaOptions(request.params).geotopo;
    if ((metric != "cka_linear" && !spearman) || request.bootstrap != 0 || request.permutations != 0 ||
        policy != NanPolicy::Error || a.options.count("--relative") != 0 || a.options.count("--anchors") != 0) {
        return false;
    }
    const QualifiedPath qx = splitQualifiedPath(a.positional[0]);
    const QualifiedPath qy = splitQualifiedPath(a.positional[1]);
    const DataFilePtr fx = DataFile::open(qx.file);
    const DataFilePtr fy = qy.file == qx.file ? fx : DataFile::open(qy.file);
    const RepresentationPtr x = fx->find(qx.path);
    const RepresentationPtr y = fy->find(qy.path);
    const std::optional<double> value =
        spearman ? metrics::rsaSpearmanOfStoredRdms(*x, *y) : metrics::ckaLinearStreamed(*x, *y);
    if (!value) return false;
    MetricRun run;
    run.value = *value;
    printRun(a, request, x->info().qualifiedName(), y->info().qualifiedName(),
             static_cast<std::uint64_t>(x->info().n), run, {});
    return true;
}

}  // namespace

int runCompare(const std::vector<std::string>& args) {
    std::set<std::string> options = metricOptionNames();
    options.insert({"--metric", "--bootstrap", "--permutations", "--seed", "--nan-policy"});
    options.merge(transformOptionNames());
    const Arguments a = parseArguments("compare", args, {"--json"}, options);
    if (a.positional.size() != 2) throw InputError("expects two FILE:/path arguments (see --help)");
    const MetricRequest request = metricRequestFrom(a);
    const NanPolicy policy = parseNanPolicy(a.option("--nan-policy", "error"));
    if (compareStreamed(a, request, policy)) return 0;
    LoadedRepresentation x = loadRepresentation(a.positional[0]);
    LoadedRepresentation y = loadRepresentation(a.positional[1]);
    requireSameStimuli(x, y);
    applyNanPolicy({&x, &y}, policy);
    const std::vector<std::size_t> anchors = applyRelative(a, {&x, &y});
    const MetricRun run = runMetric(request, x, y);
    printRun(a, request, x.name, y.name, static_cast<std::uint64_t>(x.values.rows()), run, anchors);
    return 0;
}

}  // namespace repscope::cli
