#pragma once
// `repscope-mpi evaluate`: `repscope evaluate` with the models' RDMs (the N²·D part) spread over
// the MPI ranks, longest first; rank 0 reads the subjects, takes every model's condensed RDM as
// it arrives and runs the statistics (noise ceiling, t tests, FDR, bootstrap) as the single
// process does, printing the same output.
#include <string>
#include <vector>

#include "mpi_context.h"

namespace repscope::mpi {

extern const char* const kEvaluateMpiUsage;

int runDistributedEvaluate(const MpiContext& context, const std::vector<std::string>& args);

}  // namespace repscope::mpi
