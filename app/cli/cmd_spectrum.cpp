// repscope spectrum FILE:PATH [--json]   (embedding-checks.md, "What drives the similarity")
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/embedding_inputs.h"
#include "cli/json_writer.h"
#include "repscope/embedding_checks/spectrum.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kSpectrumUsage =
    "Usage: repscope spectrum FILE:PATH [--nan-policy error|drop] [--json]\n\n"
    "What drives the similarity (Lampinen et al. 2024: representations are biased towards simple\n"
    "features): the variance spectrum of the centred representation and how much of its variance\n"
    "each categorical column of the stimuli explains.\n"
    "  explained             eigenvalue / total variance of the centred data, descending (the\n"
    "                        first 50 at most)\n"
    "  participation ratio   (sum of eigenvalues)^2 / sum of squared eigenvalues: the effective\n"
    "                        number of dimensions\n"
    "  R^2 of a column       between-category share of the total variance, ||P X_c||^2 /\n"
    "                        ||X_c||^2 with P the projection onto the centred one-hot columns\n"
    "                        (stimuli without a value form one group)\n"
    "  --nan-policy P        error (default) or drop the stimuli with NaN/Inf values\n"
    "  --json                {\"path\", \"file\", \"n\", \"d\", \"explained\": [...],\n"
    "                         \"participation_ratio\", \"categories\": {COLUMN: R2}}\n";

int runSpectrum(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("spectrum", args, {"--json"}, {"--nan-policy"});
    if (a.positional.size() != 1) throw InputError("expects one FILE:PATH (see --help)");
    EmbeddingSet set = loadEmbeddings({a.positional[0]});
    applyNanPolicy(set, parseNanPolicy(a.option("--nan-policy", "error")));
    const Embedding& e = set.embeddings.front();
    const auto s = embedding_checks::computeSpectrum(e.values, set.stimuli.columns);
    for (const auto& c : s.categories) {
        if (c.categories < 2) {
            std::cerr << "note: the column '" << printable(c.column) << "' has "
                      << (c.categories == 0 ? "no values" : "only one category")
                      << ", so it explains none of the variance (R^2 = 0)\n";
        }
    }
    const std::size_t shown = std::min<std::size_t>(50, s.explained.size());
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject();
        w.key("path").value(e.path);
        w.key("file").value(e.name.substr(0, e.name.size() - e.path.size() - 1));
        w.key("n").value(static_cast<std::uint64_t>(s.n));
        w.key("d").value(static_cast<std::uint64_t>(s.d));
        w.key("explained").beginArray();
        for (std::size_t k = 0; k < shown; ++k) w.value(s.explained[k]);
        w.endArray();
        w.key("participation_ratio").value(s.participationRatio);
        w.key("categories").beginObject();
        for (const auto& c : s.categories) w.key(c.column).value(c.r2);
        w.endObject();
        w.endObject();
        std::cout << "\n";
        return 0;
    }
    char buf[64];
    std::cout << printable(e.name) << ": " << s.n << " stimuli x " << s.d << " dimensions\n";
    std::snprintf(buf, sizeof buf, "%.3f", s.participationRatio);
    std::cout << "participation ratio " << buf << "\nexplained variance ratio:";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, shown); ++k) {
        std::snprintf(buf, sizeof buf, " %.4f", s.explained[k]);
        std::cout << buf;
    }
    std::cout << (shown > 10 ? " ... (--json lists up to 50)\n" : "\n");
    if (s.categories.empty()) std::cout << "the stimuli have no categorical column\n";
    for (const auto& c : s.categories) {
        std::snprintf(buf, sizeof buf, "%.4f", c.r2);
        std::cout << "R^2 of '" << printable(c.column) << "' (" << c.categories
                  << " categories): " << buf << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
