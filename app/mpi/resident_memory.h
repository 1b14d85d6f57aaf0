#pragma once
// What each rank reports about itself. Peak resident memory of this process (VmHWM of
// /proc/self/status), in bytes; 0 where /proc is not there (README: memory formulas checked
// against it).
namespace repscope::mpi {

[[nodiscard]] double peakResidentBytes();

// CPU seconds this process has used so far, all threads, user and system (getrusage): on a
// machine shared with other work, what a rank's share of the work cost, whatever its wall time.
[[nodiscard]] double processCpuSeconds();

}  // namespace repscope::mpi
