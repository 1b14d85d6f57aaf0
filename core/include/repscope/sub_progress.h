#pragma once
// A Progress for one stage of a larger computation: its fractions [0, 1] are forwarded to the
// parent mapped to [lo, hi]; cancelling the parent cancels the stage (report() throws Cancelled).
#include "repscope/progress.h"

namespace repscope {

class SubProgress : public Progress {
public:
    SubProgress(Progress& parent, double lo, double hi) : parent_(&parent), lo_(lo), hi_(hi) {
        if (parent.isCancelled()) cancel();
    }

protected:
    void onProgress(double fraction) override {
        if (parent_->isCancelled()) cancel();
        parent_->report(lo_ + (hi_ - lo_) * fraction);
    }

private:
    Progress* parent_;
    double lo_;
    double hi_;
};

}  // namespace repscope
