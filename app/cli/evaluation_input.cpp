#include "cli/evaluation_input.h"

#include "cli/arguments.h"
#include "repscope/alignment/comparator.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"

namespace repscope::cli {

namespace {

struct TargetSpec {
    std::string file;
    std::string path;  // empty: the file's only RDM set
};

TargetSpec parseTarget(const std::string& spec) {
    if (spec.empty()) throw InputError("--target needs an RDM set (FILE:PATH or RATINGS.csv)");
    if (spec.find(":/") != std::string::npos) {
        const QualifiedPath q = splitQualifiedPath(spec);
        return {q.file, q.path};
    }
    return {spec, {}};
}

const RdmSet& findTargetSet(const DataFile& file, const TargetSpec& target) {
    if (target.path.empty()) {
        if (file.rdmSets().size() == 1) return file.rdmSets().front();
        if (file.rdmSets().empty()) {
            throw FormatError(file.path() + " holds no RDM set (a dataset with attribute kind = "
                                            "\"rdm_set\", an rsatoolbox RDMs file with several "
                                            "rows, or a ratings CSV)");
        }
        std::string paths;
        for (const RdmSet& s : file.rdmSets()) paths += (paths.empty() ? "" : ", ") + s.path;
        throw InputError(file.path() + " holds several RDM sets (" + paths +
                         "); name one as --target FILE:PATH");
    }
    if (const RdmSet* set = file.findRdmSet(target.path)) return *set;
    // Not a set: say what it is (a single RDM, a representation, nothing).
    const RepresentationPtr single = file.find(target.path);  // throws when absent
    throw FormatError(single->info().qualifiedName() +
                      (single->info().kind == RepresentationKind::Rdm
                           ? " is a single RDM, not an RDM set of several subjects"
                           : " is a representation, not an RDM set") +
                      " (a dataset with attribute kind = \"rdm_set\", an rsatoolbox RDMs file "
                      "with several rows, or a ratings CSV)");
}

}  // namespace

EvaluationFiles openEvaluationFiles(const std::vector<std::string>& files, const std::string& targetSpec) {
    const TargetSpec target = parseTarget(targetSpec);
    EvaluationFiles out;
    std::size_t targetIndex = files.size();
    for (std::size_t k = 0; k < files.size(); ++k) {
        out.collection.add(DataFile::open(files[k]));
        if (files[k] == target.file) targetIndex = k;
    }
    out.targetIsModelFile = targetIndex < files.size();
    if (!out.targetIsModelFile) out.collection.add(DataFile::open(target.file));
    const RdmSet& set = findTargetSet(*out.collection.files()[targetIndex], target);
    out.target = {targetIndex, set.path};
    return out;
}

alignment::CollectionEvaluationOptions evaluationOptionsFrom(const Arguments& a) {
    if (!a.options.count("--target")) {
        throw InputError("needs --target FILE:PATH|RATINGS.csv, the RDM set to evaluate against");
    }
    if (!a.options.count("--comparator")) {
        throw InputError("needs --comparator (spearman, pearson, kendall_tau_a, rho_a, cosine, "
                         "corr_cov or cosine_cov)");
    }
    alignment::CollectionEvaluationOptions options;
    alignment::EvaluationOptions& e = options.evaluation;
    e.comparator = alignment::parseComparator(a.option("--comparator", ""));
    e.bootstrap = a.count("--bootstrap", 0);
    e.bootstrapStimuli = a.has("--bootstrap-stimuli");
    e.seed = a.count("--seed", 0);
    if (e.bootstrapStimuli && e.bootstrap == 0) {
        throw InputError("--bootstrap-stimuli resamples within --bootstrap B; give B too");
    }
    if (e.bootstrap == 1) throw InputError("--bootstrap needs at least 2 resamples");
    options.measure = metrics::parseRdmMeasure(a.option("--rdm-measure", "correlation"));
    options.select = a.option("--select", "*");
    return options;
}

}  // namespace repscope::cli
