#pragma once
// `repscope-mpi matrix`: `repscope matrix` with the pair matrix cut into tiles over the MPI
// ranks (pair_tiles.h), resumable through --checkpoint (matrix_checkpoint.h).
#include <string>
#include <vector>

#include "mpi_context.h"

namespace repscope::mpi {

extern const char* const kMatrixMpiUsage;

// Returns the exit status (0 done, 75 stopped by --stop-after-tiles with the rest left in the
// checkpoint). Throws CollectiveFailure for errors every rank agrees on; aborts the job when one
// rank fails while computing.
int runDistributedMatrix(const MpiContext& context, const std::vector<std::string>& args);

}  // namespace repscope::mpi
