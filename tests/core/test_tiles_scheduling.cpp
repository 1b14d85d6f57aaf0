// Tile cache (byte bound, LRU, ancestors) and scheduler (priority, dropping, cancelling).
#include <QtTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "repscope/tiles/tile_cache.h"
#include "repscope/tiles/tile_scheduler.h"

using namespace repscope;
using namespace repscope::tiles;

namespace {

TilePtr makeTile(TileKey key, int side = 256) {
    auto t = std::make_shared<Tile>();
    t->key = key;
    t->rows = side;
    t->cols = side;
    t->values.assign(static_cast<std::size_t>(side * side), static_cast<float>(key.level));
    return t;
}

// A source whose tiles take `delayMs` to compute, checking cancellation every millisecond.
class SlowSource final : public TileSource {
public:
    explicit SlowSource(int delayMs) : delayMs_(delayMs) {}
    std::int64_t rows() const override { return 1 << 16; }
    std::int64_t cols() const override { return 1 << 16; }
    std::string measureName() const override { return "test"; }
    const std::vector<std::size_t>& rowOrder() const override { return order_; }
    TilePtr compute(const TileKey& key, Progress& progress) const override {
        started.fetch_add(1);
        for (int i = 0; i < delayMs_; ++i) {
            progress.throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        {
            const std::lock_guard lock(mutex);
            computed.push_back(key);
        }
        return makeTile(key, 4);
    }
    mutable std::atomic<int> started{0};
    mutable std::mutex mutex;
    mutable std::vector<TileKey> computed;

private:
    int delayMs_;
    std::vector<std::size_t> order_;
};

}  // namespace

class TestTilesScheduling : public QObject {
    Q_OBJECT
private slots:
    void cacheRespectsItsByteBound() {
        const std::size_t oneTile = makeTile({0, 0, 0})->bytes();
        TileCache cache(oneTile * 10 + oneTile / 2);
        for (int i = 0; i < 50; ++i) {
            cache.put(makeTile({0, i, 0}));
            QVERIFY(cache.bytes() <= cache.maxBytes());
        }
        QCOMPARE(cache.size(), std::size_t{10});
        // The most recent ten survive; touching one keeps it through the next insertions.
        QVERIFY(cache.contains({0, 49, 0}));
        QVERIFY(!cache.contains({0, 39, 0}));
        QVERIFY(cache.get({0, 40, 0}) != nullptr);
        for (int i = 50; i < 59; ++i) cache.put(makeTile({0, i, 0}));
        QVERIFY(cache.contains({0, 40, 0}));
        QVERIFY(!cache.contains({0, 41, 0}));
        cache.setMaxBytes(oneTile * 3);
        QCOMPARE(cache.size(), std::size_t{3});
    }
    void cacheFindsTheNearestAncestor() {
        TileCache cache(1 << 26);
        cache.put(makeTile({3, 0, 1}));
        cache.put(makeTile({5, 0, 0}));
        const TileKey fine{0, 2, 9};  // ancestors: {1,1,4} {2,0,2} {3,0,1} ...
        QVERIFY(cache.get(fine) == nullptr);
        const TilePtr best = cache.bestAvailable(fine, 8);
        QVERIFY(best);
        QCOMPARE(best->key, (TileKey{3, 0, 1}));
        const TilePtr root = cache.bestAvailable({0, 20, 20}, 8);
        QVERIFY(root);
        QCOMPARE(root->key, (TileKey{5, 0, 0}));
        QVERIFY(cache.bestAvailable({0, 20, 20}, 4) == nullptr);
        QVERIFY(cache.bestAvailable({0, 40, 40}, 8) == nullptr);  // (5, 1, 1) is not cached
    }
    void schedulerComputesInPriorityOrderAndAnnounces() {
        auto cache = std::make_shared<TileCache>(1 << 26);
        auto source = std::make_shared<SlowSource>(2);
        std::atomic<int> announced{0};
        TileScheduler scheduler(cache, 1, [&](const TileEvent& e) {
            QVERIFY(e.error.empty());
            announced.fetch_add(1);
        });
        scheduler.setSource(source);
        const std::vector<TileKey> wanted{{0, 0, 3}, {0, 0, 1}, {0, 0, 2}, {0, 0, 1}};
        scheduler.request(wanted);
        scheduler.waitIdle();
        QCOMPARE(announced.load(), 3);
        QCOMPARE(source->computed, (std::vector<TileKey>{{0, 0, 3}, {0, 0, 1}, {0, 0, 2}}));
        // Cached tiles are not computed again.
        scheduler.request(wanted);
        scheduler.waitIdle();
        QCOMPARE(source->started.load(), 3);
    }
    void schedulerDropsUnwantedRequests() {
        auto cache = std::make_shared<TileCache>(1 << 26);
        auto source = std::make_shared<SlowSource>(50);
        TileScheduler scheduler(cache, 2);
        scheduler.setSource(source);
        std::vector<TileKey> first;
        for (int i = 0; i < 40; ++i) first.push_back({0, 1, i});
        scheduler.request(first);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        // The view scrolled away: only these are wanted now.
        const std::vector<TileKey> second{{0, 7, 0}, {0, 7, 1}};
        scheduler.request(second);
        scheduler.waitIdle();
        QVERIFY(cache->contains({0, 7, 0}));
        QVERIFY(cache->contains({0, 7, 1}));
        const auto stats = scheduler.stats();
        QVERIFY2(stats.dropped >= 36, qPrintable(QString::number(stats.dropped)));
        QCOMPARE(stats.computed, std::uint64_t{2});
        QVERIFY(stats.cancelled >= 1);  // the two running first-wave tiles were stopped
        QVERIFY(source->started.load() <= 4);
        for (const TileKey& k : source->computed) QCOMPARE(k.row, std::int64_t{7});
    }
    void newSourceDiscardsOldWork() {
        auto cache = std::make_shared<TileCache>(1 << 26);
        auto slow = std::make_shared<SlowSource>(30);
        TileScheduler scheduler(cache, 1);
        scheduler.setSource(slow);
        scheduler.request({{0, 0, 0}});
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto gen = scheduler.setSource(std::make_shared<SlowSource>(1));
        QCOMPARE(gen, scheduler.generation());
        scheduler.request({{0, 0, 0}});
        scheduler.waitIdle();
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        QVERIFY(slow->computed.empty());
        QVERIFY(cache->contains({0, 0, 0}));
    }
};

QTEST_APPLESS_MAIN(TestTilesScheduling)
#include "test_tiles_scheduling.moc"
