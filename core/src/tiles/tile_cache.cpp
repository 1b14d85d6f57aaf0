#include "repscope/tiles/tile_cache.h"

namespace repscope::tiles {

void TileCache::put(TilePtr tile) {
    if (!tile) return;
    const std::lock_guard lock(mutex_);
    if (auto it = index_.find(tile->key); it != index_.end()) {
        bytes_ -= (*it->second)->bytes();
        lru_.erase(it->second);
        index_.erase(it);
    }
    bytes_ += tile->bytes();
    lru_.push_front(tile);
    index_[tile->key] = lru_.begin();
    evictLocked();
}

TilePtr TileCache::get(const TileKey& key) {
    const std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return *it->second;
}

bool TileCache::contains(const TileKey& key) const {
    const std::lock_guard lock(mutex_);
    return index_.count(key) != 0;
}

TilePtr TileCache::bestAvailable(const TileKey& key, int maxLevel) {
    const std::lock_guard lock(mutex_);
    for (TileKey k = key; k.level <= maxLevel; k = k.parent()) {
        if (auto it = index_.find(k); it != index_.end()) {
            lru_.splice(lru_.begin(), lru_, it->second);
            return *it->second;
        }
    }
    return nullptr;
}

void TileCache::clear() {
    const std::lock_guard lock(mutex_);
    lru_.clear();
    index_.clear();
    bytes_ = 0;
}

std::size_t TileCache::bytes() const {
    const std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t TileCache::size() const {
    const std::lock_guard lock(mutex_);
    return lru_.size();
}

void TileCache::setMaxBytes(std::size_t maxBytes) {
    const std::lock_guard lock(mutex_);
    maxBytes_ = maxBytes;
    evictLocked();
}

void TileCache::evictLocked() {
    while (bytes_ > maxBytes_ && !lru_.empty()) {
        const TilePtr& victim = lru_.back();
        bytes_ -= victim->bytes();
        index_.erase(victim->key);
        lru_.pop_back();
    }
}

}  // namespace repscope::tiles
