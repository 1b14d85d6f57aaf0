// libFuzzer target over the loader: every input is written to a file and opened the way the
// app opens files (layout recognition, stimuli, link walk), then the first and last rows of each
// representation are read. The same bytes are also opened as a .csv (pairwise ratings,
// alignment.md), whose RDMs are read the same way, and read as a triplet CSV; as a .npy
// (an RDM or RDM set, read the same way) and as .npy triplets; and as a MATLAB .mat (libmatio:
// v4, v5, and v7.3 when the bytes are HDF5). Errors the loader reports are fine; a crash, a sanitizer report or a
// hang is a finding. Built by the `fuzz` preset (clang, -fsanitize=fuzzer,address,undefined).
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "repscope/alignment/triplets.h"
#include "repscope/data_file.h"
#include "repscope/representation.h"

namespace {

std::string scratchPath(const char* extension) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr ? dir : "/tmp") + "/repscope-fuzz-" +
           std::to_string(::getpid()) + extension;
}

void openAndRead(const std::uint8_t* data, std::size_t size, const char* extension) {
    static const std::string h5 = scratchPath(".h5");
    static const std::string csv = scratchPath(".csv");
    static const std::string npy = scratchPath(".npy");
    static const std::string mat = scratchPath(".mat");
    const std::string ext(extension);
    const std::string& path = ext == ".csv" ? csv : ext == ".npy" ? npy : ext == ".mat" ? mat : h5;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return;
    if (size > 0) std::fwrite(data, 1, size, f);
    std::fclose(f);
    try {
        const auto file = repscope::DataFile::open(path);
        for (const auto& r : file->representations()) {
            const std::size_t n = r->info().n;
            const std::size_t d = r->info().d;
            if (n == 0 || d > (std::size_t{1} << 20)) continue;
            (void)r->readRows(0, std::min<std::size_t>(n, 2));
            if (n > 2) (void)r->readRows(n - 1, 1);
        }
    } catch (const std::exception&) {
        // A clean error: what the loader must do with a damaged file.
    }
}

}  // namespace

// The memory budget is capped below libFuzzer's malloc limit (run-fuzz.sh: -rss_limit_mb=2560),
// so a file that declares more than it can hold is refused by a budget check where RepScope has
// one, and an allocation over the limit from RepScope's code is a check that is missing.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    repscope::setMemoryBudgetBytes(std::size_t{1} << 30);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    openAndRead(data, size, ".h5");
    openAndRead(data, size, ".csv");
    openAndRead(data, size, ".npy");
    openAndRead(data, size, ".mat");
    try {
        static const std::vector<std::string> labels = {"a", "b", "c", "d", "stim01", "stim02"};
        (void)repscope::alignment::readTripletsCsv(scratchPath(".csv"), labels);
    } catch (const std::exception&) {
    }
    try {
        (void)repscope::alignment::readTripletsNpy(scratchPath(".npy"), 40);
    } catch (const std::exception&) {
    }
    return 0;
}
