#include "repscope/alignment/triplets.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "repscope/error.h"
#include "repscope/finite.h"

namespace repscope::alignment {

using Eigen::Index;

TripletSimilarity parseTripletSimilarity(std::string_view name) {
    if (name == "cosine") return TripletSimilarity::Cosine;
    if (name == "dot") return TripletSimilarity::Dot;
    throw InputError("unknown --similarity '" + std::string(name) + "' (cosine or dot)");
}

namespace {

// Above this many stimuli the N × N similarity matrix is not formed; each triplet takes its
// three products from the rows instead.
constexpr Index kMaxSimilarityMatrix = 16384;

double creditFor(double sab, double sac, double sbc, std::uint8_t chosen) {
    // Odd one out: c for the pair (a, b), b for (a, c), a for (b, c).
    const double best = std::max({sab, sac, sbc});
    const int ties = (sab == best) + (sac == best) + (sbc == best);
    const bool chosenWins = (chosen == 2 && sab == best) || (chosen == 1 && sac == best) ||
                            (chosen == 0 && sbc == best);
    return chosenWins ? 1.0 / ties : 0.0;
}

}  // namespace

std::vector<double> tripletCredits(const MatrixF& x, bool isRdm, TripletSimilarity similarity,
                                   const TripletJudgements& judgements, Progress& progress) {
    requireFinite(x, "the model");
    const Index n = x.rows();
    for (const auto& t : judgements.items) {
        for (const std::uint32_t i : t) {
            if (static_cast<Index>(i) >= n) {
                throw InputError("a triplet names stimulus " + std::to_string(i) +
                                 " but the model has " + std::to_string(n));
            }
        }
    }
    const std::size_t count = judgements.items.size();
    std::vector<double> credit(count, 0.0);
    if (isRdm) {
        if (x.cols() != n) throw FormatError("the model RDM is not square");
        for (std::size_t k = 0; k < count; ++k) {
            const auto& [a, b, c] = judgements.items[k];
            credit[k] = creditFor(-double(x(a, b)), -double(x(a, c)), -double(x(b, c)),
                                  judgements.odd[k]);
        }
        progress.report(1.0);
        return credit;
    }
    Eigen::MatrixXd rows = x.cast<double>();
    if (similarity == TripletSimilarity::Cosine) {
        for (Index i = 0; i < n; ++i) {
            const double norm = rows.row(i).norm();
            if (!(norm > 0.0)) {
                throw FormatError("stimulus " + std::to_string(i) +
                                  " has an all-zero row, so its cosine similarity is undefined "
                                  "(use --similarity dot)");
            }
            rows.row(i) /= norm;
        }
    }
    progress.report(0.2);
    if (n <= kMaxSimilarityMatrix) {
        checkMemoryBudget(static_cast<std::size_t>(n), static_cast<std::size_t>(n), sizeof(double),
                          "the similarity matrix of the model");
        Eigen::MatrixXd s(n, n);
        s.noalias() = rows * rows.transpose();
        progress.report(0.6);
        const auto total = static_cast<long>(count);
#pragma omp parallel for schedule(static)
        for (long k = 0; k < total; ++k) {
            const auto& [a, b, c] = judgements.items[static_cast<std::size_t>(k)];
            credit[static_cast<std::size_t>(k)] =
                creditFor(s(a, b), s(a, c), s(b, c), judgements.odd[static_cast<std::size_t>(k)]);
        }
    } else {
        for (std::size_t k = 0; k < count; ++k) {
            const auto& [a, b, c] = judgements.items[k];
            credit[k] = creditFor(rows.row(a).dot(rows.row(b)), rows.row(a).dot(rows.row(c)),
                                  rows.row(b).dot(rows.row(c)), judgements.odd[k]);
            if (k % 100000 == 0) progress.report(0.2 + 0.8 * double(k) / double(count));
        }
    }
    progress.report(1.0);
    return credit;
}

std::optional<TripletCeiling> tripletNoiseCeiling(const TripletJudgements& judgements) {
    // Key: the sorted triple; per key, how often each of its three items was chosen.
    struct Hash {
        std::size_t operator()(const std::array<std::uint32_t, 3>& t) const {
            std::uint64_t h = 1469598103934665603ULL;
            for (const auto v : t) h = (h ^ v) * 1099511628211ULL;
            return static_cast<std::size_t>(h);
        }
    };
    std::unordered_map<std::array<std::uint32_t, 3>, std::array<std::size_t, 3>, Hash> counts;
    for (std::size_t k = 0; k < judgements.items.size(); ++k) {
        std::array<std::uint32_t, 3> sorted = judgements.items[k];
        std::sort(sorted.begin(), sorted.end());
        const std::uint32_t chosen = judgements.items[k][judgements.odd[k]];
        const auto position =
            static_cast<std::size_t>(std::find(sorted.begin(), sorted.end(), chosen) - sorted.begin());
        ++counts[sorted][position];
    }
    TripletCeiling c;
    double sum = 0.0;
    for (const auto& [key, chosen] : counts) {
        const std::size_t total = chosen[0] + chosen[1] + chosen[2];
        if (total < 2) continue;
        sum += static_cast<double>(std::max({chosen[0], chosen[1], chosen[2]})) /
               static_cast<double>(total);
        ++c.repeated;
    }
    if (c.repeated == 0) return std::nullopt;
    c.value = sum / static_cast<double>(c.repeated);
    return c;
}

}  // namespace repscope::alignment
