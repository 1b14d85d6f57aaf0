#include "repscope/alignment/evaluation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "repscope/error.h"
#include "repscope/linalg/blas.h"
#include "repscope/metrics/rsa.h"
#include "repscope/sub_progress.h"
#include "metrics/radix_ranks.h"

namespace repscope::alignment {

using Eigen::Index;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkInputs(const NamedRdms& models, const NamedRdms& subjects) {
    if (models.rdms.empty()) throw InputError("there is no model to evaluate");
    if (subjects.rdms.empty()) throw InputError("the target has no subject RDM");
    const Index m = subjects.rdms.front().size();
    for (const auto* set : {&models, &subjects}) {
        for (std::size_t k = 0; k < set->rdms.size(); ++k) {
            if (set->rdms[k].size() != m) {
                throw AlignmentError((k < set->names.size() ? set->names[k] : "an RDM") + " has " +
                                     std::to_string(set->rdms[k].size()) +
                                     " dissimilarities but the first subject has " +
                                     std::to_string(m) + "; they must cover the same stimuli");
            }
        }
    }
}

std::string nameOf(const NamedRdms& set, std::size_t k, const char* what) {
    return k < set.names.size() ? set.names[k] : std::string(what) + " " + std::to_string(k + 1);
}

// values(m, s) = compareAt(m, s) for every pair where `todo` is true (others keep their value),
// in parallel; the failure of the first pair in (model, subject) order is rethrown, named,
// unless `tolerant`, where undefined values are NaN.
template <class CompareAt>
void compareAll(Eigen::MatrixXd& values, const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& todo,
                CompareAt compareAt, const NamedRdms* modelNames, const NamedRdms* subjectNames,
                bool tolerant, Progress& progress) {
    const Index ns = values.cols();
    long failedAt = -1;
    std::string failure;
    std::atomic<bool> stop{false};
    const long total = static_cast<long>(values.rows() * ns);
#pragma omp parallel for schedule(dynamic, 1)
    for (long k = 0; k < total; ++k) {
        if (stop.load(std::memory_order_relaxed)) continue;
        const Index m = static_cast<Index>(k) / ns;
        const Index s = static_cast<Index>(k) % ns;
        if (!todo(m, s)) continue;
        try {
            values(m, s) = compareAt(m, s);
        } catch (const FormatError& e) {
            values(m, s) = kNaN;
            if (!tolerant) {
#pragma omp critical(repscope_evaluation_failure)
                if (failedAt < 0 || k < failedAt) {
                    failedAt = k;
                    failure = nameOf(*modelNames, static_cast<std::size_t>(m), "model") +
                              " against " +
                              nameOf(*subjectNames, static_cast<std::size_t>(s), "subject") +
                              ": " + e.what();
                }
            }
        }
        if (progress.isCancelled()) stop = true;
    }
    progress.throwIfCancelled();
    if (failedAt >= 0) throw FormatError(failure);
}

Eigen::MatrixXd compareAll(const std::vector<PreparedRdm>& models,
                           const std::vector<PreparedRdm>& subjects, const NamedRdms* modelNames,
                           const NamedRdms* subjectNames, bool tolerant, Progress& progress) {
    Eigen::MatrixXd values(static_cast<Index>(models.size()), static_cast<Index>(subjects.size()));
    const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> all =
        Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(values.rows(), values.cols(), true);
    compareAll(values, all,
               [&](Index m, Index s) {
                   return compare(models[static_cast<std::size_t>(m)],
                                  subjects[static_cast<std::size_t>(s)]);
               },
               modelNames, subjectNames, tolerant, progress);
    return values;
}

// Under spearman, pearson, rho_a and cosine the comparator of two complete RDMs is the dot
// product of one unit vector per RDM (centred ranks, centred values, scaled centred ranks,
// values, each over its norm), so all complete pairs come from one blocked matrix product
// instead of one pass over 2 × N(N−1)/2 values per pair. Pairs with a missing entry (pairwise
// deletion) or an undefined side go through compareRdms, which says why.
bool isDotProduct(Comparator c) {
    return c == Comparator::Spearman || c == Comparator::Pearson || c == Comparator::RhoA ||
           c == Comparator::Cosine;
}

// The unit vector of a complete RDM written to `out` (its size), or false when it has none
// (missing entries, all values equal). Ranks are written straight into `out` and centred and
// scaled there: evaluating many models then needs no fresh vector per model.
bool unitInto(const Eigen::VectorXd& v, Comparator c, Eigen::Ref<Eigen::VectorXd> out) {
    if (v.size() < 2 || !v.allFinite()) return false;
    const double n = static_cast<double>(v.size());
    switch (c) {
        case Comparator::Spearman:
            metrics::detail::radixAverageRanksInto(v, out, metrics::detail::ProgressSpan(silentProgress()));
            out.array() -= out.mean();
            break;
        case Comparator::Pearson: out = v.array() - v.mean(); break;
        case Comparator::RhoA:
            metrics::detail::radixAverageRanksInto(v, out, metrics::detail::ProgressSpan(silentProgress()));
            out.array() -= (n + 1.0) / 2.0;
            out *= std::sqrt(12.0 / (n * n * n - n));
            return true;  // not normalised: rho_a has no tie correction
        default: out = v; break;
    }
    const double norm = out.norm();
    if (!(norm > 0.0)) return false;
    out /= norm;
    return true;
}

// unitInto for a complete RDM given by its average ranks (spearman, rho_a).
bool unitFromRanksInto(const Eigen::VectorXd& ranks, Comparator c, Eigen::Ref<Eigen::VectorXd> out) {
    const double n = static_cast<double>(ranks.size());
    if (c == Comparator::RhoA) {
        out = (ranks.array() - (n + 1.0) / 2.0) * std::sqrt(12.0 / (n * n * n - n));
        return true;
    }
    out = ranks.array() - ranks.mean();
    const double norm = out.norm();
    if (!(norm > 0.0)) return false;
    out /= norm;
    return true;
}

// `subjectRanks`, when not empty, holds each subject's average ranks (spearman, rho_a), so that
// complete subjects are not ranked again.
Eigen::MatrixXd compareByProduct(const NamedRdms& models, const NamedRdms& subjects, Comparator c,
                                 const std::vector<Eigen::VectorXd>& subjectRanks,
                                 Progress& progress) {
    const auto nm = static_cast<Index>(models.rdms.size());
    const auto ns = static_cast<Index>(subjects.rdms.size());
    const Index length = subjects.rdms.front().size();
    // One column per RDM: the unit vector, or zeros when it has none. The subjects' columns are
    // kept; the models' are filled a batch at a time into one reused buffer (fresh memory costs
    // as much in page faults as ranking does), each batch against all subjects in one product.
    std::vector<char> usable(static_cast<std::size_t>(nm + ns), 0);
    const auto fill = [&](Eigen::MatrixXd& into, Index column, Index k) {
        const auto& v = k < nm ? models.rdms[static_cast<std::size_t>(k)]
                               : subjects.rdms[static_cast<std::size_t>(k - nm)];
        const bool ranked = k >= nm && !subjectRanks.empty() && v.size() >= 2 && v.allFinite();
        const bool has = ranked ? unitFromRanksInto(subjectRanks[static_cast<std::size_t>(k - nm)], c,
                                                    into.col(column))
                                : unitInto(v, c, into.col(column));
        usable[static_cast<std::size_t>(k)] = has ? 1 : 0;
        if (!has) into.col(column).setZero();
    };
    Eigen::MatrixXd subjectUnits(length, ns);
    linalg::adviseHugePages(subjectUnits);
#pragma omp parallel for schedule(dynamic, 1)
    for (long s = 0; s < static_cast<long>(ns); ++s) fill(subjectUnits, s, nm + s);
    const Index batch = std::clamp<Index>((Index{1} << 25) / std::max<Index>(length, 1), 1, nm);
    Eigen::MatrixXd modelUnits(length, batch);
    linalg::adviseHugePages(modelUnits);
    Eigen::MatrixXd product(nm, ns);
    for (Index first = 0; first < nm; first += batch) {
        const Index count = std::min(batch, nm - first);
#pragma omp parallel for schedule(dynamic, 1)
        for (long m = 0; m < static_cast<long>(count); ++m) fill(modelUnits, m, first + m);
        // All complete pairs of the batch in one product (OpenBLAS where it loads).
        linalg::gemm(true, false, 1.0, modelUnits.leftCols(count), subjectUnits, 0.0,
                     product.middleRows(first, count));
        progress.report(0.9 * static_cast<double>(first + count) / static_cast<double>(nm));
    }
    Eigen::MatrixXd values = Eigen::MatrixXd::Constant(nm, ns, kNaN);
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> todo =
        Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(nm, ns, true);
    for (Index m = 0; m < nm; ++m) {
        for (Index s = 0; s < ns; ++s) {
            if (usable[static_cast<std::size_t>(m)] == 0 ||
                usable[static_cast<std::size_t>(nm + s)] == 0) {
                continue;
            }
            values(m, s) = std::clamp(product(m, s), -1.0, 1.0);
            todo(m, s) = false;
        }
    }
    subjectUnits.resize(0, 0);
    modelUnits.resize(0, 0);
    compareAll(values, todo,
               [&](Index m, Index s) {
                   return compareRdms(models.rdms[static_cast<std::size_t>(m)],
                                      subjects.rdms[static_cast<std::size_t>(s)], c);
               },
               &models, &subjects, false, progress);
    progress.report(1.0);
    return values;
}

std::vector<PreparedRdm> prepare(const std::vector<Eigen::VectorXd>& rdms, Comparator c,
                                 const NamedRdms* names) {
    std::vector<PreparedRdm> out(rdms.size());
    long failedAt = -1;  // the first failing RDM in order, whichever thread meets it
    std::string failure;
    const long count = static_cast<long>(rdms.size());
#pragma omp parallel for schedule(dynamic, 1)
    for (long k = 0; k < count; ++k) {
        try {
            out[static_cast<std::size_t>(k)] = PreparedRdm(rdms[static_cast<std::size_t>(k)], c);
        } catch (const Error& e) {
#pragma omp critical(repscope_evaluation_failure)
            if (failedAt < 0 || k < failedAt) {
                failedAt = k;
                failure = (names != nullptr
                               ? nameOf(*names, static_cast<std::size_t>(k), "RDM") + ": "
                               : std::string()) +
                          e.what();
            }
        }
    }
    if (failedAt >= 0) throw FormatError(failure);
    return out;
}

// Mean of row m over the resampled columns; NaN when any is NaN.
double resampledMean(const Eigen::MatrixXd& values, Index m, const std::vector<std::size_t>& cols) {
    double sum = 0.0;
    for (const std::size_t s : cols) sum += values(m, static_cast<Index>(s));
    return sum / static_cast<double>(cols.size());
}

stats::Interval percentileInterval(const std::vector<double>& draws) {
    std::vector<double> usable;
    for (const double d : draws) {
        if (std::isfinite(d)) usable.push_back(d);
    }
    if (usable.size() < 2) {
        throw FormatError("the bootstrap gave fewer than 2 usable resamples (" +
                          std::to_string(usable.size()) + " of " + std::to_string(draws.size()) +
                          "), so there is no interval");
    }
    stats::Interval ci;
    ci.used = usable.size();
    ci.lo = stats::percentile(usable, 2.5);
    ci.hi = stats::percentile(usable, 97.5);
    return ci;
}

}  // namespace

