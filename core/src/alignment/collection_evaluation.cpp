#include "repscope/alignment/collection_evaluation.h"

#include <fnmatch.h>

#include <cmath>
#include <limits>

#include "repscope/alignment/condensed.h"
#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/sub_progress.h"

namespace repscope::alignment {

namespace {

bool selected(const std::string& glob, const RepresentationInfo& info) {
    return glob == "*" || fnmatch(glob.c_str(), info.path.c_str(), 0) == 0 ||
           fnmatch(glob.c_str(), info.qualifiedName().c_str(), 0) == 0;
}

// The rows `keep` of x (all when keep is empty).
MatrixF rowsOf(MatrixF x, const std::vector<std::size_t>& keep) {
    if (keep.empty()) return x;
    MatrixF out(static_cast<Eigen::Index>(keep.size()), x.cols());
    for (std::size_t r = 0; r < keep.size(); ++r) {
        out.row(static_cast<Eigen::Index>(r)) = x.row(static_cast<Eigen::Index>(keep[r]));
    }
    return out;
}

// The rows and columns `keep` of a square x (all when keep is empty).
MatrixF squareOf(MatrixF x, const std::vector<std::size_t>& keep) {
    if (keep.empty()) return x;
    const auto k = static_cast<Eigen::Index>(keep.size());
    MatrixF out(k, k);
    for (Eigen::Index r = 0; r < k; ++r) {
        for (Eigen::Index c = 0; c < k; ++c) {
            out(r, c) = x(static_cast<Eigen::Index>(keep[static_cast<std::size_t>(r)]),
                          static_cast<Eigen::Index>(keep[static_cast<std::size_t>(c)]));
        }
    }
    return out;
}

void checkStimuli(const std::vector<std::size_t>& keep, std::size_t n) {
    for (std::size_t k = 0; k < keep.size(); ++k) {
        if (keep[k] >= n || (k > 0 && keep[k] <= keep[k - 1])) {
            throw InputError("the stimuli to evaluate on must be distinct, sorted and among the "
                             "collection's " + std::to_string(n));
        }
    }
}

// Members of an RDM set are subjects, never models, except those of a MATLAB struct array of
// RDMs (RdmSet::membersAreModels) that is not the target.
bool modelOfSet(const Collection& collection, const CollectionEntry& e, const SetTarget& target) {
    const RepresentationInfo& info = e.representation->info();
    if (e.fileIndex == target.fileIndex && info.rdmSet == target.path) return false;
    const RdmSet* set = collection.files()[e.fileIndex]->findRdmSet(info.rdmSet);
    return set != nullptr && set->membersAreModels;
}

}  // namespace

std::vector<SetTarget> rdmSetTargets(const Collection& collection) {
    std::vector<SetTarget> out;
    for (std::size_t f = 0; f < collection.files().size(); ++f) {
        for (const RdmSet& set : collection.files()[f]->rdmSets()) out.push_back({f, set.path});
    }
    return out;
}

const RdmSet& targetSet(const Collection& collection, const SetTarget& target) {
    if (target.fileIndex < collection.files().size()) {
        if (const RdmSet* set = collection.files()[target.fileIndex]->findRdmSet(target.path)) {
            return *set;
        }
    }
    throw InputError("the RDM set " + target.path + " is no longer open");
}

std::string targetName(const Collection& collection, const SetTarget& target) {
    (void)targetSet(collection, target);  // throws when it is gone
    return collection.files()[target.fileIndex]->path() + ":" + target.path;
}

EvaluationPlan planEvaluation(const Collection& collection, const SetTarget& target,
                              const CollectionEvaluationOptions& options) {
    EvaluationPlan out;
    out.target = targetName(collection, target);  // throws when the set is gone
    const std::size_t all = collection.stimulusCount();
    checkStimuli(options.stimuli, all);
    out.n = options.stimuli.empty() ? all : options.stimuli.size();
    if (out.n < 3) {
        throw AlignmentError(out.target + " shares " + std::to_string(out.n) +
                             " stimuli with the models; evaluating needs at least 3");
    }
    out.labels.reserve(out.n);
    for (std::size_t i = 0; i < out.n; ++i) {
        out.labels.push_back(
            collection.stimuli().label(options.stimuli.empty() ? i : options.stimuli[i]));
    }
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (!info.rdmSet.empty() && !modelOfSet(collection, e, target)) continue;
        if (options.excludeTargetFile && e.fileIndex == target.fileIndex) continue;
        if (!selected(options.select, info)) continue;
        out.models.push_back(e);
    }
    if (out.models.empty()) {
        throw InputError(options.select == "*"
                             ? "there is no model (a representation or a single precomputed RDM) "
                               "besides RDM sets"
                             : "no model matches '" + options.select + "'");
    }
    return out;
}

