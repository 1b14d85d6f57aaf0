#pragma once
// The isolated probe: before a file is opened in-process, a child process of the same
// executable walks everything the loader will touch (groups, links, attributes, strings, dataset
// headers, the first and last rows of every representation) under a memory and time limit. A
// crash or time-out there becomes one sentence naming the file and the object the child was at,
// and the calling process (the GUI with everything the user had open, or the CLI) keeps running.
// Results are cached by path, size and modification time.
#include <cstdint>
#include <functional>
#include <string>

namespace repscope {

struct ProbeSettings {
    std::string executable;             // runs `EXECUTABLE --probe-file FILE ...`
    unsigned timeoutSeconds = 30;       // wall-clock limit of one probe
    std::uint64_t memoryLimitBytes = std::uint64_t{4} << 30;  // address-space limit of the child
};

// Makes DataFile::open probe every file first (process-wide). REPSCOPE_PROBE=0 in the
// environment turns it off.
void enableProbe(ProbeSettings settings);
void disableProbe();
[[nodiscard]] bool probeEnabled();

// Probes `path` (cached). Throws FileError when the child died or ran out of time; returns
// normally otherwise (errors the loader reports cleanly are left to the in-process open).
// `cancelled` (may be empty) is polled every 100 ms: true kills the child and throws Cancelled.
void probeFile(const std::string& path, bool allowLinksOutside,
               const std::function<bool()>& cancelled = {});

// The child's side, called by main() for `--probe-file`: applies the limits, opens the file with
// the in-process loader, reads the first and last rows of every representation, and writes each
// object it touches to stdout. Returns the exit code.
int runProbeChild(int argc, char** argv);

// Probes run so far in this process and how many were answered from the cache (for tests).
struct ProbeCounters {
    std::uint64_t spawned = 0;
    std::uint64_t cached = 0;
};
[[nodiscard]] ProbeCounters probeCounters();

}  // namespace repscope
