#include "repscope/alignment/noise_ceiling.h"

#include <cmath>
#include <limits>

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

Eigen::VectorXd normaliseForComparator(const Eigen::VectorXd& rdm, Comparator comparator) {
    const Present p = present(rdm);
    if (p.values.size() == 0) throw FormatError("an RDM of the set has no dissimilarity at all");
    Eigen::VectorXd normalised;
    switch (comparator) {
        case Comparator::Cosine:
        case Comparator::CosineCov: {
            const double rms = std::sqrt(p.values.squaredNorm() / static_cast<double>(p.values.size()));
            if (!(rms > 0.0)) throw FormatError("an RDM of the set has only zero dissimilarities");
            normalised = p.values / rms;
            break;
        }
        case Comparator::Pearson:
        case Comparator::CorrCov: {
            const double mean = p.values.mean();
            const Eigen::VectorXd centred = p.values.array() - mean;
            const double sd = std::sqrt(centred.squaredNorm() / static_cast<double>(p.values.size()));
            if (!(sd > 0.0)) throw FormatError("an RDM of the set has all dissimilarities equal");
            normalised = centred / sd;
            break;
        }
        case Comparator::Spearman:
        case Comparator::RhoA:
        case Comparator::KendallTauA: normalised = metrics::averageRanks(p.values); break;
    }
    Eigen::VectorXd out = Eigen::VectorXd::Constant(rdm.size(), kNaN);
    for (std::size_t k = 0; k < p.at.size(); ++k) out(p.at[k]) = normalised(static_cast<Index>(k));
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

std::optional<NoiseCeiling> noiseCeiling(const std::vector<Eigen::VectorXd>& subjects,
                                         Comparator comparator,
                                         const std::vector<std::string>& subjectNames,
                                         Progress& progress) {
    if (subjects.size() < 2) return std::nullopt;
    std::vector<Eigen::VectorXd> normalised;
    normalised.reserve(subjects.size());
    for (std::size_t s = 0; s < subjects.size(); ++s) {
        try {
            normalised.push_back(normaliseForComparator(subjects[s], comparator));
        } catch (const FormatError& e) {
            throw FormatError("noise ceiling: " + subjectName(subjectNames, s) + ": " + e.what());
        }
    }
    const PreparedRdm all(meanOfPresent(normalised), comparator);
    NoiseCeiling nc;
    const double count = static_cast<double>(subjects.size());
    for (std::size_t s = 0; s < subjects.size(); ++s) {
        progress.report(static_cast<double>(s) / count);
        try {
            const PreparedRdm subject(subjects[s], comparator);
            nc.upper += compare(all, subject);
            nc.lower += compare(PreparedRdm(meanOfPresent(normalised, s), comparator), subject);
        } catch (const FormatError& e) {
            throw FormatError("noise ceiling: " + subjectName(subjectNames, s) + ": " + e.what());
        }
    }
    nc.upper /= count;
    nc.lower /= count;
    progress.report(1.0);
    return nc;
}

}  // namespace repscope::alignment
