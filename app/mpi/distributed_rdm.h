#pragma once
// `repscope-mpi rdm`: the RDM of one representation in row blocks over the MPI ranks, streamed
// to rank 0, which writes them into the output file as they arrive (rdm_stream_writer.h); no
// rank holds the N×N matrix.
#include <string>
#include <vector>

#include "mpi_context.h"

namespace repscope::mpi {

extern const char* const kRdmMpiUsage;

int runDistributedRdm(const MpiContext& context, const std::vector<std::string>& args);

}  // namespace repscope::mpi
