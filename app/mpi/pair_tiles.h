#pragma once
// Tiles of a K×K pair matrix and their assignment to ranks.
//
// The K representations are cut into blocks of `tileSize` consecutive ones; tile (I, J) holds
// the pairs of block I against block J. A symmetric metric needs only the tiles I ≤ J (and on a
// diagonal tile only i ≤ j); others need every tile and pair. A tile needs the representations
// of its two blocks and nothing else, so a rank reads only the blocks of its tiles.
//
// Balance: a pair costs N·D_i·D_j multiply-adds for the feature-space metrics (one product
// XᵢᵀXⱼ) and N(N−1)/2 for RSA (one comparison of two RDM vectors). Tiles are handed out longest
// first to the rank with the least work so far (LPT: within 4/3 of the best possible makespan),
// then each rank runs its tiles in (I, J) order so that consecutive tiles share a row block.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace repscope::mpi {

struct PairTile {
    std::size_t index = 0;  // position in the plan (checkpoints record tiles by this)
    std::size_t rowBlock = 0;
    std::size_t columnBlock = 0;
    double cost = 0.0;
};

struct Pair {
    std::size_t row = 0;
    std::size_t column = 0;
};

class PairTilePlan {
public:
    // dims: D of each representation; n: stimuli; rsa: pairs cost N(N−1)/2 instead of N·Dᵢ·Dⱼ.
    PairTilePlan(std::vector<std::size_t> dims, std::size_t n, std::size_t tileSize,
                 bool symmetric, bool rsa);

    [[nodiscard]] std::size_t tileSize() const { return tileSize_; }
    [[nodiscard]] std::size_t blockCount() const { return blocks_; }
    [[nodiscard]] const std::vector<PairTile>& tiles() const { return tiles_; }
    // The pairs of a tile, row-major.
    [[nodiscard]] std::vector<Pair> pairs(const PairTile& tile) const;
    // The representations a tile needs (its row block, then its column block, no repeats).
    [[nodiscard]] std::vector<std::size_t> representations(const PairTile& tile) const;
    [[nodiscard]] std::size_t pairCount() const;

    // Tiles not yet done, assigned to `ranks` ranks: result[r] = tile indices of rank r, in the
    // order the rank runs them.
    [[nodiscard]] std::vector<std::vector<std::size_t>> assign(
        int ranks, const std::vector<bool>& done) const;

private:
    std::vector<std::size_t> dims_;
    std::size_t n_ = 0;
    std::size_t tileSize_ = 1;
    std::size_t blocks_ = 0;
    bool symmetric_ = true;
    bool rsa_ = false;
    std::vector<PairTile> tiles_;
    [[nodiscard]] double pairCost(std::size_t i, std::size_t j) const;
};

// A tile size giving at least ~4 tiles a rank (balance, checkpoint granularity) while the
// representations of one tile (2·tileSize of them, `bytesPerRepresentation` each at most) fit
// `memoryBytes`. At least 1.
[[nodiscard]] std::size_t defaultTileSize(std::size_t k, int ranks, bool symmetric,
                                          double bytesPerRepresentation, double memoryBytes);

}  // namespace repscope::mpi
