#include "repscope/embedding_checks/prefix.h"

#include <algorithm>
#include <limits>
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

std::vector<int> gridPrefixDims(const std::vector<int>& ds) {
    std::vector<int> dims;
    for (const int d : ds) {
        for (const int p : defaultPrefixDims(d)) dims.push_back(p);
    }
    std::sort(dims.begin(), dims.end());
    dims.erase(std::unique(dims.begin(), dims.end()), dims.end());
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

PrefixCurve prefixCurveOnGrid(const MatrixF& x, const metrics::MetricInfo& metric,
                              const metrics::MetricParams& params, const std::vector<int>& gridDims,
                              PrefixOptions options, Progress& progress) {
    const int d = static_cast<int>(x.cols());
    if (gridDims.empty()) throw InputError("no prefix size given for " + options.name);
    options.dims.clear();
    for (const int p : gridDims) {
        if (p <= 0) throw InputError("prefix size " + std::to_string(p) + " is not positive");
        if (p <= d) options.dims.push_back(p);
    }
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (options.dims.empty()) {  // every size exceeds D: nothing to compute
        PrefixCurve none;
        none.dims = gridDims;
        none.value.assign(gridDims.size(), kNaN);
        if (options.codes != nullptr) none.top1.assign(gridDims.size(), kNaN);
        progress.report(1.0);
        return none;
    }
    const PrefixCurve curve = prefixCurve(x, metric, params, options, progress);
    PrefixCurve out;
    out.dims = gridDims;
    for (const int p : gridDims) {
        const auto at = std::find(curve.dims.begin(), curve.dims.end(), p);
        const bool has = p <= d && at != curve.dims.end();
        const auto k = static_cast<std::size_t>(at - curve.dims.begin());
        out.value.push_back(has ? curve.value[k] : kNaN);
        if (!curve.top1.empty()) out.top1.push_back(has ? curve.top1[k] : kNaN);
    }
    return out;
}

}  // namespace repscope::embedding_checks
