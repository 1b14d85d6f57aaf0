#include "pair_tiles.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace repscope::mpi {

PairTilePlan::PairTilePlan(std::vector<std::size_t> dims, std::size_t n, std::size_t tileSize,
                           bool symmetric, bool rsa)
    : dims_(std::move(dims)), n_(n), tileSize_(std::max<std::size_t>(tileSize, 1)),
      symmetric_(symmetric), rsa_(rsa) {
    blocks_ = (dims_.size() + tileSize_ - 1) / tileSize_;
    for (std::size_t bi = 0; bi < blocks_; ++bi) {
        for (std::size_t bj = symmetric_ ? bi : 0; bj < blocks_; ++bj) {
            PairTile t;
            t.index = tiles_.size();
            t.rowBlock = bi;
            t.columnBlock = bj;
            for (const Pair& p : pairs(t)) t.cost += pairCost(p.row, p.column);
            tiles_.push_back(t);
        }
    }
}

double PairTilePlan::pairCost(std::size_t i, std::size_t j) const {
    const auto n = static_cast<double>(n_);
    if (rsa_) return n * (n - 1.0) / 2.0;
    return n * static_cast<double>(dims_[i]) * static_cast<double>(dims_[j]);
}

std::vector<Pair> PairTilePlan::pairs(const PairTile& tile) const {
    std::vector<Pair> out;
    const std::size_t k = dims_.size();
    const std::size_t r0 = tile.rowBlock * tileSize_;
    const std::size_t r1 = std::min(k, r0 + tileSize_);
    const std::size_t c0 = tile.columnBlock * tileSize_;
    const std::size_t c1 = std::min(k, c0 + tileSize_);
    for (std::size_t i = r0; i < r1; ++i) {
        for (std::size_t j = c0; j < c1; ++j) {
            if (symmetric_ && tile.rowBlock == tile.columnBlock && j < i) continue;
            out.push_back({i, j});
        }
    }
    return out;
}

std::vector<std::size_t> PairTilePlan::representations(const PairTile& tile) const {
    std::vector<std::size_t> out;
    const std::size_t k = dims_.size();
    for (std::size_t b : {tile.rowBlock, tile.columnBlock}) {
        if (b == tile.columnBlock && b == tile.rowBlock && !out.empty()) break;
        for (std::size_t i = b * tileSize_; i < std::min(k, (b + 1) * tileSize_); ++i) {
            out.push_back(i);
        }
    }
    return out;
}

std::size_t PairTilePlan::pairCount() const {
    const std::size_t k = dims_.size();
    return symmetric_ ? k * (k + 1) / 2 : k * k;
}

std::vector<std::vector<std::size_t>> PairTilePlan::assign(int ranks,
                                                           const std::vector<bool>& done) const {
    const auto p = static_cast<std::size_t>(std::max(ranks, 1));
    std::vector<std::vector<std::size_t>> out(p);
    std::vector<std::size_t> order;
    for (const PairTile& t : tiles_) {
        if (t.index >= done.size() || !done[t.index]) order.push_back(t.index);
    }
    // Longest first; ties by index, so every rank computes the same plan.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return tiles_[a].cost > tiles_[b].cost;
    });
    std::vector<double> load(p, 0.0);
    for (std::size_t t : order) {
        const std::size_t r =
            static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[r] += tiles_[t].cost;
        out[r].push_back(t);
    }
    for (auto& list : out) std::sort(list.begin(), list.end());  // (I, J) order: row reuse
    return out;
}

std::size_t defaultTileSize(std::size_t k, int ranks, bool symmetric,
                            double bytesPerRepresentation, double memoryBytes) {
    if (k == 0) return 1;
    const double wanted = 4.0 * static_cast<double>(std::max(ranks, 1));
    std::size_t blocks = 1;
    while (blocks < k) {
        const double b = static_cast<double>(blocks);
        if ((symmetric ? b * (b + 1.0) / 2.0 : b * b) >= wanted) break;
        ++blocks;
    }
    std::size_t size = (k + blocks - 1) / blocks;
    if (bytesPerRepresentation > 0.0) {
        const double fit = std::floor(memoryBytes / (2.0 * bytesPerRepresentation));
        size = std::min(size, static_cast<std::size_t>(std::max(fit, 1.0)));
    }
    return std::max<std::size_t>(size, 1);
}

}  // namespace repscope::mpi
