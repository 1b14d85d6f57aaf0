#pragma once
// Inputs of the embedding-model checks (compat, prefix, spectrum; embedding-checks.md): named
// representations read over one aligned stimulus set, the NaN policy, the label column and the
// number lists of --k and --dims.
#include <string>
#include <vector>

#include "repscope/collection.h"
#include "repscope/finite.h"

namespace repscope::cli {

struct Embedding {
    std::string name;  // "file:/m/l"
    std::string path;  // "/m/l"
    MatrixF values;    // N × D in collection order
};

struct EmbeddingSet {
    std::vector<Embedding> embeddings;
    Stimuli stimuli;  // aligned; after --nan-policy drop, only the kept stimuli
};

// Each spec is FILE:PATH; files are opened once and aligned as a collection (what alignment
// dropped goes to stderr). A precomputed RDM is refused: these checks need features.
[[nodiscard]] EmbeddingSet loadEmbeddings(const std::vector<std::string>& specs);
// Every feature representation of FILE whose /m/l path or file:/m/l name matches `glob`
// (precomputed RDMs are skipped with a note on stderr). Throws InputError when none matches.
[[nodiscard]] EmbeddingSet loadSelected(const std::string& file, const std::string& glob);

// Error: NaN/Inf is a FormatError naming the representation, the counts and the first
// stimulus. Drop: stimuli with NaN/Inf in any embedding are left out (said on stderr).
void applyNanPolicy(EmbeddingSet& set, NanPolicy policy);

// The column --labels names (InputError listing the columns when absent), or by default the
// first categorical column; nullptr when the stimuli have none and none was named.
[[nodiscard]] const CategoryColumn* labelColumn(const Stimuli& stimuli, const std::string& requested);
// Number of distinct categories present among the stimuli (codes ≥ 0).
[[nodiscard]] std::size_t categoriesPresent(const CategoryColumn& column);

// "1,5" → {1, 5}: positive integers; InputError naming the option otherwise.
[[nodiscard]] std::vector<int> parsePositiveList(const std::string& text, const std::string& option);

}  // namespace repscope::cli