NamedRdms subjectRdms(const Collection& collection, const SetTarget& target,
                      const CollectionEvaluationOptions& options, Progress& progress) {
    const RdmSet& set = targetSet(collection, target);
    NamedRdms subjects;
    for (std::size_t k = 0; k < set.members.size(); ++k) {
        SubProgress p(progress, static_cast<double>(k) / static_cast<double>(set.members.size()),
                      static_cast<double>(k + 1) / static_cast<double>(set.members.size()));
        const CollectionEntry entry{set.members[k], target.fileIndex};
        subjects.names.push_back(set.subjects.at(k));
        subjects.rdms.push_back(condensedWithMissing(squareOf(collection.read(entry, p), options.stimuli),
                                                     set.members[k]->info().qualifiedName()));
    }
    return subjects;
}

Eigen::VectorXd modelRdm(const Collection& collection, const CollectionEntry& model,
                         const CollectionEvaluationOptions& options,
                         const std::vector<std::string>& labels, Progress& progress) {
    const RepresentationInfo& info = model.representation->info();
    if (info.kind == RepresentationKind::Rdm) {
        return condensedWithMissing(squareOf(collection.read(model, progress), options.stimuli),
                                    info.qualifiedName());
    }
    const MatrixF values = rowsOf(collection.read(model, progress), options.stimuli);
    requireFinite(values, info.qualifiedName(), labels);
    return metrics::upperTriangle(metrics::computeRdm(values, options.measure, labels));
}

CollectionEvaluation evaluateCollection(const Collection& collection, const SetTarget& target,
                                        const CollectionEvaluationOptions& options,
                                        Progress& progress) {
    const RdmSet& set = targetSet(collection, target);
    EvaluationPlan plan = planEvaluation(collection, target, options);
    CollectionEvaluation out;
    out.target = plan.target;
    out.n = plan.n;
    const double reading = 0.6;
    const double step = reading / static_cast<double>(plan.models.size() + set.members.size());
    double done = 0.0;

    SubProgress subjectProgress(progress, 0.0, step * static_cast<double>(set.members.size()));
    const NamedRdms subjects = subjectRdms(collection, target, options, subjectProgress);
    done = step * static_cast<double>(set.members.size());
    out.subjects = subjects.names;

    NamedRdms models;
    for (const CollectionEntry& e : plan.models) {
        SubProgress p(progress, done, done + step);
        models.names.push_back(e.representation->info().qualifiedName());
        models.rdms.push_back(modelRdm(collection, e, options, plan.labels, p));
        out.models.push_back(e);
        done += step;
    }
    out.modelNames = models.names;
    SubProgress rest(progress, reading, 1.0);
    out.result = evaluateModels(models, subjects, options.evaluation, rest);
    progress.report(1.0);
    return out;
}

MatrixF meanSubjectRdm(const Collection& collection, const SetTarget& target, Progress& progress) {
    const RdmSet& set = targetSet(collection, target);
    const auto n = static_cast<Eigen::Index>(collection.stimulusCount());
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(n, n);
    Eigen::MatrixXi count = Eigen::MatrixXi::Zero(n, n);
    for (std::size_t k = 0; k < set.members.size(); ++k) {
        SubProgress p(progress, static_cast<double>(k) / static_cast<double>(set.members.size()),
                      static_cast<double>(k + 1) / static_cast<double>(set.members.size()));
        const MatrixF x = collection.read({set.members[k], target.fileIndex}, p);
        if (x.rows() != n || x.cols() != n) {
            throw FormatError(set.members[k]->info().qualifiedName() + " is not a " +
                              std::to_string(n) + " x " + std::to_string(n) + " RDM");
        }
        for (Eigen::Index r = 0; r < n; ++r) {
            for (Eigen::Index c = 0; c < n; ++c) {
                const float v = x(r, c);
                if (std::isfinite(v)) {
                    sum(r, c) += v;
                    ++count(r, c);
                }
            }
        }
    }
    MatrixF out(n, n);
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index c = 0; c < n; ++c) {
            out(r, c) = r == c ? 0.0F
                        : count(r, c) > 0
                            ? static_cast<float>(sum(r, c) / count(r, c))
                            : std::numeric_limits<float>::quiet_NaN();
        }
    }
    progress.report(1.0);
    return out;
}

}  // namespace repscope::alignment
