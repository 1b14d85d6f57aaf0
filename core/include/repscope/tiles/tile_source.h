#pragma once
// Where heatmap tiles come from. A TileSource describes a rows × cols matrix in display order
// (any reordering of stimuli is applied by the source) and computes tiles of it on demand.
// compute() is called from several worker threads at once and must be thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/progress.h"
#include "repscope/tiles/tile.h"

namespace repscope::tiles {

class TileSource {
public:
    virtual ~TileSource() = default;
    TileSource() = default;
    TileSource(const TileSource&) = delete;
    TileSource& operator=(const TileSource&) = delete;

    [[nodiscard]] virtual std::int64_t rows() const = 0;
    [[nodiscard]] virtual std::int64_t cols() const = 0;
    // Short name of what a value is ("correlation", "cosine", ...), shown on the colorbar.
    [[nodiscard]] virtual std::string measureName() const = 0;
    // What a value is, in words, for colorbars, tooltips and exports ("correlation distance" for
    // an RDM computed with the correlation measure: 1 − r, not r). Default: measureName().
    [[nodiscard]] virtual std::string valueName() const { return measureName(); }
    // One sentence on what a coarse cell shows (e.g. for euclidean: the root of the block mean of
    // squared distances); empty when coarse cells are plain block means.
    [[nodiscard]] virtual std::string legend() const { return {}; }
    // Why the value at display position (row, col) is undefined — or set by a convention rather
    // than computed (a constant unit's correlation of 0) — as a phrase naming the side ("the
    // row's pattern is constant or not finite"); empty when there is nothing to say. Views add
    // the stimuli's names.
    [[nodiscard]] virtual std::string undefinedReason(std::int64_t /*row*/, std::int64_t /*col*/) const {
        return {};
    }
    // Display position → original index (rows; for square sources, columns too). Empty means
    // the identity.
    [[nodiscard]] virtual const std::vector<std::size_t>& rowOrder() const = 0;
    [[nodiscard]] virtual const std::vector<std::size_t>& colOrder() const { return rowOrder(); }

    // The tile at key; throws Cancelled when progress is cancelled, FileError/FormatError when
    // the data cannot be read. Thread-safe.
    [[nodiscard]] virtual TilePtr compute(const TileKey& key, Progress& progress) const = 0;

    [[nodiscard]] int coarsestLevel() const {
        return tiles::coarsestLevel(rows() > cols() ? rows() : cols());
    }
    [[nodiscard]] bool isValid(const TileKey& key) const {
        return key.level >= 0 && key.level <= coarsestLevel() && key.row >= 0 && key.col >= 0 &&
               key.row < tilesAtLevel(rows(), key.level) && key.col < tilesAtLevel(cols(), key.level);
    }
};

}  // namespace repscope::tiles
