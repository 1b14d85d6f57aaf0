#include "repscope/alignment/comparator.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <string>

#include "repscope/error.h"
#include "repscope/metrics/rsa.h"

namespace repscope::alignment {

using Eigen::Index;

std::string_view comparatorName(Comparator comparator) {
    switch (comparator) {
        case Comparator::Spearman: return "spearman";
        case Comparator::Pearson: return "pearson";
        case Comparator::KendallTauA: return "kendall_tau_a";
        case Comparator::RhoA: return "rho_a";
        case Comparator::Cosine: return "cosine";
        case Comparator::CorrCov: return "corr_cov";
        case Comparator::CosineCov: return "cosine_cov";
    }
    return "spearman";
}

const std::vector<Comparator>& allComparators() {
    static const std::vector<Comparator> all = {
        Comparator::Spearman, Comparator::Pearson,  Comparator::KendallTauA, Comparator::RhoA,
        Comparator::Cosine,   Comparator::CorrCov, Comparator::CosineCov};
    return all;
}

Comparator parseComparator(std::string_view name) {
    std::string names;
    for (const Comparator c : allComparators()) {
        if (comparatorName(c) == name) return c;
        names += (names.empty() ? "" : ", ") + std::string(comparatorName(c));
    }
    throw InputError("unknown comparator '" + std::string(name) + "' (one of " + names + ")");
}

bool isWhitened(Comparator comparator) {
    return comparator == Comparator::CorrCov || comparator == Comparator::CosineCov;
}

std::size_t stimuliOfCondensed(std::size_t length) {
    // N(N−1)/2 = length: N = (1 + √(1 + 8·length)) / 2, checked exactly.
    const auto n = static_cast<std::size_t>(
        std::llround((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(length))) / 2.0));
    if (n < 2 || n * (n - 1) / 2 != length) {
        throw FormatError("an RDM vector of " + std::to_string(length) +
                          " entries is not the upper triangle of any N×N RDM (N(N−1)/2)");
    }
    return n;
}

