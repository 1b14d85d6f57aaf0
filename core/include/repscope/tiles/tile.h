#pragma once
// Heatmap tiles: square pieces of an R×C matrix at a level of detail. Level k shows cells that
// are blocks of 2^k × 2^k matrix entries (the last block of a row or column may be smaller);
// a cell's value is the mean of its block. A tile holds up to kTileSize × kTileSize cells.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace repscope::tiles {

inline constexpr std::int64_t kTileSize = 256;

struct TileKey {
    int level = 0;          // block size 2^level
    std::int64_t row = 0;   // tile row index at that level
    std::int64_t col = 0;   // tile column index at that level

    auto operator<=>(const TileKey&) const = default;
    // The tile one level coarser that contains this one.
    [[nodiscard]] TileKey parent() const { return {level + 1, row / 2, col / 2}; }
};

struct TileKeyHash {
    std::size_t operator()(const TileKey& k) const noexcept {
        const auto h = static_cast<std::uint64_t>(k.row) * 0x9E3779B97F4A7C15ULL ^
                       (static_cast<std::uint64_t>(k.col) + 0x632BE59BD9B4E019ULL) * 31ULL ^
                       static_cast<std::uint64_t>(k.level) << 58U;
        return static_cast<std::size_t>(h);
    }
};

// Cells of one tile, row-major, rows × cols (edge tiles are smaller than kTileSize). NaN marks
// an undefined cell.
struct Tile {
    TileKey key;
    int rows = 0;
    int cols = 0;
    std::vector<float> values;
    // The smallest and largest finite value and whether any value is NaN/Inf, found by
    // computeRange() on the thread that made the tile, so that views need not scan the cells.
    bool rangeKnown = false;
    float low = 0.0F;   // with high: NaN when there is no finite value
    float high = 0.0F;
    bool hasUndefined = false;

    // Whether a value is NaN/Inf: the flag when known, else found by scanning the cells.
    [[nodiscard]] bool anyUndefined() const {
        if (rangeKnown) return hasUndefined;
        return std::any_of(values.begin(), values.end(), [](float v) { return !std::isfinite(v); });
    }

    void computeRange() {
        float lo = std::numeric_limits<float>::infinity();
        float hi = -lo;
        bool undefined = false;
        for (const float v : values) {
            if (!std::isfinite(v)) {
                undefined = true;
                continue;
            }
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        low = lo <= hi ? lo : std::numeric_limits<float>::quiet_NaN();
        high = lo <= hi ? hi : std::numeric_limits<float>::quiet_NaN();
        hasUndefined = undefined;
        rangeKnown = true;
    }

    [[nodiscard]] float at(int r, int c) const {
        return values[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) +
                      static_cast<std::size_t>(c)];
    }
    [[nodiscard]] std::size_t bytes() const { return values.size() * sizeof(float) + sizeof(Tile); }
};

using TilePtr = std::shared_ptr<const Tile>;

// Cells per side at a level: ceil(n / 2^level).
[[nodiscard]] inline std::int64_t cellsAtLevel(std::int64_t n, int level) {
    const std::int64_t block = std::int64_t{1} << level;
    return (n + block - 1) / block;
}
// Tiles per side at a level.
[[nodiscard]] inline std::int64_t tilesAtLevel(std::int64_t n, int level) {
    return (cellsAtLevel(n, level) + kTileSize - 1) / kTileSize;
}
// The coarsest useful level: the whole side fits in one tile.
[[nodiscard]] inline int coarsestLevel(std::int64_t n) {
    int level = 0;
    while (cellsAtLevel(n, level) > kTileSize) ++level;
    return level;
}

}  // namespace repscope::tiles
