// repscope compat OLD_FILE:PATH NEW_FILE:PATH [--labels COLUMN] [--k 1,5]
//                 [--align none|orthogonal] [--json]   (embedding-checks.md)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/embedding_inputs.h"
#include "cli/json_writer.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kCompatUsage =
    "Usage: repscope compat OLD_FILE:PATH NEW_FILE:PATH [--labels COLUMN] [--k 1,5]\n"
    "                       [--align none|orthogonal] [--nan-policy error|drop] [--json]\n\n"
    "Can the new model's queries search the old model's index (backward compatibility, Shen et\n"
    "al. 2020)? Leave-one-out cosine retrieval over the stimuli: every stimulus with a category\n"
    "is a query, its gallery every other stimulus, relevant = same category; ties keep file\n"
    "order. M(q, g) = queries embedded by model q, gallery by model g, for (old, old), (new, new)\n"
    "and (new, old); compatible when M(new, old) >= M(old, old); update gain =\n"
    "(M(new, old) - M(old, old)) / (M(new, new) - M(old, old)) (1 when all three are equal,\n"
    "null when only the new model's own score equals the old one's).\n"
    "  --labels COLUMN  the categorical column that defines relevance (default: the first)\n"
    "  --k LIST         top-k accuracies to report (default 1,5), each between 1 and N - 1\n"
    "  --align A        none (default: equal dimensions needed) or orthogonal: W = U V^T from\n"
    "                   the SVD of X_new^T X_old on centred rows, learned on the even-indexed\n"
    "                   stimuli (0, 2, 4, ...); everything is reported on the odd-indexed ones,\n"
    "                   new -> old meaning (x_new - mean_new) W + mean_old against X_old\n"
    "  --nan-policy P   error (default) or drop the stimuli with NaN/Inf values\n"
    "  --json           {\"labels\", \"n\", \"align\", \"old\", \"new\",\n"
    "                    \"old_old\": {\"top1\", \"top5\", \"map\"}, \"new_new\": {...},\n"
    "                    \"new_old\": {...}, \"compatible\": {\"top1\": bool, ...},\n"
    "                    \"update_gain\": {\"top1\": x, ...}}   (n = queries)\n";

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

void writeScores(JsonWriter& w, const char* key, const embedding_checks::CompatResult& r,
                 double embedding_checks::CompatMeasure::*field) {
    w.key(key).beginObject();
    for (const auto& m : r.measures) w.key(m.name).value(m.*field);
    w.endObject();
}

}  // namespace

int runCompat(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("compat", args, {"--json"},
                                       {"--labels", "--k", "--align", "--nan-policy"});
    if (a.positional.size() != 2) {
        throw InputError("expects two representations, OLD_FILE:PATH NEW_FILE:PATH (see --help)");
    }
    embedding_checks::CompatOptions options;
    options.ks = parsePositiveList(a.option("--k", "1,5"), "--k");
    options.alignment = embedding_checks::parseAlignment(a.option("--align", "none"));
    const NanPolicy policy = parseNanPolicy(a.option("--nan-policy", "error"));
    EmbeddingSet set = loadEmbeddings({a.positional[0], a.positional[1]});
    applyNanPolicy(set, policy);
    const Embedding& oldE = set.embeddings[0];
    const Embedding& newE = set.embeddings[1];
    const CategoryColumn* column = labelColumn(set.stimuli, a.option("--labels", ""));
    if (column == nullptr) {
        throw InputError("compat needs a categorical column of the stimuli to decide which items "
                         "are relevant (same category), and the stimuli have none; add one under "
                         "/stimuli or name one with --labels COLUMN");
    }
    const std::size_t present = categoriesPresent(*column);
    if (present < 2) {
        throw InputError("the label column '" + column->name + "' has " +
                         (present == 0 ? std::string("no values")
                                       : "only one category ('" + column->categories.at(static_cast<std::size_t>(
                                             *std::max_element(column->codes.begin(), column->codes.end()))) + "')") +
                         ", so every stimulus is relevant to every query and retrieval measures "
                         "nothing; name another column with --labels");
    }
    options.oldName = oldE.name;
    options.newName = newE.name;
    const auto result = embedding_checks::compatibility(oldE.values, newE.values, column->codes,
                                                        options);
    const char* align = embedding_checks::alignmentName(result.alignment);
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject();
        w.key("labels").value(column->name);
        w.key("n").value(static_cast<std::uint64_t>(result.queries));
        w.key("align").value(align);
        w.key("old").value(oldE.name);
        w.key("new").value(newE.name);
        writeScores(w, "old_old", result, &embedding_checks::CompatMeasure::oldOld);
        writeScores(w, "new_new", result, &embedding_checks::CompatMeasure::newNew);
        writeScores(w, "new_old", result, &embedding_checks::CompatMeasure::newOld);
        w.key("compatible").beginObject();
        for (const auto& m : result.measures) w.key(m.name).value(m.compatible);
        w.endObject();
        writeScores(w, "update_gain", result, &embedding_checks::CompatMeasure::updateGain);
        w.endObject();
        std::cout << "\n";
        return 0;
    }
    std::cout << "old " << printable(oldE.name) << " (D = " << oldE.values.cols() << "), new "
              << printable(newE.name) << " (D = " << newE.values.cols() << ")\n"
              << "labels '" << printable(column->name) << "', " << result.queries << " queries"
              << (result.alignment == embedding_checks::Alignment::Orthogonal
                      ? " (odd-indexed stimuli; orthogonal map learned on the even-indexed)"
                      : "")
              << "\n"
              << "measure\told->old\tnew->new\tnew->old\tcompatible\tupdate gain\n";
    for (const auto& m : result.measures) {
        std::cout << m.name << "\t" << number(m.oldOld) << "\t" << number(m.newNew) << "\t"
                  << number(m.newOld) << "\t" << (m.compatible ? "yes" : "no") << "\t"
                  << number(m.updateGain) << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