namespace {

std::string undefinedBecause(Comparator c, const std::string& why) {
    return std::string(comparatorName(c)) + " is undefined: " + why;
}

double pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    const double n = static_cast<double>(a.size());
    const double ma = a.sum() / n;
    const double mb = b.sum() / n;
    double saa = 0.0;
    double sbb = 0.0;
    double sab = 0.0;
    for (Index i = 0; i < a.size(); ++i) {
        const double da = a(i) - ma;
        const double db = b(i) - mb;
        saa += da * da;
        sbb += db * db;
        sab += da * db;
    }
    if (!(saa > 0.0) || !(sbb > 0.0)) {
        throw FormatError(undefinedBecause(c, "all shared dissimilarities of one RDM are equal"));
    }
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

double cosine(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    const double na = a.norm();
    const double nb = b.norm();
    if (!(na > 0.0) || !(nb > 0.0)) {
        throw FormatError(undefinedBecause(c, "all shared dissimilarities of one RDM are zero"));
    }
    return std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
}

// 12 Σ (r_a − r̄)(r_b − r̄) / (n³ − n); r̄ = (n + 1)/2 for average ranks.
double rhoA(const Eigen::VectorXd& ra, const Eigen::VectorXd& rb) {
    const double n = static_cast<double>(ra.size());
    const double mean = (n + 1.0) / 2.0;
    double s = 0.0;
    for (Index i = 0; i < ra.size(); ++i) s += (ra(i) - mean) * (rb(i) - mean);
    return std::clamp(12.0 * s / (n * n * n - n), -1.0, 1.0);
}

// The comparators that need no preparation, on complete vectors of ≥ 2 entries.
double compareComplete(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    switch (c) {
        case Comparator::Spearman:
            return pearson(metrics::averageRanks(a), metrics::averageRanks(b), c);
        case Comparator::Pearson: return pearson(a, b, c);
        case Comparator::KendallTauA: return metrics::rsaKendallTauA(a, b);
        case Comparator::RhoA: return rhoA(metrics::averageRanks(a), metrics::averageRanks(b));
        case Comparator::Cosine: return cosine(a, b, c);
        case Comparator::CorrCov:
        case Comparator::CosineCov: break;
    }
    return compare(PreparedRdm(a, c), PreparedRdm(b, c));
}

void requireSameLength(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    if (a.size() != b.size()) {
        throw AlignmentError(std::string(comparatorName(c)) +
                             " compares RDMs of the same stimuli, but their upper triangles have " +
                             std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                             " entries");
    }
}

// The entries present (finite) in both vectors, packed.
std::pair<Eigen::VectorXd, Eigen::VectorXd> sharedPairs(const Eigen::VectorXd& a,
                                                        const Eigen::VectorXd& b, Comparator c) {
    Index count = 0;
    for (Index i = 0; i < a.size(); ++i) count += std::isfinite(a(i)) && std::isfinite(b(i));
    if (count < 2) {
        throw FormatError(undefinedBecause(
            c, "the two RDMs share " + std::to_string(count) + " dissimilarities, fewer than 2"));
    }
    Eigen::VectorXd pa(count);
    Eigen::VectorXd pb(count);
    Index k = 0;
    for (Index i = 0; i < a.size(); ++i) {
        if (std::isfinite(a(i)) && std::isfinite(b(i))) {
            pa(k) = a(i);
            pb(k) = b(i);
            ++k;
        }
    }
    return {std::move(pa), std::move(pb)};
}

// The whitened comparators with missing entries, as rsatoolbox's _cov_weighting does it: on the
// pairs present in both RDMs, each vector y = −½ (d, 0_N) (pairs, then the N diagonal entries)
// loses its least-squares fit by row/column effects, y − W S A⁻¹ Sᵀ y with S the indicator of
// the stimuli of each entry (e_i + e_j for a pair, e_i for a diagonal entry), W = ½ for pairs
// and 1 for the diagonal, A = Sᵀ W S (N × N, ⪰ I); pairs are then weighted by √2 and the
// cosine taken. With no missing pair this is exactly the double centring −½HDH.
double whitenedLeastSquares(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    const std::size_t n = stimuliOfCondensed(static_cast<std::size_t>(a.size()));
    std::vector<std::pair<Index, Index>> pairs;
    std::vector<Index> at;
    Index k = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j, ++k) {
            if (std::isfinite(a(k)) && std::isfinite(b(k))) {
                pairs.emplace_back(static_cast<Index>(i), static_cast<Index>(j));
                at.push_back(k);
            }
        }
    }
    if (pairs.size() < 2) {
        throw FormatError(undefinedBecause(c, "the two RDMs share " + std::to_string(pairs.size()) +
                                                  " dissimilarities, fewer than 2"));
    }
    const auto nn = static_cast<Index>(n);
    Eigen::MatrixXd system = Eigen::MatrixXd::Identity(nn, nn);
    for (const auto& [i, j] : pairs) {
        system(i, i) += 0.5;
        system(j, j) += 0.5;
        system(i, j) += 0.5;
        system(j, i) += 0.5;
    }
    const Eigen::LLT<Eigen::MatrixXd> factor(system);
    auto transform = [&](const Eigen::VectorXd& v) {
        Eigen::VectorXd y(static_cast<Index>(pairs.size()) + nn);
        for (std::size_t p = 0; p < at.size(); ++p) y(static_cast<Index>(p)) = v(at[p]);
        auto offDiagonal = y.head(static_cast<Index>(pairs.size()));
        if (c == Comparator::CorrCov) offDiagonal.array() -= offDiagonal.mean();
        offDiagonal *= -0.5;
        y.tail(nn).setZero();
        Eigen::VectorXd sty = Eigen::VectorXd::Zero(nn);
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            sty(pairs[p].first) += y(static_cast<Index>(p));
            sty(pairs[p].second) += y(static_cast<Index>(p));
        }
        const Eigen::VectorXd x = factor.solve(sty);
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            const auto q = static_cast<Index>(p);
            y(q) = (y(q) - 0.5 * (x(pairs[p].first) + x(pairs[p].second))) * std::sqrt(2.0);
        }
        y.tail(nn) = -x;
        return y;
    };
    const Eigen::VectorXd ta = transform(a);
    const Eigen::VectorXd tb = transform(b);
    const double na = ta.norm();
    const double nb = tb.norm();
    if (!(na > 1e-12 * std::max(1.0, a.norm())) || !(nb > 1e-12 * std::max(1.0, b.norm()))) {
        throw FormatError(undefinedBecause(c, "the centred RDM of one side is zero"));
    }
    return std::clamp(ta.dot(tb) / (na * nb), -1.0, 1.0);
}

}  // namespace

