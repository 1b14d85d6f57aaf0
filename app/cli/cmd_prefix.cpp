// repscope prefix FILE:PATH|FILE [--select GLOB] [--metric NAME] [--dims LIST] [--labels COLUMN]
//                 [--json]   (embedding-checks.md, "Matryoshka prefixes")
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/embedding_inputs.h"
#include "cli/json_writer.h"
#include "cli/metric_runner.h"
#include "repscope/embedding_checks/prefix.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kPrefixUsage =
    "Usage: repscope prefix FILE:PATH|FILE [--select GLOB] [--metric NAME] [metric options]\n"
    "                       [--dims LIST] [--labels COLUMN] [--nan-policy error|drop] [--json]\n\n"
    "Matryoshka prefixes (Kusupati et al. 2022): how much of a representation's geometry its\n"
    "first d dimensions keep. For each prefix size d, m(X[:, :d], X) with a registry metric and,\n"
    "where the stimuli have a categorical column, the top-1 leave-one-out cosine retrieval\n"
    "accuracy of X[:, :d] (relevant = same category; see repscope compat --help). Given a FILE,\n"
    "every selected representation gets a row: a layer x prefix grid (2D Matryoshka).\n"
    "  --select GLOB    with a FILE: representations whose /model/layer path or file:/model/layer\n"
    "                   name matches (default: all)\n"
    "  --metric NAME    any metric of `repscope metrics` (default cka_linear); metric options as\n"
    "                   for `repscope compare`\n"
    "  --dims LIST      prefix sizes, e.g. 8,16,32, each between 1 and D (default: powers of two\n"
    "                   from 8 below D, then D; in a grid the union over the rows, null where a\n"
    "                   row has fewer dimensions)\n"
    "  --labels COLUMN  the categorical column for top-1 (default: the first)\n"
    "  --nan-policy P   error (default) or drop the stimuli with NaN/Inf values\n"
    "  --json           {\"metric\", \"dims\": [d...], \"labels\",\n"
    "                    \"rows\": [{\"path\", \"d\", \"value\": [...], \"top1\": [...]}]}\n"
    "                   (top1 is null without a usable categorical column)\n";

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

struct Row {
    std::string name;
    std::string path;
    int d = 0;
    std::vector<double> value;  // aligned with the dims of the whole grid; NaN past d
    std::vector<double> top1;
};

}  // namespace

int runPrefix(const std::vector<std::string>& args) {
    std::set<std::string> known = metricOptionNames();
    known.insert({"--select", "--metric", "--dims", "--labels", "--nan-policy"});
    const Arguments a = parseArguments("prefix", args, {"--json"}, known);
    if (a.positional.size() != 1) {
        throw InputError("expects one FILE:PATH, or a FILE with --select (see --help)");
    }
    const metrics::MetricInfo& metric = metrics::metric(a.option("--metric", "cka_linear"));
    const metrics::MetricParams params = metricParamsFromOptions(a.options);
    metrics::checkParams(metric, params);
    const std::string& input = a.positional[0];
    const bool single = input.find(":/") != std::string::npos;
    if (single && a.options.count("--select")) {
        throw InputError("--select picks representations of a FILE; give the file alone, not " +
                         input);
    }
    std::vector<int> requested;
    if (a.options.count("--dims")) requested = parsePositiveList(a.option("--dims", ""), "--dims");
    EmbeddingSet set = single ? loadEmbeddings({input}) : loadSelected(input, a.option("--select", "*"));
    applyNanPolicy(set, parseNanPolicy(a.option("--nan-policy", "error")));

    const CategoryColumn* column = labelColumn(set.stimuli, a.option("--labels", ""));
    if (column == nullptr) {
        std::cerr << "note: the stimuli have no categorical column, so top-1 retrieval is left "
                     "out; the metric curve is complete\n";
    } else if (categoriesPresent(*column) < 2) {
        std::cerr << "note: the label column '" << printable(column->name)
                  << "' has only one category, so every stimulus is relevant to every query and "
                     "top-1 retrieval would say nothing; it is left out\n";
        column = nullptr;
    }
    // The grid's prefix sizes: as given (every row must have them), or the union of the rows'
    // defaults.
    std::vector<int> dims = requested;
    if (requested.empty()) {
        std::vector<int> ds;
        for (const Embedding& e : set.embeddings) ds.push_back(static_cast<int>(e.values.cols()));
        dims = embedding_checks::gridPrefixDims(ds);
    } else {
        for (const Embedding& e : set.embeddings) {
            embedding_checks::checkPrefixDims(requested, static_cast<int>(e.values.cols()), e.name);
        }
    }
    std::vector<Row> rows;
    for (const Embedding& e : set.embeddings) {
        embedding_checks::PrefixOptions options;
        options.codes = column != nullptr ? &column->codes : nullptr;
        options.name = e.name;
        embedding_checks::PrefixCurve curve =
            embedding_checks::prefixCurveOnGrid(e.values, metric, params, dims, options);
        Row row{e.name, e.path, static_cast<int>(e.values.cols()), std::move(curve.value), std::move(curve.top1)};
        rows.push_back(std::move(row));
    }

    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject();
        w.key("metric").value(metric.name);
        w.key("dims").beginArray();
        for (const int p : dims) w.value(p);
        w.endArray();
        w.key("labels");
        if (column != nullptr) {
            w.value(column->name);
        } else {
            w.null();
        }
        w.key("rows").beginArray();
        for (const Row& r : rows) {
            w.beginObject();
            w.key("path").value(r.path);
            w.key("file").value(r.name.substr(0, r.name.size() - r.path.size() - 1));
            w.key("d").value(r.d);
            w.key("value").beginArray();
            for (const double v : r.value) w.value(v);
            w.endArray();
            w.key("top1");
            if (column != nullptr) {
                w.beginArray();
                for (const double v : r.top1) w.value(v);
                w.endArray();
            } else {
                w.null();
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
        std::cout << "\n";
        return 0;
    }
    std::cout << metric.name << "(X[:, :d], X)"
              << (column != nullptr ? "; top-1 retrieval by '" + printable(column->name) + "'" : "")
              << "\nd";
    for (const Row& r : rows) std::cout << "\t" << printable(r.path) << (column ? "\ttop1" : "");
    std::cout << "\n";
    for (std::size_t k = 0; k < dims.size(); ++k) {
        std::cout << dims[k];
        for (const Row& r : rows) {
            std::cout << "\t" << number(r.value[k]);
            if (column != nullptr) std::cout << "\t" << number(r.top1[k]);
        }
        std::cout << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
