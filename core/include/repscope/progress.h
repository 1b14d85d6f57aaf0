#pragma once
// Progress reporting and cooperative cancellation for long computations. Every long core
// function takes a Progress& and calls report()/throwIfCancelled() often enough (~100 ms).
#include <atomic>

#include "repscope/error.h"

namespace repscope {

class Progress {
public:
    virtual ~Progress() = default;

    // fraction in [0, 1]; forwarded to onProgress(). Throws Cancelled when cancel() was called.
    void report(double fraction) {
        fraction_.store(fraction, std::memory_order_relaxed);
        onProgress(fraction);
        throwIfCancelled();
    }
    void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
    [[nodiscard]] bool isCancelled() const { return cancelled_.load(std::memory_order_relaxed); }
    [[nodiscard]] double fraction() const { return fraction_.load(std::memory_order_relaxed); }
    void throwIfCancelled() const {
        if (isCancelled()) throw Cancelled();
    }

protected:
    virtual void onProgress(double /*fraction*/) {}

private:
    std::atomic<bool> cancelled_{false};
    std::atomic<double> fraction_{0.0};
};

// A Progress that nobody watches, for callers that do not need one.
inline Progress& silentProgress() {
    thread_local Progress p;
    return p;
}

}  // namespace repscope
