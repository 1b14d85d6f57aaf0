#pragma once
// Internal: accumulates matrix entries into the cells of one tile (sums in float64, counts of
// finite entries) and turns them into a Tile of block means (NaN where a block has no entry).
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "repscope/tiles/tile.h"

namespace repscope::tiles::detail {

// First display position and count of the cells of a tile along one side.
struct TileSpan {
    std::int64_t firstCell = 0;
    std::int64_t cells = 0;
    std::int64_t firstPos = 0;  // first matrix index covered
    std::int64_t endPos = 0;    // one past the last matrix index covered
};

inline TileSpan tileSpan(std::int64_t n, int level, std::int64_t tileIndex) {
    TileSpan s;
    s.firstCell = tileIndex * kTileSize;
    s.cells = std::min(kTileSize, cellsAtLevel(n, level) - s.firstCell);
    s.firstPos = s.firstCell << level;
    s.endPos = std::min(n, (s.firstCell + s.cells) << level);
    return s;
}

class BlockAccumulator {
public:
    BlockAccumulator(int rows, int cols)
        : rows_(rows), cols_(cols),
          sums_(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), 0.0),
          counts_(sums_.size(), 0) {}
    void add(std::int64_t r, std::int64_t c, double value) {
        if (!std::isfinite(value)) return;
        const auto i = static_cast<std::size_t>(r * cols_ + c);
        sums_[i] += value;
        ++counts_[i];
    }
    void addSum(std::int64_t r, std::int64_t c, double sum, std::uint64_t count) {
        const auto i = static_cast<std::size_t>(r * cols_ + c);
        sums_[i] += sum;
        counts_[i] += count;
    }
    [[nodiscard]] TilePtr finish(const TileKey& key) const {
        auto tile = std::make_shared<Tile>();
        tile->key = key;
        tile->rows = rows_;
        tile->cols = cols_;
        tile->values.resize(sums_.size());
        for (std::size_t i = 0; i < sums_.size(); ++i) {
            tile->values[i] = counts_[i] == 0
                                  ? std::numeric_limits<float>::quiet_NaN()
                                  : static_cast<float>(sums_[i] / static_cast<double>(counts_[i]));
        }
        tile->computeRange();
        return tile;
    }

private:
    int rows_;
    int cols_;
    std::vector<double> sums_;
    std::vector<std::uint64_t> counts_;
};

}  // namespace repscope::tiles::detail
