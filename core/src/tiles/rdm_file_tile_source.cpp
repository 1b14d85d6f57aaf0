#include "repscope/tiles/rdm_file_tile_source.h"

#include <cmath>

#include "block_mean.h"
#include "repscope/error.h"

namespace repscope::tiles {

namespace {
constexpr std::size_t kRowsPerRead = 256;
}

RdmFileTileSource::RdmFileTileSource(RepresentationPtr rdm, std::vector<std::size_t> order,
                                     int overviewCells)
    : rdm_(std::move(rdm)), order_(std::move(order)) {
    const RepresentationInfo& info = rdm_->info();
    if (info.n != info.d) {
        throw FormatError(info.qualifiedName() + " is " + std::to_string(info.n) + " × " +
                          std::to_string(info.d) + ", not a square dissimilarity matrix");
    }
    n_ = static_cast<std::int64_t>(info.n);
    if (!order_.empty()) {
        if (order_.size() != info.n) {
            throw InputError("the display order has " + std::to_string(order_.size()) +
                             " entries for " + std::to_string(info.n) + " stimuli");
        }
        inverse_.assign(info.n, 0);
        for (std::size_t p = 0; p < order_.size(); ++p) inverse_[order_[p]] = p;
    }
    while (cellsAtLevel(n_, overviewLevel_) > overviewCells) ++overviewLevel_;
}

std::string RdmFileTileSource::measureName() const {
    const std::string& m = rdm_->info().rdmMeasure;
    return m.empty() ? std::string("dissimilarity") : m;
}

void RdmFileTileSource::ensureOverview(Progress& progress) const {
    // Holding the lock while streaming keeps two workers from reading the file twice.
    const std::lock_guard lock(overviewMutex_);
    if (overviewBuilt_) return;
    const auto cells = static_cast<std::size_t>(cellsAtLevel(n_, overviewLevel_));
    std::vector<double> sums(cells * cells, 0.0);
    std::vector<std::uint32_t> counts(cells * cells, 0);
    const auto n = static_cast<std::size_t>(n_);
    std::vector<std::size_t> colCell(n);
    for (std::size_t j = 0; j < n; ++j) colCell[j] = position(j) >> overviewLevel_;
    for (std::size_t first = 0; first < n; first += kRowsPerRead) {
        progress.report(static_cast<double>(first) / static_cast<double>(n));
        const std::size_t count = std::min(kRowsPerRead, n - first);
        const MatrixF block = rdm_->readRows(first, count);
        for (std::size_t r = 0; r < count; ++r) {
            const std::size_t base = (position(first + r) >> overviewLevel_) * cells;
            const float* row = block.data() + r * n;
            for (std::size_t j = 0; j < n; ++j) {
                if (!std::isfinite(row[j])) continue;
                sums[base + colCell[j]] += row[j];
                ++counts[base + colCell[j]];
            }
        }
    }
    overviewSums_ = std::move(sums);
    overviewCounts_ = std::move(counts);
    overviewBuilt_ = true;
}

TilePtr RdmFileTileSource::fromOverview(const TileKey& key) const {
    const auto cells = static_cast<std::int64_t>(cellsAtLevel(n_, overviewLevel_));
    const int shift = key.level - overviewLevel_;
    const detail::TileSpan rs = detail::tileSpan(n_, key.level, key.row);
    const detail::TileSpan cs = detail::tileSpan(n_, key.level, key.col);
    detail::BlockAccumulator acc(static_cast<int>(rs.cells), static_cast<int>(cs.cells));
    const std::int64_t rEnd = std::min(cells, (rs.firstCell + rs.cells) << shift);
    const std::int64_t cEnd = std::min(cells, (cs.firstCell + cs.cells) << shift);
    for (std::int64_t r = rs.firstCell << shift; r < rEnd; ++r) {
        for (std::int64_t c = cs.firstCell << shift; c < cEnd; ++c) {
            const auto i = static_cast<std::size_t>(r * cells + c);
            acc.addSum((r >> shift) - rs.firstCell, (c >> shift) - cs.firstCell, overviewSums_[i],
                       overviewCounts_[i]);
        }
    }
    return acc.finish(key);
}

TilePtr RdmFileTileSource::fromRows(const TileKey& key, Progress& progress) const {
    const detail::TileSpan rs = detail::tileSpan(n_, key.level, key.row);
    const detail::TileSpan cs = detail::tileSpan(n_, key.level, key.col);
    detail::BlockAccumulator acc(static_cast<int>(rs.cells), static_cast<int>(cs.cells));
    const auto n = static_cast<std::size_t>(n_);
    for (std::int64_t p0 = rs.firstPos; p0 < rs.endPos; p0 += kRowsPerRead) {
        progress.throwIfCancelled();
        const std::int64_t p1 = std::min<std::int64_t>(rs.endPos, p0 + kRowsPerRead);
        MatrixF block;
        if (order_.empty()) {
            block = rdm_->readRows(static_cast<std::size_t>(p0), static_cast<std::size_t>(p1 - p0));
        } else {
            block = rdm_->readRows(std::vector<std::size_t>(order_.begin() + p0, order_.begin() + p1));
        }
        for (std::int64_t p = p0; p < p1; ++p) {
            const std::int64_t cellRow = (p >> key.level) - rs.firstCell;
            const float* row = block.data() + static_cast<std::size_t>(p - p0) * n;
            for (std::int64_t q = cs.firstPos; q < cs.endPos; ++q) {
                const std::size_t j = order_.empty() ? static_cast<std::size_t>(q)
                                                     : order_[static_cast<std::size_t>(q)];
                acc.add(cellRow, (q >> key.level) - cs.firstCell, row[j]);
            }
        }
    }
    return acc.finish(key);
}

TilePtr RdmFileTileSource::compute(const TileKey& key, Progress& progress) const {
    progress.throwIfCancelled();
    if (!isValid(key)) throw InputError("no such heatmap tile");
    if (key.level >= overviewLevel_ && overviewLevel_ > 0) {
        ensureOverview(progress);
        return fromOverview(key);
    }
    return fromRows(key, progress);
}

}  // namespace repscope::tiles
