#include "repscope/representation.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "repscope/linalg/blas.h"

namespace repscope {
namespace {

std::size_t defaultBudget() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0) return std::size_t{8} << 30;
    return static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) / 4 * 3;
}

std::atomic<std::size_t>& budget() {
    static std::atomic<std::size_t> b{defaultBudget()};
    return b;
}

std::string gigabytes(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
    return buf;
}

// Rows per block read: about 64 MB of float32.
std::size_t blockRows(std::size_t d) {
    return std::max<std::size_t>(1, (std::size_t{64} << 20) / (std::max<std::size_t>(d, 1) * 4));
}

}  // namespace

std::size_t memoryBudgetBytes() { return budget().load(); }
void setMemoryBudgetBytes(std::size_t bytes) { budget().store(bytes); }

void checkMemoryBudget(std::size_t rows, std::size_t cols, std::size_t bytesPerValue,
                       const std::string& what) {
    const double bytes = static_cast<double>(rows) * static_cast<double>(cols) *
                         static_cast<double>(bytesPerValue);
    if (bytes > static_cast<double>(memoryBudgetBytes())) {
        throw ResourceError(what + " needs " + std::to_string(rows) + " × " +
                            std::to_string(cols) + " values (" + gigabytes(bytes) +
                            "), more than the memory budget of " +
                            gigabytes(static_cast<double>(memoryBudgetBytes())));
    }
}

MatrixF Representation::readRows(const std::vector<std::size_t>& rows, Progress& progress) const {
    const RepresentationInfo& in = info();
    checkMemoryBudget(rows.size(), in.d, sizeof(float), in.qualifiedName());
    MatrixF out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(in.d));
    if (rows.empty()) return out;
    // Visit the requested rows in file order, reading contiguous blocks that cover them.
    std::vector<std::size_t> order(rows.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return rows[a] < rows[b]; });
    const std::size_t maxBlock = blockRows(in.d);
    std::size_t k = 0;
    while (k < order.size()) {
        const std::size_t first = rows[order[k]];
        if (first >= in.n) {
            throw FormatError(in.qualifiedName() + " has no row " + std::to_string(first));
        }
        std::size_t end = k;
        while (end < order.size() && rows[order[end]] < first + maxBlock) ++end;
        const std::size_t last = rows[order[end - 1]];
        const MatrixF block = readRows(first, last - first + 1);
        for (std::size_t m = k; m < end; ++m) {
            out.row(static_cast<Eigen::Index>(order[m])) =
                block.row(static_cast<Eigen::Index>(rows[order[m]] - first));
        }
        k = end;
        progress.report(static_cast<double>(k) / static_cast<double>(order.size()));
    }
    return out;
}

void Representation::readRowsInto(std::size_t first, std::size_t count, float* destination) const {
    const MatrixF rows = readRows(first, count);
    std::copy(rows.data(), rows.data() + rows.size(), destination);
}

MatrixF Representation::readAll(Progress& progress) const {
    const RepresentationInfo& in = info();
    checkMemoryBudget(in.n, in.d, sizeof(float), in.qualifiedName());
    MatrixF out(static_cast<Eigen::Index>(in.n), static_cast<Eigen::Index>(in.d));
    linalg::adviseHugePages(out);  // before the first write: 2 MiB faults instead of 4 KiB ones
    const std::size_t step = blockRows(in.d);
    for (std::size_t first = 0; first < in.n; first += step) {
        const std::size_t count = std::min(step, in.n - first);
        readRowsInto(first, count, out.row(static_cast<Eigen::Index>(first)).data());
        progress.report(static_cast<double>(first + count) / static_cast<double>(in.n));
    }
    return out;
}

}  // namespace repscope
