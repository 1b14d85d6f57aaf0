#include "repscope/tiles/dense_tile_source.h"

#include "block_mean.h"
#include "repscope/error.h"

namespace repscope::tiles {

namespace {
void checkOrder(const std::vector<std::size_t>& order, Eigen::Index n, const char* what) {
    if (!order.empty() && static_cast<Eigen::Index>(order.size()) != n) {
        throw InputError(std::string("the ") + what + " order has " +
                         std::to_string(order.size()) + " entries for " + std::to_string(n));
    }
}
}  // namespace

DenseTileSource::DenseTileSource(MatrixF matrix, std::string measureName,
                                 std::vector<std::size_t> rowOrder,
                                 std::vector<std::size_t> colOrder)
    : matrix_(std::move(matrix)), name_(std::move(measureName)), rowOrder_(std::move(rowOrder)),
      colOrder_(std::move(colOrder)) {
    checkOrder(rowOrder_, matrix_.rows(), "row");
    checkOrder(colOrder_, matrix_.cols(), "column");
}

TilePtr DenseTileSource::compute(const TileKey& key, Progress& progress) const {
    progress.throwIfCancelled();
    if (!isValid(key)) throw InputError("no such heatmap tile");
    const detail::TileSpan rs = detail::tileSpan(rows(), key.level, key.row);
    const detail::TileSpan cs = detail::tileSpan(cols(), key.level, key.col);
    detail::BlockAccumulator acc(static_cast<int>(rs.cells), static_cast<int>(cs.cells));
    for (std::int64_t p = rs.firstPos; p < rs.endPos; ++p) {
        const auto r = static_cast<Eigen::Index>(
            rowOrder_.empty() ? static_cast<std::size_t>(p) : rowOrder_[static_cast<std::size_t>(p)]);
        const std::int64_t cellRow = (p >> key.level) - rs.firstCell;
        for (std::int64_t q = cs.firstPos; q < cs.endPos; ++q) {
            const auto c = static_cast<Eigen::Index>(
                colOrder_.empty() ? static_cast<std::size_t>(q)
                                  : colOrder_[static_cast<std::size_t>(q)]);
            acc.add(cellRow, (q >> key.level) - cs.firstCell, matrix_(r, c));
        }
        if ((p & 1023) == 0) progress.throwIfCancelled();
    }
    return acc.finish(key);
}

std::string DenseTileSource::undefinedReason(std::int64_t row, std::int64_t col) const {
    if (row < 0 || col < 0 || row >= rows() || col >= cols()) return {};
    const auto at = [](const std::vector<std::size_t>& order, std::int64_t p) {
        return order.empty() ? static_cast<std::size_t>(p) : order[static_cast<std::size_t>(p)];
    };
    const std::size_t r = at(rowOrder_, row);
    const std::size_t c = at(colOrder_, col);
    if (const auto it = reasons_.find({r, c}); it != reasons_.end()) return it->second;
    std::string why = r < rowReasons_.size() ? rowReasons_[r] : std::string();
    if (c < colReasons_.size() && !colReasons_[c].empty()) why += (why.empty() ? "" : "; ") + colReasons_[c];
    return why;
}

}  // namespace repscope::tiles
