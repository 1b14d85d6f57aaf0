#pragma once
// Evaluating the models of a collection against one of its RDM sets (alignment.md, "Evaluation
// and inference"): the part `repscope evaluate`, the Alignment view, `figure --view evaluation`
// and the report share. The models are the collection's numeric representations (their RDMs
// under a measure) and single precomputed RDMs; subjects of RDM sets are never models.
#include <cstddef>
#include <string>
#include <vector>

#include "repscope/alignment/evaluation.h"
#include "repscope/collection.h"
#include "repscope/metrics/rdm.h"
#include "repscope/progress.h"

namespace repscope::alignment {

// An RDM set of the collection: file index and the set's path in it.
struct SetTarget {
    std::size_t fileIndex = 0;
    std::string path;
    bool operator==(const SetTarget&) const = default;
};

// Every RDM set of every file, in file order.
[[nodiscard]] std::vector<SetTarget> rdmSetTargets(const Collection& collection);
// The set itself; throws InputError when the collection no longer has it.
[[nodiscard]] const RdmSet& targetSet(const Collection& collection, const SetTarget& target);
// "file:/path" of the set.
[[nodiscard]] std::string targetName(const Collection& collection, const SetTarget& target);

struct CollectionEvaluationOptions {
    EvaluationOptions evaluation;
    metrics::RdmMeasure measure = metrics::RdmMeasure::Correlation;
    // Models whose /model/layer path or file:/model/layer name matches (fnmatch); "*": all.
    std::string select = "*";
    // Leave out the representations of the target's own file (the CLI, when that file was not
    // given among the model files).
    bool excludeTargetFile = false;
    // Evaluate on these collection stimuli only (sorted, distinct); empty: all.
    std::vector<std::size_t> stimuli;
};

struct CollectionEvaluation {
    std::string target;                 // "file:/path"
    std::vector<std::string> subjects;  // the set's subject names
    std::size_t n = 0;                  // stimuli compared
    std::vector<CollectionEntry> models;  // in collection order
    std::vector<std::string> modelNames;  // qualified names ("file:/model/layer")
    Evaluation result;                    // models[m] ↔ result.models[m]
};

// Reads every model and subject, computes the models' RDMs and evaluates them. Throws
// InputError (no model, fewer than 3 stimuli), FormatError (NaN/Inf in a model, an undefined
// comparison, naming it), Cancelled.
[[nodiscard]] CollectionEvaluation evaluateCollection(const Collection& collection,
                                                      const SetTarget& target,
                                                      const CollectionEvaluationOptions& options,
                                                      Progress& progress = silentProgress());

// The pieces of evaluateCollection, for a caller that computes the models' RDMs elsewhere
// (repscope-mpi evaluate spreads them over MPI ranks): which models, in which order, over which
// stimuli (throws as evaluateCollection for no model or fewer than 3 stimuli); the subjects'
// condensed RDMs; one model's condensed RDM. evaluateCollection is these three, then
// evaluateModels.
struct EvaluationPlan {
    std::string target;                   // "file:/path"
    std::size_t n = 0;                    // stimuli compared
    std::vector<std::string> labels;      // their labels
    std::vector<CollectionEntry> models;  // in collection order
};
[[nodiscard]] EvaluationPlan planEvaluation(const Collection& collection, const SetTarget& target,
                                            const CollectionEvaluationOptions& options);
[[nodiscard]] NamedRdms subjectRdms(const Collection& collection, const SetTarget& target,
                                    const CollectionEvaluationOptions& options,
                                    Progress& progress = silentProgress());
[[nodiscard]] Eigen::VectorXd modelRdm(const Collection& collection, const CollectionEntry& model,
                                       const CollectionEvaluationOptions& options,
                                       const std::vector<std::string>& labels,
                                       Progress& progress = silentProgress());

// The set's subjects averaged pair by pair over those that have the pair (NaN where none has),
// as an N×N matrix with a zero diagonal: the "pooled" target RDM the views show.
[[nodiscard]] MatrixF meanSubjectRdm(const Collection& collection, const SetTarget& target,
                                     Progress& progress = silentProgress());

}  // namespace repscope::alignment
