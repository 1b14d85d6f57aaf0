#pragma once
// Input validation and progress pacing shared by the embedding functions (private to core).
#include <Eigen/Core>
#include <chrono>
#include <string>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::embed::detail {

// Throws InputError when x has fewer than 4 rows or no columns, FormatError when it holds
// NaN/Inf (counting them). `what` names the input in the message, e.g. "t-SNE input".
void checkFeatureMatrix(const MatrixF& x, const std::string& what);
void checkEmbeddingMatrix(const Eigen::MatrixXd& y, const std::string& what);
// Throws InputError unless dims is 2 or 3.
void checkOutputDims(int dims, const std::string& what);

// Calls Progress::report() at most every ~50 ms (so that a GUI is not flooded) and
// throwIfCancelled() on every call; long loops call tick() once per cheap step.
class ProgressPacer {
public:
    ProgressPacer(Progress& progress, double from, double to)
        : progress_(progress), from_(from), to_(to), last_(Clock::now()) {}
    void tick(double localFraction) {
        progress_.throwIfCancelled();
        const auto now = Clock::now();
        if (now - last_ >= std::chrono::milliseconds(50)) {
            last_ = now;
            progress_.report(from_ + (to_ - from_) * localFraction);
        }
    }
    void finish() { progress_.report(to_); }
    [[nodiscard]] Progress& progress() const { return progress_; }

private:
    using Clock = std::chrono::steady_clock;
    Progress& progress_;
    double from_;
    double to_;
    Clock::time_point last_;
};

// A Progress that forwards a sub-range [from, to] of its fraction to a parent, and the
// parent's cancellation to the callee.
class SubProgress : public Progress {
public:
    SubProgress(Progress& parent, double from, double to) : parent_(parent), from_(from), to_(to) {
        if (parent.isCancelled()) cancel();
    }

protected:
    void onProgress(double fraction) override {
        parent_.report(from_ + (to_ - from_) * fraction);  // throws Cancelled from the parent
    }

private:
    Progress& parent_;
    double from_;
    double to_;
};

}  // namespace repscope::embed::detail
