#pragma once
// The files of an evaluation on the command line (`evaluate`, `figure --view evaluation`,
// `report --target`): the model FILEs and the target, FILE:PATH of an RDM set or a file holding
// one set (a ratings CSV), opened into one collection with the set resolved.
#include <string>
#include <vector>

#include "repscope/alignment/collection_evaluation.h"
#include "repscope/collection.h"

namespace repscope::cli {

struct Arguments;

struct EvaluationFiles {
    Collection collection;
    alignment::SetTarget target;
    bool targetIsModelFile = false;  // the target's file is one of the model FILEs
};

// Throws InputError for an empty spec or a file with several sets and no path, FormatError when
// the path or file holds no RDM set (saying what it is instead), and what opening throws.
[[nodiscard]] EvaluationFiles openEvaluationFiles(const std::vector<std::string>& files,
                                                  const std::string& targetSpec);

// The options `evaluate` and `repscope-mpi evaluate` share, checked: --target and --comparator
// are required, --bootstrap B needs B ≥ 2, --bootstrap-stimuli needs --bootstrap; --seed,
// --rdm-measure, --select. InputError (one sentence) otherwise. excludeTargetFile is left false.
[[nodiscard]] alignment::CollectionEvaluationOptions evaluationOptionsFrom(const Arguments& a);

}  // namespace repscope::cli
