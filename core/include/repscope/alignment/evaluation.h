#pragma once
// Evaluating model RDMs against an RDM set (alignment.md, "Evaluation and inference"): for each
// model the comparator against every subject, their mean and standard error (ddof 1), a
// one-sided one-sample t test over subjects (mean > 0), paired two-sided t tests between every
// two models, Benjamini–Hochberg FDR across the models and across the pairs, the noise ceiling,
// and optionally a bootstrap 95 % percentile interval of each model's mean (resampling subjects,
// and with bootstrapStimuli stimuli too, dropping the self-pairs that resampling creates).
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "repscope/alignment/comparator.h"
#include "repscope/alignment/noise_ceiling.h"
#include "repscope/progress.h"
#include "repscope/stats/resampling.h"
#include "repscope/stats/t_tests.h"

namespace repscope::alignment {

struct EvaluationOptions {
    Comparator comparator = Comparator::Spearman;
    std::size_t bootstrap = 0;      // resamples; 0: no interval
    bool bootstrapStimuli = false;  // resample stimuli as well as subjects
    std::uint64_t seed = 0;
};

// Condensed RDMs (NaN = missing pair) over the same N stimuli, with their names.
struct NamedRdms {
    std::vector<std::string> names;
    std::vector<Eigen::VectorXd> rdms;
};

struct ModelScore {
    std::vector<double> perSubject;
    double mean = 0.0;
    double sem = 0.0;      // NaN for one subject
    stats::TTest test;     // t and one-sided p (NaN for one subject)
    double pFdr = 0.0;     // BH across the models
    std::optional<stats::Interval> ci95;
};

struct ModelPair {
    std::size_t a = 0;
    std::size_t b = 0;
    stats::TTest test;  // paired, two-sided
    double pFdr = 0.0;  // BH across the pairs
};

struct Evaluation {
    std::optional<NoiseCeiling> noiseCeiling;  // nullopt for one subject
    std::vector<ModelScore> models;
    std::vector<ModelPair> pairwise;  // (0,1), (0,2), …, (1,2), …
};

// Throws InputError for no model or no subject, AlignmentError for RDMs of different sizes,
// FormatError naming the model and subject when a comparison is undefined, Cancelled.
[[nodiscard]] Evaluation evaluateModels(const NamedRdms& models, const NamedRdms& subjects,
                                        const EvaluationOptions& options,
                                        Progress& progress = silentProgress());

// The condensed vector of the stimuli `idx` of a condensed RDM over N stimuli (pairs a < b of
// idx, skipping idx[a] == idx[b]): what a stimulus resample makes of an RDM.
[[nodiscard]] Eigen::VectorXd resampleCondensed(const Eigen::VectorXd& rdm, std::size_t n,
                                                const std::vector<std::size_t>& idx);

}  // namespace repscope::alignment
