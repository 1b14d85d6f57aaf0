#include "repscope/embedding_checks/prefix.h"

#include <algorithm>
#include <string>

#include "repscope/embedding_checks/retrieval.h"
#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/sub_progress.h"

namespace repscope::embedding_checks {

std::vector<int> defaultPrefixDims(int d) {
    std::vector<int> dims;
    for (int p = 8; p < d; p *= 2) dims.push_back(p);
    if (d > 0) dims.push_back(d);
    return dims;
}

void checkPrefixDims(const std::vector<int>& dims, int d, const std::string& what) {
    if (dims.empty()) throw InputError("no prefix size given for " + what);
    for (const int p : dims) {
        if (p <= 0 || p > d) {
            throw InputError("prefix size " + std::to_string(p) + " is outside 1.." +
                             std::to_string(d) + ", the dimensions of " + what);
        }
    }
}

PrefixCurve prefixCurve(const MatrixF& x, const metrics::MetricInfo& metric,
                        const metrics::MetricParams& params, const PrefixOptions& options,
                        Progress& progress) {
    const int d = static_cast<int>(x.cols());
    PrefixCurve out;
    out.dims = options.dims.empty() ? defaultPrefixDims(d) : options.dims;
    checkPrefixDims(out.dims, d, options.name);
    if (!allFinite(x)) {
        throw FormatError(options.name + " contains NaN or infinite values");
    }
    if (options.codes != nullptr && options.codes->size() != static_cast<std::size_t>(x.rows())) {
        throw InputError("the category column has " + std::to_string(options.codes->size()) +
                         " entries for " + std::to_string(x.rows()) + " stimuli");
    }
    // Work per prefix grows with d: weight the progress by it.
    double totalWeight = 0.0;
    for (const int p : out.dims) totalWeight += p;
    double done = 0.0;
    for (const int p : out.dims) {
        const double lo = done / totalWeight;
        const double hi = (done + p) / totalWeight;
        const double mid = options.codes != nullptr ? (lo + hi) / 2 : hi;
        const MatrixF prefix = x.leftCols(p);
        {
            SubProgress sub(progress, lo, mid);
            out.value.push_back(metrics::computeMetric(metric, {prefix, false}, {x, false}, params, sub));
        }
        if (options.codes != nullptr) {
            SubProgress sub(progress, mid, hi);
            RetrievalOptions ro;
            ro.ks = {1};
            ro.averagePrecision = false;
            ro.queryName = ro.galleryName = "the first " + std::to_string(p) + " dimensions of " + options.name;
            out.top1.push_back(cosineRetrieval(prefix, prefix, *options.codes, ro, sub).topK.front());
        }
        done += p;
    }
    progress.report(1.0);
    return out;
}

}  // namespace repscope::embedding_checks