PreparedRdm::PreparedRdm(Eigen::VectorXd condensed, Comparator comparator)
    : comparator_(comparator), values_(std::move(condensed)) {
    complete_ = values_.allFinite();
    if (isWhitened(comparator_) && !complete_) return;  // compared by least squares, pair by pair
    if (isWhitened(comparator_)) {
        const std::size_t n = stimuliOfCondensed(static_cast<std::size_t>(values_.size()));
        transformed_ = values_;
        if (comparator_ == Comparator::CorrCov) {
            transformed_.array() -= transformed_.mean();
        }
        // Row means of the full RDM (zero diagonal) and its grand mean: with them,
        // ⟨H D₁ H, H D₂ H⟩_F = ⟨H D₁ H, D₂⟩ = 2 d₁·d₂ − 2N r₁·r₂ + N² g₁ g₂ in O(N²).
        rowMeans_ = Eigen::VectorXd::Zero(static_cast<Index>(n));
        Index k = 0;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = i + 1; j < n; ++j, ++k) {
                rowMeans_(static_cast<Index>(i)) += transformed_(k);
                rowMeans_(static_cast<Index>(j)) += transformed_(k);
            }
        }
        const double nd = static_cast<double>(n);
        rowMeans_ /= nd;
        grandMean_ = rowMeans_.mean();
        const double g2 = 2.0 * transformed_.squaredNorm() - 2.0 * nd * rowMeans_.squaredNorm() +
                          nd * nd * grandMean_ * grandMean_;
        gNorm_ = std::sqrt(std::max(g2, 0.0));
        return;
    }
    if (complete_ && values_.size() >= 2 &&
        (comparator_ == Comparator::Spearman || comparator_ == Comparator::RhoA)) {
        transformed_ = metrics::averageRanks(values_);
    }
}

double compare(const PreparedRdm& a, const PreparedRdm& b) {
    const Comparator c = a.comparator_;
    requireSameLength(a.values_, b.values_, c);
    if (isWhitened(c) && !(a.complete_ && b.complete_)) {
        return whitenedLeastSquares(a.values_, b.values_, c);
    }
    if (isWhitened(c)) {
        const double nd = static_cast<double>(a.rowMeans_.size());
        if (!(a.gNorm_ > 1e-12 * std::max(1.0, a.transformed_.norm())) ||
            !(b.gNorm_ > 1e-12 * std::max(1.0, b.transformed_.norm()))) {
            throw FormatError(undefinedBecause(
                c, "the double-centred RDM −½HDH of one side is zero"));
        }
        const double inner = 2.0 * a.transformed_.dot(b.transformed_) -
                             2.0 * nd * a.rowMeans_.dot(b.rowMeans_) +
                             nd * nd * a.grandMean_ * b.grandMean_;
        return std::clamp(inner / (a.gNorm_ * b.gNorm_), -1.0, 1.0);
    }
    if (!(a.complete_ && b.complete_)) {
        const auto [pa, pb] = sharedPairs(a.values_, b.values_, c);
        return compareComplete(pa, pb, c);
    }
    if (a.values_.size() < 2) {
        throw FormatError(undefinedBecause(c, "the RDMs have fewer than 2 dissimilarities"));
    }
    switch (c) {
        case Comparator::Spearman:
        case Comparator::RhoA: return compareAverageRanks(a.transformed_, b.transformed_, c);
        default: return compareComplete(a.values_, b.values_, c);
    }
}

double compareAverageRanks(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator c) {
    requireSameLength(a, b, c);
    if (a.size() < 2) {
        throw FormatError(undefinedBecause(c, "the RDMs have fewer than 2 dissimilarities"));
    }
    return c == Comparator::RhoA ? rhoA(a, b) : pearson(a, b, c);
}

double compareRdms(const Eigen::VectorXd& a, const Eigen::VectorXd& b, Comparator comparator) {
    requireSameLength(a, b, comparator);
    if (isWhitened(comparator)) {
        return compare(PreparedRdm(a, comparator), PreparedRdm(b, comparator));
    }
    const auto [pa, pb] = sharedPairs(a, b, comparator);
    return compareComplete(pa, pb, comparator);
}

}  // namespace repscope::alignment
