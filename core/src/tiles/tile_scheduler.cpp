#include "repscope/tiles/tile_scheduler.h"

#include <omp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace repscope::tiles {

namespace {

// Tile workers yield to drawing: on a machine with few cores a software rasteriser (Mesa
// llvmpipe) and the GUI thread compete with them for the same cores, and a frame that waits for
// a tile computation misses its deadline. A coarser ancestor stands in for a late tile, so
// lower priority costs nothing visible. Linux applies nice values per thread.
void lowerThreadPriority() {
#ifdef __linux__
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, 10);
#endif
}

}  // namespace

TileScheduler::TileScheduler(std::shared_ptr<TileCache> cache, int threads, Callback onDone)
    : cache_(std::move(cache)), onDone_(std::move(onDone)) {
    if (threads <= 0) threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
}

TileScheduler::~TileScheduler() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        pending_.clear();
        for (auto& [key, job] : running_) job->progress.cancel();
    }
    workAvailable_.notify_all();
    for (std::thread& t : workers_) t.join();
}

std::uint64_t TileScheduler::setSource(std::shared_ptr<const TileSource> source) {
    std::uint64_t generation = 0;
    {
        const std::lock_guard lock(mutex_);
        stats_.dropped += pending_.size();
        pending_.clear();
        // Cancelled jobs are forgotten at once, so that the same key can be asked again.
        for (auto& [key, job] : running_) job->progress.cancel();
        running_.clear();
        source_ = std::move(source);
        generation = ++generation_;
        cache_->clear();
    }
    idle_.notify_all();
    return generation;
}

std::shared_ptr<const TileSource> TileScheduler::source() const {
    const std::lock_guard lock(mutex_);
    return source_;
}

std::uint64_t TileScheduler::generation() const {
    const std::lock_guard lock(mutex_);
    return generation_;
}

void TileScheduler::request(const std::vector<TileKey>& wanted) {
    {
        const std::lock_guard lock(mutex_);
        const std::unordered_set<TileKey, TileKeyHash> wantedSet(wanted.begin(), wanted.end());
        for (const TileKey& k : pending_) {
            if (wantedSet.count(k) == 0) ++stats_.dropped;
        }
        pending_.clear();
        for (auto it = running_.begin(); it != running_.end();) {
            if (wantedSet.count(it->first) == 0) {
                it->second->progress.cancel();
                it = running_.erase(it);
            } else {
                ++it;
            }
        }
        std::unordered_set<TileKey, TileKeyHash> queued;
        for (const TileKey& k : wanted) {
            if (!source_ || !source_->isValid(k) || running_.count(k) != 0 ||
                cache_->contains(k) || !queued.insert(k).second) {
                continue;
            }
            pending_.push_back(k);
        }
    }
    workAvailable_.notify_all();
    idle_.notify_all();
}

void TileScheduler::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return pending_.empty() && running_.empty() && announcing_ == 0; });
}

TileScheduler::Stats TileScheduler::stats() const {
    const std::lock_guard lock(mutex_);
    return stats_;
}

void TileScheduler::workerLoop() {
    // Tiles are computed in parallel by the workers; Eigen must not start OpenMP teams of its own
    // inside each of them.
    omp_set_num_threads(1);
    lowerThreadPriority();
    for (;;) {
        std::shared_ptr<Job> job;
        std::shared_ptr<const TileSource> source;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(mutex_);
            workAvailable_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            if (stopping_) return;
            const TileKey key = pending_.front();
            pending_.pop_front();
            if (cache_->contains(key)) continue;
            job = std::make_shared<Job>();
            job->key = key;
            running_[key] = job;
            source = source_;
            generation = generation_;
        }
        TileEvent event{job->key, generation, {}};
        TilePtr tile;
        bool cancelled = false;
        try {
            tile = source->compute(job->key, job->progress);
        } catch (const Cancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            event.error = e.what();
        }
        bool announce = false;
        {
            const std::lock_guard lock(mutex_);
            auto it = running_.find(job->key);
            if (it != running_.end() && it->second == job) running_.erase(it);
            if (cancelled || job->progress.isCancelled()) {
                ++stats_.cancelled;
            } else if (generation == generation_) {
                if (tile) {
                    cache_->put(tile);
                    ++stats_.computed;
                } else {
                    ++stats_.failed;
                }
                announce = true;
                ++announcing_;
            }
        }
        if (announce) {
            if (onDone_) onDone_(event);
            const std::lock_guard lock(mutex_);
            --announcing_;
        }
        idle_.notify_all();
    }
}

}  // namespace repscope::tiles
