#include "repscope/metrics/rsa.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "metrics/merge_sort.h"
#include "metrics/metric_support.h"
#include "metrics/radix_ranks.h"
#include "repscope/error.h"
#include "repscope/finite.h"

namespace repscope::metrics {

using detail::Index;
using detail::ProgressSpan;

std::string_view rsaComparatorName(RsaComparator comparator) {
    switch (comparator) {
        case RsaComparator::Spearman: return "rsa_spearman";
        case RsaComparator::Pearson: return "rsa_pearson";
        case RsaComparator::KendallTauA: return "rsa_kendall_tau_a";
        case RsaComparator::Cosine: return "rsa_cosine";
    }
    return "rsa_spearman";
}

namespace {

void requireSameLength(const Eigen::VectorXd& a, const Eigen::VectorXd& b, std::string_view name) {
    if (a.size() != b.size()) {
        throw AlignmentError(std::string(name) + " compares RDMs of the same stimuli, but their "
                             "upper triangles have " + std::to_string(a.size()) + " and " +
                             std::to_string(b.size()) + " entries.");
    }
    if (a.size() < 2) {
        throw InputError(std::string(name) + " needs RDMs of at least 3 stimuli (2 pairs).");
    }
    if (!a.allFinite() || !b.allFinite()) {
        throw FormatError(std::string(name) + " got an RDM with NaN or infinite dissimilarities.");
    }
}

double pearsonChecked(const Eigen::VectorXd& a, const Eigen::VectorXd& b, std::string_view name) {
    // Two passes (means, then centred sums), no temporaries: RDM vectors can hold 10⁸ values.
    const Index size = a.size();
    const double n = static_cast<double>(size);
    const double ma = a.sum() / n;
    const double mb = b.sum() / n;
    double saa = 0.0;
    double sbb = 0.0;
    double sab = 0.0;
#pragma omp parallel for reduction(+ : saa, sbb, sab) schedule(static)
    for (Index i = 0; i < size; ++i) {
        const double da = a(i) - ma;
        const double db = b(i) - mb;
        saa += da * da;
        sbb += db * db;
        sab += da * db;
    }
    if (!(saa > 0.0) || !(sbb > 0.0)) {
        throw FormatError("All dissimilarities of one RDM are equal, so " + std::string(name) +
                          " is undefined.");
    }
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

// Number of pairs tied within runs of equal keys of a sorted sequence.
template <class Get>
std::int64_t tiedPairs(std::size_t n, Get get) {
    std::int64_t ties = 0;
    std::size_t start = 0;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i == n || !(get(i) == get(start))) {
            const auto t = static_cast<std::int64_t>(i - start);
            ties += t * (t - 1) / 2;
            start = i;
        }
    }
    return ties;
}

// Follows a parent's cancellation without reporting to it (for work on a second thread).
class CancelOnlyProgress : public Progress {
public:
    explicit CancelOnlyProgress(const Progress& parent) : parent_(&parent) {}

protected:
    void onProgress(double /*fraction*/) override {
        if (parent_->isCancelled()) cancel();
    }

private:
    const Progress* parent_;
};

// Runs first() and second() at once, one thread each (two independent rankings); rethrows the
// first exception either threw once both are done.
template <class First, class Second>
void onTwoThreads(First first, Second second) {
    std::exception_ptr failure;
#pragma omp parallel sections num_threads(2)
    {
#pragma omp section
        {
            try {
                first();
            } catch (...) {
#pragma omp critical
                if (!failure) failure = std::current_exception();
            }
        }
#pragma omp section
        {
            try {
                second();
            } catch (...) {
#pragma omp critical
                if (!failure) failure = std::current_exception();
            }
        }
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace

Eigen::VectorXd averageRanks(const Eigen::VectorXd& v, Progress& progress) {
    if (!v.allFinite()) throw FormatError("Cannot rank NaN or infinite values.");
    ProgressSpan span(progress);
    Eigen::VectorXd r = detail::radixAverageRanks(v, span);
    span.finish();
    return r;
}

double rsaPearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Progress& progress) {
    requireSameLength(a, b, "rsa_pearson");
    progress.throwIfCancelled();
    return pearsonChecked(a, b, "rsa_pearson");
}

double rsaSpearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Progress& progress) {
    requireSameLength(a, b, "rsa_spearman");
    ProgressSpan span(progress);
    // The two rankings are independent: one thread each.
    Eigen::VectorXd ra;
    Eigen::VectorXd rb;
    onTwoThreads([&] { ra = detail::radixAverageRanks(a, span.sub(0.0, 0.95)); },
                 [&] {
                     CancelOnlyProgress second(progress);
                     rb = detail::radixAverageRanks(b, ProgressSpan(second));
                 });
    const double rho = pearsonChecked(ra, rb, "rsa_spearman");
    span.finish();
    return rho;
}

namespace {

// Spearman ρ from two sides' doubled ranks: doubled ranks 2…2n average n + 1; sums of integer
// products in float64.
double spearmanOfDoubledRanks(const detail::DoubledRanks& ra, const detail::DoubledRanks& rb) {
    if (ra.size < 2) throw InputError("rsa_spearman needs at least 3 stimuli.");
    const auto size = static_cast<std::ptrdiff_t>(ra.size);
    const double mean = static_cast<double>(ra.size) + 1.0;
    double saa = 0.0;
    double sbb = 0.0;
    double sab = 0.0;
#pragma omp parallel for reduction(+ : saa, sbb, sab) schedule(static)
    for (std::ptrdiff_t i = 0; i < size; ++i) {
        const double da = static_cast<double>(ra[static_cast<std::size_t>(i)]) - mean;
        const double db = static_cast<double>(rb[static_cast<std::size_t>(i)]) - mean;
        saa += da * da;
        sbb += db * db;
        sab += da * db;
    }
    if (!(saa > 0.0) || !(sbb > 0.0)) {
        throw FormatError("All dissimilarities of one RDM are equal, so rsa_spearman is undefined.");
    }
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

// A stored RDM's rows handed out in turn from one reused block buffer; every block read is
// checked for NaN/Inf (the whole rows, as the general path checks the whole matrix).
class StoredRdmRows {
public:
    struct NonFinite {};
    StoredRdmRows(const Representation& rdm, std::size_t blockRows)
        : rdm_(rdm), n_(rdm.info().n),
          block_(std::max<std::size_t>(1, blockRows > 0 ? blockRows : (std::size_t{32} << 20) / (4 * std::max<std::size_t>(n_, 1)))),
          rows_(static_cast<Eigen::Index>(std::min(block_, n_)), static_cast<Eigen::Index>(n_)) {}

    const float* operator()(std::size_t r) {
        if (r < first_ || r >= first_ + count_) load(r);
        return rows_.data() + (r - first_) * n_;
    }
    // Rows the ranking never asked for (the last one or more) are checked too.
    void checkTheRest() {
        while (first_ + count_ < n_) load(first_ + count_);
    }

private:
    void load(std::size_t r) {
        first_ = r;
        count_ = std::min(block_, n_ - r);
        rdm_.readRowsInto(r, count_, rows_.data());
        if (!allFinite(rows_.data(), count_ * n_)) throw NonFinite{};
    }
    const Representation& rdm_;
    std::size_t n_;
    std::size_t block_;
    MatrixF rows_;
    std::size_t first_ = 0;
    std::size_t count_ = 0;
};

}  // namespace

double rsaSpearmanOfRdms(const MatrixF& a, const MatrixF& b, std::string_view nameA,
                         std::string_view nameB, Progress& progress) {
    if (a.rows() != b.rows()) {
        throw AlignmentError(std::string(nameA) + " has " + std::to_string(a.rows()) +
                             " stimuli but " + std::string(nameB) + " has " +
                             std::to_string(b.rows()));
    }
    ProgressSpan span(progress);
    detail::DoubledRanks ra;
    detail::DoubledRanks rb;
    onTwoThreads([&] { ra = detail::doubledUpperTriangleRanks(a, nameA, span.sub(0.0, 0.9)); },
                 [&] {
                     CancelOnlyProgress second(progress);
                     rb = detail::doubledUpperTriangleRanks(b, nameB, ProgressSpan(second));
                 });
    const double rho = spearmanOfDoubledRanks(ra, rb);
    span.finish();
    return rho;
}

std::optional<double> rsaSpearmanOfStoredRdms(const Representation& a, const Representation& b,
                                              Progress& progress, std::size_t blockRows) {
    const RepresentationInfo& ai = a.info();
    const RepresentationInfo& bi = b.info();
    if (ai.kind != RepresentationKind::Rdm || bi.kind != RepresentationKind::Rdm) return std::nullopt;
    if (ai.n != bi.n || ai.d != ai.n || bi.d != bi.n) return std::nullopt;
    ProgressSpan span(progress);
    detail::DoubledRanks ra;
    detail::DoubledRanks rb;
    try {
        onTwoThreads(
            [&] {
                StoredRdmRows rows(a, blockRows);
                ra = detail::doubledUpperTriangleRanks(ai.n, std::ref(rows), ai.qualifiedName(), span.sub(0.0, 0.9));
                rows.checkTheRest();
            },
            [&] {
                CancelOnlyProgress second(progress);
                StoredRdmRows rows(b, blockRows);
                rb = detail::doubledUpperTriangleRanks(bi.n, std::ref(rows), bi.qualifiedName(), ProgressSpan(second));
                rows.checkTheRest();
            });
    } catch (const StoredRdmRows::NonFinite&) {
        return std::nullopt;
    }
    const double rho = spearmanOfDoubledRanks(ra, rb);
    span.finish();
    return rho;
}

double rsaKendallTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Progress& progress) {
    requireSameLength(a, b, "rsa_kendall_tau_a");
    ProgressSpan span(progress);
    const auto n = static_cast<std::size_t>(a.size());
    std::vector<std::pair<double, double>> p(n);
    for (std::size_t i = 0; i < n; ++i) {
        p[i] = {a(static_cast<Index>(i)), b(static_cast<Index>(i))};
    }
    detail::mergeSortCountingInversions(
        p, [](const auto& x, const auto& y) { return x < y; }, span.sub(0.0, 0.5), false);
    const std::int64_t tiesA = tiedPairs(n, [&](std::size_t i) { return p[i].first; });
    const std::int64_t tiesAB = tiedPairs(n, [&](std::size_t i) { return p[i]; });
    std::vector<double> bs(n);
    for (std::size_t i = 0; i < n; ++i) bs[i] = p[i].second;
    p.clear();
    p.shrink_to_fit();
    const std::int64_t discordant = detail::mergeSortCountingInversions(
        bs, [](double x, double y) { return x < y; }, span.sub(0.5, 1.0));
    const std::int64_t tiesB = tiedPairs(n, [&](std::size_t i) { return bs[i]; });
    const auto total = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n - 1) / 2;
    const std::int64_t concordantMinusDiscordant = total - tiesA - tiesB + tiesAB - 2 * discordant;
    span.finish();
    return static_cast<double>(concordantMinusDiscordant) / static_cast<double>(total);
}

