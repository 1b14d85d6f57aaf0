#pragma once
// Peak resident memory of this process (VmHWM of /proc/self/status), in bytes; 0 where /proc is
// not there. Each rank reports it (README: memory formulas checked against it).
namespace repscope::mpi {

[[nodiscard]] double peakResidentBytes();

}  // namespace repscope::mpi
