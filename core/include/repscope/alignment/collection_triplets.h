#pragma once
// Every model of a collection scored against a file of odd-one-out judgements (alignment.md,
// "Triplet agreement"): the part the Alignment view shares with `repscope triplets`' rules. The
// models are those evaluateCollection takes (representations and single precomputed RDMs, never
// subjects of an RDM set).
#include <optional>
#include <string>
#include <vector>

#include "repscope/alignment/triplets.h"
#include "repscope/collection.h"
#include "repscope/progress.h"

namespace repscope::alignment {

// True when the file's first line is a CSV header with an `odd_one_out` column (read bounded; a
// file that cannot be read is not one).
[[nodiscard]] bool looksLikeTripletCsv(const std::string& path);

struct CollectionTriplets {
    std::string file;            // the CSV as given
    std::size_t triplets = 0;    // judgements used
    std::size_t dropped = 0;     // rows naming a label the collection lacks
    std::string firstUnknownLabel;
    std::vector<CollectionEntry> models;
    std::vector<std::string> modelNames;  // qualified names
    std::vector<double> agreement;        // mean credit per model (chance 1/3)
    std::vector<double> sem;              // standard error of that mean over the triplets
    std::optional<TripletCeiling> ceiling;
};

// Reads the judgements against the collection's labels and scores every model. Throws
// FileError/FormatError for the file (naming file and line), FormatError for a model with NaN/Inf
// or a zero row under cosine, InputError when there is no model or no triplet is left, Cancelled.
[[nodiscard]] CollectionTriplets evaluateTriplets(const Collection& collection, const std::string& path,
                                                  TripletSimilarity similarity,
                                                  Progress& progress = silentProgress());

}  // namespace repscope::alignment