double rsaCosine(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Progress& progress) {
    requireSameLength(a, b, "rsa_cosine");
    progress.throwIfCancelled();
    const double na = a.norm();
    const double nb = b.norm();
    if (!(na > 0.0) || !(nb > 0.0)) {
        throw FormatError("All dissimilarities of one RDM are zero, so rsa_cosine is undefined.");
    }
    return std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
}

double compareRdmVectors(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                         RsaComparator comparator, Progress& progress) {
    switch (comparator) {
        case RsaComparator::Spearman: return rsaSpearman(a, b, progress);
        case RsaComparator::Pearson: return rsaPearson(a, b, progress);
        case RsaComparator::KendallTauA: return rsaKendallTauA(a, b, progress);
        case RsaComparator::Cosine: return rsaCosine(a, b, progress);
    }
    return rsaSpearman(a, b, progress);
}

Eigen::VectorXd rsaVector(const MatrixF& x, const RsaOptions& options, Progress& progress) {
    Eigen::VectorXd v = upperTriangle(computeRdm(x, options.measure, progress));
    if (options.geotopo) v = geoTopoTransform(v, *options.geotopo);
    return v;
}

Eigen::VectorXd rsaVectorFromRdm(const MatrixF& rdm, const RsaOptions& options) {
    Eigen::VectorXd v = upperTriangle(precomputedRdm(rdm));
    if (options.geotopo) v = geoTopoTransform(v, *options.geotopo);
    return v;
}

double rsa(const MatrixF& x, const MatrixF& y, RsaComparator comparator,
           const RsaOptions& options, Progress& progress) {
    if (x.rows() != y.rows()) {
        throw AlignmentError(std::string(rsaComparatorName(comparator)) +
                             " needs the same stimuli on both sides, but one has " +
                             std::to_string(x.rows()) + " and the other " +
                             std::to_string(y.rows()) + ".");
    }
    detail::SubProgress first(progress, 0.0, 0.35);
    const Eigen::VectorXd a = rsaVector(x, options, first);
    detail::SubProgress second(progress, 0.35, 0.7);
    const Eigen::VectorXd b = rsaVector(y, options, second);
    detail::SubProgress last(progress, 0.7, 1.0);
    const double r = compareRdmVectors(a, b, comparator, last);
    progress.report(1.0);
    return r;
}

}  // namespace repscope::metrics
