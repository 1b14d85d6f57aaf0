#include "repscope/embedding_checks/retrieval.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/linalg/blas.h"

namespace repscope::embedding_checks {
namespace {

using Eigen::Index;
constexpr double kTieScale = 68719476736.0;  // 2^36: similarities equal to this grid tie
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t tieKey(double similarity) {
    return static_cast<std::int64_t>(std::nearbyint(similarity * kTieScale));
}

bool finite(const MatrixF& x) { return allFinite(x); }
bool finite(const Eigen::MatrixXd& x) { return x.allFinite(); }

template <class M>
void checkInputs(const M& q, const M& g, const std::vector<std::int32_t>& codes,
                 const RetrievalOptions& o) {
    if (q.rows() != g.rows()) {
        throw InputError(o.queryName + " has " + std::to_string(q.rows()) + " stimuli but " +
                         o.galleryName + " has " + std::to_string(g.rows()) +
                         "; retrieval needs the same stimuli on both sides");
    }
    if (q.cols() != g.cols()) {
        throw InputError(o.queryName + " has " + std::to_string(q.cols()) + " dimensions but " +
                         o.galleryName + " has " + std::to_string(g.cols()) +
                         "; cosine retrieval needs equal dimensions (align them first)");
    }
    if (static_cast<std::size_t>(q.rows()) != codes.size()) {
        throw InputError("the category column has " + std::to_string(codes.size()) +
                         " entries for " + std::to_string(q.rows()) + " stimuli");
    }
    if (q.rows() < 2 || q.cols() < 1) {
        throw InputError(o.queryName + " has " + std::to_string(q.rows()) + " stimuli and " +
                         std::to_string(q.cols()) +
                         " dimensions; retrieval needs at least 2 stimuli and 1 dimension");
    }
    for (const auto* side : {&q, &g}) {
        if (!finite(*side)) {
            throw FormatError((side == &q ? o.queryName : o.galleryName) +
                              " contains NaN or infinite values, so its cosine similarities are "
                              "undefined");
        }
    }
    for (const int k : o.ks) {
        if (k < 1 || k > q.rows() - 1) {
            throw InputError("top-k needs 1 ≤ k ≤ N − 1 = " + std::to_string(q.rows() - 1) +
                             "; got k = " + std::to_string(k));
        }
    }
}

// Rows [first, first + count) of x, L2-normalised in float64, as the columns of a D×count matrix.
template <class M>
Eigen::MatrixXd normalisedColumns(const M& x, Index first, Index count, const std::string& name) {
    Eigen::MatrixXd out(x.cols(), count);
    for (Index c = 0; c < count; ++c) {
        out.col(c) = x.row(first + c).template cast<double>().transpose();
        const double norm = out.col(c).norm();
        if (!(norm > 0.0)) {
            throw InputError("stimulus " + std::to_string(first + c) + " of " + name +
                             " is an all-zero vector, so its cosine similarities are undefined");
        }
        out.col(c) /= norm;
    }
    return out;
}

// Buffers of one thread, reused from query to query.
struct QueryWork {
    std::vector<std::pair<std::int64_t, std::int32_t>> relevant;  // (key, gallery index)
    std::vector<std::int32_t> perBucket;
    std::vector<std::int32_t> above;      // relevant items in higher buckets
    std::vector<std::int64_t> histogram;  // irrelevant items by how many relevant ones beat them
};

// Does relevant item r rank above gallery item j (key k)? Higher key, or equal key and earlier.
inline bool beats(const std::pair<std::int64_t, std::int32_t>& r, std::int64_t k, Index j) {
    return r.first > k || (r.first == k && r.second < j);
}

// Rank of query i's first relevant item (0: none) and, when wanted, its average precision.
// `s` holds the query's similarity to every gallery item. Top-k only: the rank is exact up to
// kmax and reported as kmax + 1 beyond.
std::size_t rankQuery(const double* s, Index n, Index i, const std::int32_t* codes, bool wantAp,
                      int kmax, QueryWork& w, double& ap) {
    const std::int32_t ci = codes[i];
    w.relevant.clear();
    for (Index j = 0; j < n; ++j) {
        if (j != i && codes[j] == ci) w.relevant.emplace_back(tieKey(s[j]), static_cast<std::int32_t>(j));
    }
    ap = kNaN;
    const std::size_t r = w.relevant.size();
    if (r == 0) return 0;
    if (!wantAp) {
        auto best = w.relevant.front();
        for (const auto& p : w.relevant) {
            if (p.first > best.first) best = p;  // ties: the earlier one stays
        }
        std::size_t beating = 0;
        for (Index j = 0; j < n && beating <= static_cast<std::size_t>(kmax); ++j) {
            if (j == i || codes[j] == ci) continue;
            if (!beats(best, tieKey(s[j]), j)) ++beating;
        }
        return std::min(beating, static_cast<std::size_t>(kmax)) + 1;
    }
    // Relevant items in ranking order; each irrelevant item is placed among them through a
    // bucket table over their key range (a short search within one bucket), which gives, per
    // relevant item, how many irrelevant ones rank above it.
    std::sort(w.relevant.begin(), w.relevant.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    const std::int64_t hi = w.relevant.front().first;
    const std::int64_t lo = w.relevant.back().first;
    std::size_t buckets = 64;
    while (buckets < 2 * r) buckets <<= 1;
    int shift = 0;
    while (((hi - lo) >> shift) >= static_cast<std::int64_t>(buckets)) ++shift;
    w.perBucket.assign(buckets, 0);
    for (const auto& p : w.relevant) ++w.perBucket[static_cast<std::size_t>((p.first - lo) >> shift)];
    w.above.resize(buckets);
    std::int32_t acc = 0;
    for (std::size_t b = buckets; b-- > 0;) {
        w.above[b] = acc;
        acc += w.perBucket[b];
    }
    w.histogram.assign(r + 1, 0);
    for (Index j = 0; j < n; ++j) {
        if (j == i || codes[j] == ci) continue;
        const std::int64_t k = tieKey(s[j]);
        std::size_t c = 0;
        if (k > hi) {
            c = 0;
        } else if (k < lo) {
            c = r;
        } else {
            const auto b = static_cast<std::size_t>((k - lo) >> shift);
            auto first = static_cast<std::size_t>(w.above[b]);
            const std::size_t last = first + static_cast<std::size_t>(w.perBucket[b]);
            if (last - first > 8) {
                first = static_cast<std::size_t>(
                    std::partition_point(w.relevant.begin() + static_cast<std::ptrdiff_t>(first),
                                         w.relevant.begin() + static_cast<std::ptrdiff_t>(last),
                                         [&](const auto& p) { return beats(p, k, j); }) -
                    w.relevant.begin());
            } else {
                while (first < last && beats(w.relevant[first], k, j)) ++first;
            }
            c = first;
        }
        ++w.histogram[c];
    }
    std::int64_t irrelevantAbove = 0;
    double sum = 0.0;
    for (std::size_t m = 0; m < r; ++m) {
        irrelevantAbove += w.histogram[m];
        sum += static_cast<double>(m + 1) / static_cast<double>(static_cast<std::int64_t>(m + 1) + irrelevantAbove);
    }
    ap = sum / static_cast<double>(r);
    return static_cast<std::size_t>(1 + w.histogram[0]);
}

template <class M>
RetrievalScores retrieve(const M& q, const M& g, const std::vector<std::int32_t>& codes,
                         const RetrievalOptions& options, Progress& progress) {
    checkInputs(q, g, codes, options);
    const Index n = q.rows();
    const Index d = q.cols();
    RetrievalScores out;
    out.ks = options.ks;
    std::sort(out.ks.begin(), out.ks.end());
    out.ks.erase(std::unique(out.ks.begin(), out.ks.end()), out.ks.end());
    const int kmax = out.ks.empty() ? 1 : out.ks.back();
    for (const std::int32_t c : codes) out.queries += c >= 0 ? 1 : 0;
    if (out.queries == 0) {
        throw InputError("no stimulus has a category, so there is no query to retrieve for");
    }
    checkMemoryBudget(static_cast<std::size_t>(d), static_cast<std::size_t>(n), 2 * sizeof(double),
                      "the normalised gallery");
    const Eigen::MatrixXd gallery = normalisedColumns(g, 0, n, options.galleryName);
    progress.report(0.02);
    // One block of scores: ≤ 64 MiB (N × block doubles), at least 8 queries.
    const Index block = std::clamp<Index>((Index{8} << 20) / n, 8, n);
    Eigen::MatrixXd scores(n, block);
    out.firstRelevantRank.assign(static_cast<std::size_t>(n), 0);
    if (options.averagePrecision) out.averagePrecision.assign(static_cast<std::size_t>(n), kNaN);
    std::vector<QueryWork> work(static_cast<std::size_t>(std::max(1, omp_get_max_threads())));
    for (Index first = 0; first < n; first += block) {
        const Index count = std::min(block, n - first);
        const Eigen::MatrixXd queries = normalisedColumns(q, first, count, options.queryName);
        auto s = scores.leftCols(count);
        linalg::gemm(true, false, 1.0, gallery, queries, 0.0, s);
#pragma omp parallel
        {
            QueryWork& w = work[static_cast<std::size_t>(omp_get_thread_num()) % work.size()];
#pragma omp for schedule(dynamic, 2)
            for (Index b = 0; b < count; ++b) {
                const Index i = first + b;
                if (codes[static_cast<std::size_t>(i)] < 0) continue;
                double ap = kNaN;
                out.firstRelevantRank[static_cast<std::size_t>(i)] =
                    rankQuery(s.col(b).data(), n, i, codes.data(), options.averagePrecision, kmax, w, ap);
                if (options.averagePrecision) out.averagePrecision[static_cast<std::size_t>(i)] = ap;
            }
        }
        progress.report(0.02 + 0.98 * static_cast<double>(first + count) / static_cast<double>(n));
    }
    out.topK.assign(out.ks.size(), 0.0);
    double apSum = 0.0;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::size_t rank = out.firstRelevantRank[i];
        if (rank == 0) continue;
        ++out.queriesWithRelevant;
        for (std::size_t t = 0; t < out.ks.size(); ++t) {
            if (rank <= static_cast<std::size_t>(out.ks[t])) out.topK[t] += 1.0;
        }
        if (options.averagePrecision) apSum += out.averagePrecision[i];
    }
    for (double& v : out.topK) v /= static_cast<double>(out.queries);
    out.meanAveragePrecision = options.averagePrecision && out.queriesWithRelevant > 0
                                   ? apSum / static_cast<double>(out.queriesWithRelevant)
                                   : kNaN;
    progress.report(1.0);
    return out;
}

}  // namespace

RetrievalScores cosineRetrieval(const MatrixF& queries, const MatrixF& gallery,
                                const std::vector<std::int32_t>& codes,
                                const RetrievalOptions& options, Progress& progress) {
    return retrieve(queries, gallery, codes, options, progress);
}

RetrievalScores cosineRetrieval(const Eigen::MatrixXd& queries, const Eigen::MatrixXd& gallery,
                                const std::vector<std::int32_t>& codes,
                                const RetrievalOptions& options, Progress& progress) {
    return retrieve(queries, gallery, codes, options, progress);
}

}  // namespace repscope::embedding_checks
