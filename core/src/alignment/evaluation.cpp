#include "repscope/alignment/evaluation.h"

#include <atomic>
#include <cmath>
#include <limits>

#include "repscope/error.h"
#include "repscope/sub_progress.h"

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

// values(m, s) = comparator(model m, subject s), in parallel; the first failure is rethrown
// (named) unless `tolerant`, where undefined values are NaN.
Eigen::MatrixXd compareAll(const std::vector<PreparedRdm>& models,
                           const std::vector<PreparedRdm>& subjects, const NamedRdms* modelNames,
                           const NamedRdms* subjectNames, bool tolerant, Progress& progress) {
    const auto nm = static_cast<Index>(models.size());
    const auto ns = static_cast<Index>(subjects.size());
    Eigen::MatrixXd values(nm, ns);
    // The failure of the first pair in (model, subject) order is reported, whichever thread
    // meets one first.
    long failedAt = -1;
    std::string failure;
    std::atomic<bool> stop{false};
    const long total = static_cast<long>(nm * ns);
#pragma omp parallel for schedule(dynamic, 1)
    for (long k = 0; k < total; ++k) {
        if (stop.load(std::memory_order_relaxed)) continue;
        const Index m = static_cast<Index>(k) / ns;
        const Index s = static_cast<Index>(k) % ns;
        try {
            values(m, s) = compare(models[static_cast<std::size_t>(m)],
                                   subjects[static_cast<std::size_t>(s)]);
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
    {
        SubProgress stage(progress, 0.0, 0.1);
        result.noiseCeiling = noiseCeiling(subjects.rdms, c, subjects.names, stage);
    }
    const std::vector<PreparedRdm> preparedModels = prepare(models.rdms, c, &models);
    const std::vector<PreparedRdm> preparedSubjects = prepare(subjects.rdms, c, &subjects);
    progress.report(0.2);
    Eigen::MatrixXd values;
    {
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
