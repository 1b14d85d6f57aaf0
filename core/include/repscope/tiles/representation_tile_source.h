#pragma once
// Tiles of the RDM of a representation, computed on demand and never materialised.
//
// For correlation, cosine and squared Euclidean the mean of a block I×J of the RDM is exact
// from block-averaged rows (see normalised_rows.h): mean_{I×J}(1 − z_i·z_j) = 1 − z̄_I·z̄_J and
// mean_{I×J} ‖z_i − z_j‖² = s̄_I + s̄_J − 2 z̄_I·z̄_J. The source keeps an N×D pyramid of block
// means (level k+1 averages pairs of level-k blocks, weighted by their sizes), so any tile is
// one 256×D×256 float GEMM. For euclidean, coarse cells show the square root of the block mean
// of squared distances (an RMS distance), which legend() says.
// Rows whose measure is undefined make NaN cells at level 0; coarse cells average the defined
// entries only (a block with no defined row is NaN).
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/metrics/rdm.h"
#include "repscope/representation.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::tiles {

class RepresentationTileSource final : public TileSource {
public:
    // x: N×D; order: display position → row of x (empty = identity). Builds the pyramid
    // (O(N·D)). Throws InputError when order has the wrong size, Cancelled on cancel.
    RepresentationTileSource(const MatrixF& x, metrics::RdmMeasure measure,
                             std::vector<std::size_t> order = {},
                             Progress& progress = silentProgress());

    [[nodiscard]] std::int64_t rows() const override { return n_; }
    [[nodiscard]] std::int64_t cols() const override { return n_; }
    [[nodiscard]] std::string measureName() const override;
    [[nodiscard]] std::string valueName() const override;
    [[nodiscard]] std::string legend() const override;
    [[nodiscard]] const std::vector<std::size_t>& rowOrder() const override { return order_; }
    [[nodiscard]] TilePtr compute(const TileKey& key, Progress& progress) const override;

    [[nodiscard]] metrics::RdmMeasure measure() const { return measure_; }
    [[nodiscard]] std::string undefinedReason(std::int64_t row, std::int64_t col) const override;
    // Display positions whose row is undefined for the measure.
    [[nodiscard]] std::vector<std::size_t> undefinedPositions() const;
    // Bytes held by the pyramid.
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    struct Level {
        MatrixF means;              // cells × D block means of valid rows
        std::vector<float> sqnorm;  // block means of ‖z‖² over valid rows
        std::vector<float> count;   // valid rows per block
    };
    std::int64_t n_ = 0;
    metrics::RdmMeasure measure_;
    std::vector<std::size_t> order_;
    std::vector<Level> pyramid_;
};

}  // namespace repscope::tiles