Eigen::VectorXd resampleCondensed(const Eigen::VectorXd& rdm, std::size_t n,
                                  const std::vector<std::size_t>& idx) {
    auto at = [&](std::size_t i, std::size_t j) {
        if (i > j) std::swap(i, j);
        return rdm(static_cast<Index>(i * n - i * (i + 1) / 2 + (j - i - 1)));
    };
    std::vector<double> out;
    out.reserve(idx.size() * (idx.size() - 1) / 2);
    for (std::size_t a = 0; a < idx.size(); ++a) {
        for (std::size_t b = a + 1; b < idx.size(); ++b) {
            if (idx[a] != idx[b]) out.push_back(at(idx[a], idx[b]));
        }
    }
    return Eigen::Map<Eigen::VectorXd>(out.data(), static_cast<Index>(out.size()));
}

Evaluation evaluateModels(const NamedRdms& models, const NamedRdms& subjects,
                          const EvaluationOptions& options, Progress& progress) {
    checkInputs(models, subjects);
    const Comparator c = options.comparator;
    if (options.bootstrapStimuli && isWhitened(c)) {
        throw InputError(std::string(comparatorName(c)) +
                         " needs complete RDMs, which a stimulus bootstrap does not give (it "
                         "drops the self-pairs of repeated stimuli); bootstrap subjects only");
    }
    if (options.bootstrap == 1) {
        throw InputError("--bootstrap needs at least 2 resamples");
    }
    const double bootShare = options.bootstrap > 0 ? (options.bootstrapStimuli ? 0.7 : 0.1) : 0.0;
    Evaluation result;
    // Under spearman and rho_a the noise ceiling's ranked subjects serve the model comparisons
    // too: each subject is ranked once.
    const bool shareRanks = (c == Comparator::Spearman || c == Comparator::RhoA) &&
                            subjects.rdms.size() >= 2;
    std::vector<Eigen::VectorXd> subjectRanks;
    {
        SubProgress stage(progress, 0.0, 0.1);
        if (shareRanks) {
            subjectRanks = normaliseSubjects(subjects.rdms, c, subjects.names);
            result.noiseCeiling =
                noiseCeilingOfNormalised(subjects.rdms, subjectRanks, c, subjects.names, stage);
        } else {
            result.noiseCeiling = noiseCeiling(subjects.rdms, c, subjects.names, stage);
        }
    }
    Eigen::MatrixXd values;
    if (isDotProduct(c)) {
        SubProgress stage(progress, 0.1, 1.0 - bootShare);
        values = compareByProduct(models, subjects, c, subjectRanks, stage);
        subjectRanks.clear();
    } else {
        const std::vector<PreparedRdm> preparedModels = prepare(models.rdms, c, &models);
        const std::vector<PreparedRdm> preparedSubjects = prepare(subjects.rdms, c, &subjects);
        progress.report(0.2);
        SubProgress stage(progress, 0.2, 1.0 - bootShare);
        values = compareAll(preparedModels, preparedSubjects, &models, &subjects, false, stage);
    }
    const std::size_t nm = models.rdms.size();
    const std::size_t ns = subjects.rdms.size();
    std::vector<double> pValues;
    for (std::size_t m = 0; m < nm; ++m) {
        ModelScore score;
        for (std::size_t s = 0; s < ns; ++s) {
            score.perSubject.push_back(values(static_cast<Index>(m), static_cast<Index>(s)));
        }
        const stats::MeanSem ms = stats::meanAndSem(score.perSubject);
        score.mean = ms.mean;
        score.sem = ms.sem;
        score.test = stats::oneSampleTTestGreater(score.perSubject);
        pValues.push_back(score.test.p);
        result.models.push_back(std::move(score));
    }
    const std::vector<double> q = stats::benjaminiHochberg(pValues);
    for (std::size_t m = 0; m < nm; ++m) result.models[m].pFdr = q[m];

    std::vector<double> pairP;
    for (std::size_t a = 0; a < nm; ++a) {
        for (std::size_t b = a + 1; b < nm; ++b) {
            ModelPair pair;
            pair.a = a;
            pair.b = b;
            pair.test = stats::pairedTTest(result.models[a].perSubject, result.models[b].perSubject);
            pairP.push_back(pair.test.p);
            result.pairwise.push_back(pair);
        }
    }
    const std::vector<double> pairQ = stats::benjaminiHochberg(pairP);
    for (std::size_t k = 0; k < pairQ.size(); ++k) result.pairwise[k].pFdr = pairQ[k];

    if (options.bootstrap > 0) {
        const std::size_t b = options.bootstrap;
        const auto subjectDraws = stats::bootstrapSamples(ns, b, options.seed);
        std::vector<std::vector<double>> draws(nm, std::vector<double>(b, kNaN));
        if (!options.bootstrapStimuli) {
            for (std::size_t k = 0; k < b; ++k) {
                for (std::size_t m = 0; m < nm; ++m) {
                    draws[m][k] = resampledMean(values, static_cast<Index>(m), subjectDraws[k]);
                }
            }
        } else {
            const std::size_t n =
                stimuliOfCondensed(static_cast<std::size_t>(subjects.rdms.front().size()));
            const auto stimulusDraws = stats::bootstrapSamples(n, b, options.seed + 1);
            SubProgress stage(progress, 1.0 - bootShare, 1.0);
            for (std::size_t k = 0; k < b; ++k) {
                stage.report(static_cast<double>(k) / static_cast<double>(b));
                std::vector<Eigen::VectorXd> rm(nm);
                std::vector<Eigen::VectorXd> rs(ns);
                for (std::size_t m = 0; m < nm; ++m) {
                    rm[m] = resampleCondensed(models.rdms[m], n, stimulusDraws[k]);
                }
                for (std::size_t s = 0; s < ns; ++s) {
                    rs[s] = resampleCondensed(subjects.rdms[s], n, stimulusDraws[k]);
                }
                Eigen::MatrixXd v;
                try {
                    Progress quiet;
                    v = compareAll(prepare(rm, c, nullptr), prepare(rs, c, nullptr), nullptr,
                                   nullptr, true, quiet);
                } catch (const FormatError&) {
                    continue;  // this resample leaves an RDM undefined: skipped
                }
                for (std::size_t m = 0; m < nm; ++m) {
                    draws[m][k] = resampledMean(v, static_cast<Index>(m), subjectDraws[k]);
                }
            }
        }
        for (std::size_t m = 0; m < nm; ++m) result.models[m].ci95 = percentileInterval(draws[m]);
    }
    progress.report(1.0);
    return result;
}

}  // namespace repscope::alignment
