#pragma once
// A thread-safe LRU cache of tiles bounded in bytes. bestAvailable() finds the tile itself or
// its nearest cached ancestor, which a view draws (magnified) while the finer tile is computed.
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "repscope/tiles/tile.h"

namespace repscope::tiles {

class TileCache {
public:
    explicit TileCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

    // Inserts (or replaces) a tile and evicts least recently used ones beyond the bound.
    void put(TilePtr tile);
    // The tile at key, marked as recently used; null when absent.
    [[nodiscard]] TilePtr get(const TileKey& key);
    [[nodiscard]] bool contains(const TileKey& key) const;
    // The tile at key or the nearest cached ancestor up to maxLevel; null when none is cached.
    [[nodiscard]] TilePtr bestAvailable(const TileKey& key, int maxLevel);
    void clear();

    [[nodiscard]] std::size_t bytes() const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t maxBytes() const { return maxBytes_; }
    void setMaxBytes(std::size_t maxBytes);

private:
    void evictLocked();

    std::size_t maxBytes_;
    std::size_t bytes_ = 0;
    mutable std::mutex mutex_;
    std::list<TilePtr> lru_;  // front = most recent
    std::unordered_map<TileKey, std::list<TilePtr>::iterator, TileKeyHash> index_;
};

}  // namespace repscope::tiles
