// bench_read_layer FILE PATH [REPEATS]: times DataFile::open and Representation::readAll() of one
// representation (stored type converted to float32), REPEATS times (default 3), and prints one
// JSON line: open and read times, the median read, and the sum of all values (a checksum that
// tests/bench/run_io_bench.sh compares with h5py's). Not a test; see tests/bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "repscope/data_file.h"
#include "repscope/error.h"

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::fputs("usage: bench_read_layer FILE PATH [REPEATS]\n", stderr);
        return 2;
    }
    const std::string file = argv[1];
    const std::string path = argv[2];
    const int repeats = argc == 4 ? std::max(1, std::atoi(argv[3])) : 3;
    try {
        std::vector<double> openTimes;
        std::vector<double> readTimes;
        std::vector<double> readCpu;  // process CPU time, all threads: less sensitive to load
        double sum = 0.0;
        long long rows = 0;
        long long cols = 0;
        for (int r = 0; r < repeats; ++r) {
            auto start = std::chrono::steady_clock::now();
            const auto data = repscope::DataFile::open(file);
            const auto rep = data->find(path);
            openTimes.push_back(secondsSince(start));

            start = std::chrono::steady_clock::now();
            const std::clock_t cpuStart = std::clock();
            const repscope::MatrixF values = rep->readAll();
            readTimes.push_back(secondsSince(start));
            readCpu.push_back(static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);

            rows = static_cast<long long>(values.rows());
            cols = static_cast<long long>(values.cols());
            sum = 0.0;
            const float* p = values.data();
            const auto count = static_cast<std::size_t>(values.size());
            for (std::size_t i = 0; i < count; ++i) sum += static_cast<double>(p[i]);
        }
        std::printf("{\"open_s\": %.6f, \"read_median_s\": %.6f, \"read_s\": [", median(openTimes),
                    median(readTimes));
        for (std::size_t i = 0; i < readTimes.size(); ++i) {
            std::printf("%s%.6f", i == 0 ? "" : ", ", readTimes[i]);
        }
        std::printf("], \"read_cpu_median_s\": %.6f", median(readCpu));
        std::printf(", \"sum\": %.17g, \"rows\": %lld, \"cols\": %lld}\n", sum, rows, cols);
        return 0;
    } catch (const repscope::Error& e) {
        std::fprintf(stderr, "bench_read_layer: %s\n", e.what());
        return 1;
    }
}
