#include "repscope/metrics/relative.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::metrics {

using detail::Index;

std::vector<std::size_t> chooseAnchors(std::size_t n, std::size_t k, std::uint64_t seed) {
    if (k < 1 || k > n) {
        throw InputError("--relative needs between 1 and " + std::to_string(n) +
                         " anchors (the number of stimuli), not " + std::to_string(k) + ".");
    }
    // Partial Fisher–Yates with our own draws, so the choice does not depend on the standard
    // library's distributions.
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::mt19937_64 gen(seed);
    for (std::size_t i = 0; i < k; ++i) {
        const std::size_t span = n - i;
        const std::uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % span;
        std::uint64_t r = gen();
        while (r >= limit) r = gen();
        std::swap(all[i], all[i + static_cast<std::size_t>(r % span)]);
    }
    all.resize(k);
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<std::size_t> parseAnchors(std::string_view text, std::size_t n) {
    auto parseIndex = [&](std::string_view s, std::string_view item) {
        if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            throw InputError("--anchors: '" + std::string(item) +
                             "' is not a stimulus index or range (write e.g. 0,5,10-19).");
        }
        const std::size_t v = std::stoull(std::string(s));
        if (v >= n) {
            throw InputError("--anchors: index " + std::to_string(v) + " is out of range; there are " +
                             std::to_string(n) + " stimuli (0 to " + std::to_string(n - 1) + ").");
        }
        return v;
    };
    std::vector<std::size_t> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view item = text.substr(start, comma - start);
        const std::size_t dash = item.find('-');
        if (dash == std::string_view::npos) {
            out.push_back(parseIndex(item, item));
        } else {
            const std::size_t lo = parseIndex(item.substr(0, dash), item);
            const std::size_t hi = parseIndex(item.substr(dash + 1), item);
            if (hi < lo) throw InputError("--anchors: range '" + std::string(item) + "' runs backwards.");
            for (std::size_t v = lo; v <= hi; ++v) out.push_back(v);
        }
        start = comma + 1;
    }
    std::vector<std::size_t> sorted = out;
    std::sort(sorted.begin(), sorted.end());
    const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    if (dup != sorted.end()) {
        throw InputError("--anchors: stimulus " + std::to_string(*dup) + " is listed twice.");
    }
    return out;
}

MatrixF relativeRepresentation(const MatrixF& x, const std::vector<std::size_t>& anchors,
                               const std::vector<std::string>* labels, Progress& progress) {
    const Index n = x.rows();
    const auto k = static_cast<Index>(anchors.size());
    if (k == 0) throw InputError("--relative needs at least one anchor.");
    for (std::size_t a : anchors) {
        if (a >= static_cast<std::size_t>(n)) {
            throw InputError("--anchors: index " + std::to_string(a) + " is out of range; there are " +
                             std::to_string(n) + " stimuli.");
        }
    }
    Eigen::MatrixXd u = detail::toDouble(x, "The representation");
    const std::vector<Index> zero = detail::normaliseRows(u);
    if (!zero.empty()) {
        throw FormatError(std::to_string(zero.size()) + " of " + std::to_string(n) +
                          " stimuli have zero norm, so their cosine to the anchors is undefined: " +
                          detail::describeRows(zero, labels) + ".");
    }
    progress.report(0.3);
    Eigen::MatrixXd a(k, u.cols());
    for (Index j = 0; j < k; ++j) a.row(j) = u.row(static_cast<Index>(anchors[static_cast<std::size_t>(j)]));
    Eigen::MatrixXd r(n, k);
    linalg::gemm(false, true, 1.0, u, a, 0.0, r);
    progress.report(1.0);
    return r.cast<float>();
}

}  // namespace repscope::metrics
