#include "repscope/alignment/noise_ceiling.h"

#include <cmath>
#include <limits>
#include <utility>

#include <omp.h>

#include "metrics/radix_ranks.h"
#include "repscope/error.h"
#include "repscope/metrics/rsa.h"

namespace repscope::alignment {

using Eigen::Index;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The finite entries, their positions, and a way back.
struct Present {
    std::vector<Index> at;
    Eigen::VectorXd values;
};

Present present(const Eigen::VectorXd& v) {
    Present p;
    for (Index i = 0; i < v.size(); ++i) {
        if (std::isfinite(v(i))) p.at.push_back(i);
    }
    p.values.resize(static_cast<Index>(p.at.size()));
    for (std::size_t k = 0; k < p.at.size(); ++k) p.values(static_cast<Index>(k)) = v(p.at[k]);
    return p;
}

std::string subjectName(const std::vector<std::string>& names, std::size_t s) {
    return s < names.size() ? names[s] : "subject " + std::to_string(s + 1);
}

}  // namespace

namespace {

// The finite values of an RDM normalised for the comparator (see normaliseForComparator).
Eigen::VectorXd normalised(const Eigen::VectorXd& values, Comparator comparator) {
    if (values.size() == 0) throw FormatError("an RDM of the set has no dissimilarity at all");
    switch (comparator) {
        case Comparator::Cosine:
        case Comparator::CosineCov: {
            const double rms = std::sqrt(values.squaredNorm() / static_cast<double>(values.size()));
            if (!(rms > 0.0)) throw FormatError("an RDM of the set has only zero dissimilarities");
            return values / rms;
        }
        case Comparator::Pearson:
        case Comparator::CorrCov: {
            const double mean = values.mean();
            Eigen::VectorXd centred = values.array() - mean;
            const double sd = std::sqrt(centred.squaredNorm() / static_cast<double>(values.size()));
            if (!(sd > 0.0)) throw FormatError("an RDM of the set has all dissimilarities equal");
            centred /= sd;
            return centred;
        }
        case Comparator::Spearman:
        case Comparator::RhoA:
        case Comparator::KendallTauA: break;
    }
    return metrics::averageRanks(values);
}

}  // namespace

Eigen::VectorXd normaliseForComparator(const Eigen::VectorXd& rdm, Comparator comparator) {
    if (rdm.allFinite()) return normalised(rdm, comparator);  // nothing to leave out
    const Present p = present(rdm);
    const Eigen::VectorXd values = normalised(p.values, comparator);
    Eigen::VectorXd out = Eigen::VectorXd::Constant(rdm.size(), kNaN);
    for (std::size_t k = 0; k < p.at.size(); ++k) out(p.at[k]) = values(static_cast<Index>(k));
    return out;
}

Eigen::VectorXd meanOfPresent(const std::vector<Eigen::VectorXd>& rdms, std::size_t skip) {
    if (rdms.empty()) return {};
    const Index m = rdms.front().size();
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(m);
    Eigen::VectorXd count = Eigen::VectorXd::Zero(m);
    for (std::size_t s = 0; s < rdms.size(); ++s) {
        if (s == skip) continue;
        for (Index i = 0; i < m; ++i) {
            if (std::isfinite(rdms[s](i))) {
                sum(i) += rdms[s](i);
                count(i) += 1.0;
            }
        }
    }
    for (Index i = 0; i < m; ++i) sum(i) = count(i) > 0 ? sum(i) / count(i) : kNaN;
    return sum;
}

namespace {

// Runs work(s) for every subject in parallel; the first failure in subject order is rethrown,
// named.
template <class Work>
void forEachSubject(std::size_t count, const std::vector<std::string>& subjectNames, Work&& work) {
    long failedAt = -1;
    std::string failure;
#pragma omp parallel for schedule(dynamic, 1)
    for (long k = 0; k < static_cast<long>(count); ++k) {
        try {
            work(static_cast<std::size_t>(k));
        } catch (const FormatError& e) {
#pragma omp critical(repscope_noise_ceiling_failure)
            if (failedAt < 0 || k < failedAt) {
                failedAt = k;
                failure = "noise ceiling: " + subjectName(subjectNames, static_cast<std::size_t>(k)) +
                          ": " + e.what();
            }
        }
    }
    if (failedAt >= 0) throw FormatError(failure);
}

bool isRanked(Comparator c) { return c == Comparator::Spearman || c == Comparator::RhoA; }

NoiseCeiling averaged(const std::vector<double>& upper, const std::vector<double>& lower,
                      Progress& progress) {
    NoiseCeiling nc;
    for (std::size_t s = 0; s < upper.size(); ++s) {
        nc.upper += upper[s];
        nc.lower += lower[s];
    }
    const double countD = static_cast<double>(upper.size());
    nc.upper /= countD;
    nc.lower /= countD;
    progress.report(1.0);
    return nc;
}

}  // namespace

