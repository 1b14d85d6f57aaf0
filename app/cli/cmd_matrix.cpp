// repscope matrix FILE [FILE...] --metric NAME [--select GLOB] [--out OUT.csv|.h5] [--json]
#include <fnmatch.h>

#include <cmath>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/json_writer.h"
#include "cli/metric_runner.h"
#include "repscope/collection.h"
#include "repscope/error.h"
#include "repscope/matrix_writer.h"
#include "repscope/metrics/layer_matrix.h"

namespace repscope::cli {

const char* const kMatrixUsage =
    "Usage: repscope matrix FILE [FILE...] --metric NAME [metric options] [--select GLOB]\n"
    "                       [--out OUT.csv|OUT.h5|OUT.npy] [--nan-policy error|drop] [--json]\n\n"
    "Every selected representation of the files (aligned as one collection: by label, or by\n"
    "index when N is equal) against every other. Metric options, --relative K, --anchors LIST\n"
    "and --seed S as for `repscope compare`.\n"
    "  --select GLOB  keep representations whose /model/layer path or file:/model/layer name\n"
    "                 matches (shell pattern, e.g. '/mlp*/hidden*')\n"
    "  --json         {\"metric\", \"labels\": [\"file:/m/l\", ...], \"values\": [[...], ...]}\n";

int runMatrix(const std::vector<std::string>& args) {
    std::set<std::string> options = metricOptionNames();
    options.insert({"--metric", "--select", "--out", "--nan-policy"});
    options.merge(transformOptionNames());
    const Arguments a = parseArguments("matrix", args, {"--json"}, options);
    if (a.positional.empty()) throw InputError("expects at least one FILE (see --help)");
    const MetricRequest request = metricRequestFrom(a);
    const NanPolicy policy = parseNanPolicy(a.option("--nan-policy", "error"));
    const std::string select = a.option("--select", "*");
    const std::string out = a.option("--out", "");

    Collection collection;
    for (const auto& f : a.positional) collection.add(DataFile::open(f));
    for (const auto& line : collection.alignmentReport()) std::cerr << line << "\n";
    std::vector<LoadedRepresentation> inputs;
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (fnmatch(select.c_str(), info.path.c_str(), 0) != 0 &&
            fnmatch(select.c_str(), info.qualifiedName().c_str(), 0) != 0) {
            continue;
        }
        if (info.kind == RepresentationKind::Rdm && !request.metric->compareRdms) {
            std::cerr << "skipping " << info.qualifiedName() << ": a precomputed RDM cannot enter "
                      << request.metric->name << "\n";
            continue;
        }
        LoadedRepresentation in;
        in.file = collection.files()[e.fileIndex];
        in.representation = e.representation;
        in.values = collection.read(e);
        in.name = info.qualifiedName();
        for (std::size_t i = 0; i < collection.stimulusCount(); ++i) {
            in.labels.push_back(collection.stimuli().label(i));
        }
        inputs.push_back(std::move(in));
    }
    if (inputs.empty()) throw InputError("no representation matches --select '" + select + "'");
    std::vector<LoadedRepresentation*> pointers;
    for (auto& in : inputs) pointers.push_back(&in);
    // --nan-policy error: a representation with NaN/Inf leaves only its own pairs undefined
    // (null, with the reason); drop leaves out the affected stimuli everywhere.
    if (policy != NanPolicy::Error) applyNanPolicy(pointers, policy);
    const std::vector<std::size_t> anchors = applyRelative(a, pointers);

    const auto k = static_cast<Eigen::Index>(inputs.size());
    std::vector<metrics::LayerOperand> operands;
    for (const auto& in : inputs) {
        operands.push_back({&in.values, in.representation->info().kind == RepresentationKind::Rdm,
                            &in.labels, in.name});
    }
    const metrics::LayerMatrix result =
        metrics::computeLayerMatrix(*request.metric, operands, request.params);
    for (const auto& u : result.undefined) {
        std::cerr << "undefined: " << inputs[static_cast<std::size_t>(u.row)].name << " vs "
                  << inputs[static_cast<std::size_t>(u.column)].name << ": " << u.message << "\n";
    }
    const MatrixD& values = result.values;
    std::vector<std::string> labels;
    for (const auto& in : inputs) labels.push_back(in.name);
    if (!out.empty()) {
        MatrixOutput meta;
        meta.datasetName = "matrix";
        meta.attributes = {{"metric", request.metric->name}};
        if (!anchors.empty()) {
            std::string list;
            for (std::size_t i : anchors) list += (list.empty() ? "" : ",") + std::to_string(i);
            meta.attributes["relative_anchors"] = list;
        }
        meta.rowLabels = meta.columnLabels = labels;
        writeMatrix(out, values, meta);
    }
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("metric").value(request.metric->name);
        w.key("labels").beginArray();
        for (const auto& l : labels) w.value(l);
        w.endArray().key("values").beginArray();
        for (Eigen::Index i = 0; i < k; ++i) {
            w.beginArray();
            for (Eigen::Index j = 0; j < k; ++j) w.value(values(i, j));
            w.endArray();
        }
        w.endArray();
        // Why each null is null (both halves of a symmetric pair are listed once).
        w.key("undefined").beginArray();
        for (const auto& u : result.undefined) {
            w.beginObject();
            w.key("row").value(static_cast<std::uint64_t>(u.row));
            w.key("column").value(static_cast<std::uint64_t>(u.column));
            w.key("reason").value(u.message);
            w.endObject();
        }
        w.endArray();
        if (!anchors.empty()) {
            w.key("anchors").beginArray();
            for (std::size_t i : anchors) w.value(static_cast<std::uint64_t>(i));
            w.endArray();
        }
        w.endObject();
        std::cout << "\n";
    } else if (out.empty()) {
        throw InputError("nothing to do: give --out FILE or --json");
    } else {
        std::cout << "wrote the " << k << " × " << k << " " << request.metric->name
                  << " matrix to " << out << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
