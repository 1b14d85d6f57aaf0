#pragma once
// Tiles of a small matrix held in memory (layer×layer comparison results, unit×unit matrices):
// block means computed directly from the entries (non-finite entries are skipped; a block with
// no finite entry is NaN). The matrix may be rectangular.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "repscope/representation.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::tiles {

class DenseTileSource final : public TileSource {
public:
    // rowOrder/colOrder: display position → row/column of the matrix (empty = identity).
    // Throws InputError when an order has the wrong size.
    DenseTileSource(MatrixF matrix, std::string measureName,
                    std::vector<std::size_t> rowOrder = {},
                    std::vector<std::size_t> colOrder = {});

    [[nodiscard]] std::int64_t rows() const override { return matrix_.rows(); }
    [[nodiscard]] std::int64_t cols() const override { return matrix_.cols(); }
    [[nodiscard]] std::string measureName() const override { return name_; }
    [[nodiscard]] const std::vector<std::size_t>& rowOrder() const override { return rowOrder_; }
    [[nodiscard]] const std::vector<std::size_t>& colOrder() const override { return colOrder_; }
    [[nodiscard]] TilePtr compute(const TileKey& key, Progress& progress) const override;

    [[nodiscard]] const MatrixF& matrix() const { return matrix_; }
    // Why entries are undefined: (matrix row, matrix column) → reason. Set before sharing.
    void setUndefinedReasons(std::map<std::pair<std::size_t, std::size_t>, std::string> reasons) {
        reasons_ = std::move(reasons);
    }
    // Reasons that hold for a whole matrix row or column (e.g. a constant unit, whose correlations
    // are 0 by convention); indexed by matrix row/column, empty strings for none.
    void setLineReasons(std::vector<std::string> rowReasons, std::vector<std::string> colReasons) {
        rowReasons_ = std::move(rowReasons);
        colReasons_ = std::move(colReasons);
    }
    [[nodiscard]] std::string undefinedReason(std::int64_t row, std::int64_t col) const override;

private:
    MatrixF matrix_;
    std::string name_;
    std::vector<std::size_t> rowOrder_;
    std::vector<std::size_t> colOrder_;
    std::map<std::pair<std::size_t, std::size_t>, std::string> reasons_;
    std::vector<std::string> rowReasons_;
    std::vector<std::string> colReasons_;
};

}  // namespace repscope::tiles
