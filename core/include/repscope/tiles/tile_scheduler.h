#pragma once
// Computes wanted tiles on worker threads (std::thread), most important first. A view calls
// request() with the tiles it needs now (every frame): pending requests that are no longer
// wanted are dropped and running computations no longer wanted are cancelled through their
// Progress. Finished tiles go into the TileCache and are announced through the callback, which
// runs on a worker thread (a Qt view re-posts it to the GUI thread).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "repscope/tiles/tile_cache.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::tiles {

struct TileEvent {
    TileKey key;
    std::uint64_t generation = 0;  // the setSource() generation the tile belongs to
    std::string error;             // empty on success; else the computation's error message
};

class TileScheduler {
public:
    using Callback = std::function<void(const TileEvent&)>;
    struct Stats {
        std::uint64_t computed = 0;   // tiles computed and cached
        std::uint64_t dropped = 0;    // pending requests removed before they started
        std::uint64_t cancelled = 0;  // computations stopped while running
        std::uint64_t failed = 0;     // computations that threw an error
    };

    // threads ≤ 0 uses the hardware concurrency.
    TileScheduler(std::shared_ptr<TileCache> cache, int threads, Callback onDone = {});
    ~TileScheduler();
    TileScheduler(const TileScheduler&) = delete;
    TileScheduler& operator=(const TileScheduler&) = delete;

    // Switches to another source (or none): drops and cancels all work, clears the cache and
    // returns the new generation.
    std::uint64_t setSource(std::shared_ptr<const TileSource> source);
    [[nodiscard]] std::shared_ptr<const TileSource> source() const;
    [[nodiscard]] std::uint64_t generation() const;

    // The tiles wanted now, most important first (invalid keys are ignored). Replaces what was
    // asked before.
    void request(const std::vector<TileKey>& wanted);
    // Blocks until no request is pending or running.
    void waitIdle();

    [[nodiscard]] Stats stats() const;
    [[nodiscard]] TileCache& cache() { return *cache_; }

private:
    struct Job {
        TileKey key;
        Progress progress;
    };
    void workerLoop();

    std::shared_ptr<TileCache> cache_;
    Callback onDone_;
    mutable std::mutex mutex_;
    std::condition_variable workAvailable_;
    std::condition_variable idle_;
    std::deque<TileKey> pending_;
    std::unordered_map<TileKey, std::shared_ptr<Job>, TileKeyHash> running_;
    std::shared_ptr<const TileSource> source_;
    std::uint64_t generation_ = 0;
    Stats stats_;
    bool stopping_ = false;
    int announcing_ = 0;  // callbacks in progress: waitIdle() also waits for them
    std::vector<std::thread> workers_;
};

}  // namespace repscope::tiles
