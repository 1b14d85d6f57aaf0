#pragma once
// What `repscope evaluate` prints (--json or the table), shared with `repscope-mpi evaluate`,
// which computes the same CollectionEvaluation with the models spread over MPI ranks.
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/metrics/rdm.h"

namespace repscope::cli {

void printEvaluation(const alignment::CollectionEvaluation& evaluated,
                     const alignment::EvaluationOptions& options, metrics::RdmMeasure measure,
                     bool json);

}  // namespace repscope::cli