std::vector<Eigen::VectorXd> normaliseSubjects(const std::vector<Eigen::VectorXd>& subjects,
                                               Comparator comparator,
                                               const std::vector<std::string>& subjectNames) {
    std::vector<Eigen::VectorXd> normalised(subjects.size());
    forEachSubject(subjects.size(), subjectNames, [&](std::size_t s) {
        normalised[s] = normaliseForComparator(subjects[s], comparator);
    });
    return normalised;
}

std::optional<NoiseCeiling> noiseCeiling(const std::vector<Eigen::VectorXd>& subjects,
                                         Comparator comparator,
                                         const std::vector<std::string>& subjectNames,
                                         Progress& progress) {
    if (subjects.size() < 2) return std::nullopt;
    const auto normalised = normaliseSubjects(subjects, comparator, subjectNames);
    progress.report(0.3);
    return noiseCeilingOfNormalised(subjects, normalised, comparator, subjectNames, progress);
}

std::optional<NoiseCeiling> noiseCeilingOfNormalised(const std::vector<Eigen::VectorXd>& subjects,
                                                     const std::vector<Eigen::VectorXd>& normalised,
                                                     Comparator comparator,
                                                     const std::vector<std::string>& subjectNames,
                                                     Progress& progress) {
    if (subjects.size() < 2) return std::nullopt;
    const std::size_t count = subjects.size();
    // With no missing pair, the mean of the others is (sum − own) / (S − 1): O(S·M), not O(S²·M).
    // For the rank comparators this is exact (ranks are multiples of ½, their sums exact in
    // float64), so ties of the mean are the same as summing the others directly; and since
    // dividing by S − 1 changes no order, the sums themselves are ranked (integers 2x, the
    // fast path of the ranking), and each subject's ranks are its prepared form.
    bool complete = true;
    for (const auto& v : normalised) complete = complete && v.allFinite();
    const bool ranked = complete && isRanked(comparator);
    Eigen::VectorXd sum;
    if (complete) {
        sum = Eigen::VectorXd::Zero(normalised.front().size());
        for (const auto& v : normalised) sum += v;
    }
    std::vector<double> upper(count);
    std::vector<double> lower(count);
    if (ranked) {
        // Each subject's ranks are its prepared form, so nothing is copied: the ranks of the sum
        // once, and per subject the others' sum and its ranks in two buffers per thread, reused
        // (fresh memory for each costs as much to fault in as the ranking on a virtual machine).
        const Eigen::VectorXd allRanks = metrics::averageRanks(sum);
        struct Buffers {
            Eigen::VectorXd others;
            Eigen::VectorXd ranks;
        };
        std::vector<Buffers> buffers(static_cast<std::size_t>(omp_get_max_threads()));
        forEachSubject(count, subjectNames, [&](std::size_t s) {
            Buffers& b = buffers[static_cast<std::size_t>(omp_get_thread_num())];
            upper[s] = compareAverageRanks(allRanks, normalised[s], comparator);
            b.others = sum - normalised[s];  // allocates on a thread's first subject only
            b.ranks.resize(sum.size());
            metrics::detail::radixAverageRanksInto(b.others, b.ranks,
                                                   metrics::detail::ProgressSpan(silentProgress()));
            lower[s] = compareAverageRanks(b.ranks, normalised[s], comparator);
        });
        return averaged(upper, lower, progress);
    }
    const PreparedRdm all(meanOfPresent(normalised), comparator);
    forEachSubject(count, subjectNames, [&](std::size_t s) {
        const PreparedRdm subject(subjects[s], comparator);
        upper[s] = compare(all, subject);
        Eigen::VectorXd others =
            complete ? Eigen::VectorXd((sum - normalised[s]) / static_cast<double>(count - 1))
                     : meanOfPresent(normalised, s);
        lower[s] = compare(PreparedRdm(std::move(others), comparator), subject);
    });
    return averaged(upper, lower, progress);
}

}  // namespace repscope::alignment
