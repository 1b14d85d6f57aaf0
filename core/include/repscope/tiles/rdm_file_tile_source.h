#pragma once
// Tiles of a precomputed N×N dissimilarity matrix stored in a file (a Representation of kind
// Rdm, whose readRows() returns full rows), read by blocks and averaged. Coarse levels come
// from an overview grid of block sums built by one streaming pass over the file the first time
// a coarse tile is wanted (sums and counts add up exactly, so every coarse level is exact);
// finer tiles read just their rows. Non-finite entries are skipped in the means.
#include <mutex>
#include <string>
#include <vector>

#include "repscope/representation.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::tiles {

class RdmFileTileSource final : public TileSource {
public:
    // order: display position → stimulus (empty = identity). Throws FormatError when the
    // representation is not a square N×N matrix, InputError when order has the wrong size.
    explicit RdmFileTileSource(RepresentationPtr rdm, std::vector<std::size_t> order = {},
                               int overviewCells = 2048);

    [[nodiscard]] std::int64_t rows() const override { return n_; }
    [[nodiscard]] std::int64_t cols() const override { return n_; }
    [[nodiscard]] std::string measureName() const override;
    [[nodiscard]] const std::vector<std::size_t>& rowOrder() const override { return order_; }
    [[nodiscard]] TilePtr compute(const TileKey& key, Progress& progress) const override;

    // The level of the overview grid: tiles at this level and coarser come from it.
    [[nodiscard]] int overviewLevel() const { return overviewLevel_; }

private:
    void ensureOverview(Progress& progress) const;
    [[nodiscard]] TilePtr fromOverview(const TileKey& key) const;
    [[nodiscard]] TilePtr fromRows(const TileKey& key, Progress& progress) const;
    [[nodiscard]] std::size_t position(std::size_t stimulus) const {
        return inverse_.empty() ? stimulus : inverse_[stimulus];
    }

    RepresentationPtr rdm_;
    std::int64_t n_ = 0;
    std::vector<std::size_t> order_;
    std::vector<std::size_t> inverse_;  // stimulus → display position
    int overviewLevel_ = 0;
    mutable std::mutex overviewMutex_;
    mutable bool overviewBuilt_ = false;
    mutable std::vector<double> overviewSums_;           // cells × cells
    mutable std::vector<std::uint32_t> overviewCounts_;  // finite entries per cell
};

}  // namespace repscope::tiles
