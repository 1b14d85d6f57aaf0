#pragma once
// Loading the representations a sub-command names (FILE:/path), with the NaN policy applied.
#include <string>
#include <vector>

#include "repscope/data_file.h"
#include "repscope/finite.h"

namespace repscope::cli {

struct LoadedRepresentation {
    DataFilePtr file;
    RepresentationPtr representation;
    MatrixF values;                   // N × D (an RDM: N × N)
    std::vector<std::string> labels;  // the file's labels, or "#i"
    std::string name;                 // "file:/path"
};

// Opens FILE and reads PATH. Throws Error with one sentence naming file and path.
[[nodiscard]] LoadedRepresentation loadRepresentation(const std::string& spec);

// Applies the NaN policy to several representations over the same stimuli: under Error throws
// (naming the representation and counts); under Drop keeps the stimuli that are finite in all of
// them (for RDMs, rows and columns alike) and says on stderr how many were dropped.
void applyNanPolicy(std::vector<LoadedRepresentation*> inputs, NanPolicy policy);

// Throws AlignmentError when the stimulus counts differ.
void requireSameStimuli(const LoadedRepresentation& a, const LoadedRepresentation& b);

}  // namespace repscope::cli
