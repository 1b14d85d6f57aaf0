// repscope evaluate FILE... --target FILE:PATH|RATINGS.csv --comparator C [--rdm-measure M]
//          [--select GLOB] [--bootstrap B [--bootstrap-stimuli]] [--seed S] [--json]
// (alignment.md, "Command line").
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/evaluation_input.h"
#include "cli/evaluation_output.h"
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/collection.h"
#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/metrics/rdm.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kEvaluateUsage =
    "Usage: repscope evaluate FILE... --target FILE:PATH|RATINGS.csv --comparator C\n"
    "                         [--rdm-measure M] [--select GLOB] [--bootstrap B\n"
    "                         [--bootstrap-stimuli]] [--seed S] [--json]\n\n"
    "Every model of the FILEs against every subject of an RDM set: per-subject comparator\n"
    "values, their mean and standard error (ddof 1), a one-sided one-sample t test over subjects\n"
    "(mean > 0), paired two-sided t tests between every two models, Benjamini-Hochberg FDR\n"
    "across the models and across the pairs, and the noise ceiling (rsatoolbox's\n"
    "boot_noise_ceiling: lower = leave one subject out, upper = all subjects).\n"
    "  --target T         the RDM set: FILE:/path of a dataset with attribute kind = \"rdm_set\"\n"
    "                     (S x N x N or S x N(N-1)/2), FILE:/dissimilarities of an rsatoolbox RDMs\n"
    "                     file with several rows, an (S, N, N) .npy (/rdms), a MATLAB .mat\n"
    "                     variable (v5 or v7.3): S x N x N, or the RSA toolbox's struct array\n"
    "                     with fields RDM and name (FILE.mat:/RDMs, one subject per element), or a\n"
    "                     ratings CSV (header subject,stimulus_a,stimulus_b,similarity|\n"
    "                     dissimilarity); a file with one set needs no path\n"
    "  --comparator C     spearman, pearson, kendall_tau_a, rho_a (Spearman without tie\n"
    "                     correction), cosine, corr_cov, cosine_cov (whitened, Diedrichsen et al.\n"
    "                     2021). Missing pairs: each subject is compared on the pairs present in\n"
    "                     both RDMs (whitened: least-squares centring, as rsatoolbox)\n"
    "  --rdm-measure M    the RDM of each model representation: correlation (default), cosine,\n"
    "                     euclidean, sqeuclidean\n"
    "  --select GLOB      models whose /model/layer path or file:/model/layer name matches\n"
    "  --bootstrap B      95 % percentile interval of each model's mean from B resamples of the\n"
    "                     subjects; --bootstrap-stimuli resamples stimuli too (self-pairs dropped)\n"
    "  --seed S           seed of the resampling (default 0)\n"
    "  --json             {\"target\", \"comparator\", \"subjects\", \"n\",\n"
    "                      \"noise_ceiling\": {\"lower\", \"upper\"} (null for one subject),\n"
    "                      \"models\": [{\"file\", \"path\", \"per_subject\", \"mean\", \"sem\", \"t\",\n"
    "                                  \"p\", \"p_fdr\", \"ci95\"}],\n"
    "                      \"pairwise\": [{\"a\", \"b\", \"t\", \"p\", \"p_fdr\"}]}\n"
    "Models: every numeric representation and every single precomputed RDM of the FILEs; RDM\n"
    "sets, ratings and the target are not models, except a MATLAB struct array of RDMs that is\n"
    "not the target: each element is a model, FILE.mat:/VAR/<name> (--select leaves some out).\n"
    "Files align by stimulus label (stimuli missing from one side are dropped and reported on\n"
    "stderr; files without labels, such as .npy and .mat, align by position).\n";

int runEvaluate(const std::vector<std::string>& args) {
    const Arguments a = parseArguments(
        "evaluate", args, {"--json", "--bootstrap-stimuli"},
        {"--target", "--comparator", "--rdm-measure", "--select", "--bootstrap", "--seed"});
    if (a.positional.empty()) throw InputError("expects at least one FILE of models (see --help)");
    alignment::CollectionEvaluationOptions evaluationOptions = evaluationOptionsFrom(a);

    EvaluationFiles files = openEvaluationFiles(a.positional, a.option("--target", ""));
    const Collection& collection = files.collection;
    const std::size_t targetIndex = files.target.fileIndex;
    const bool targetIsModelFile = files.targetIsModelFile;
    const DataFile& targetFile = *collection.files()[targetIndex];
    const RdmSet& set = alignment::targetSet(collection, files.target);
    for (const auto& line : collection.alignmentReport()) std::cerr << line << "\n";
    if (set.members.size() == 1) {
        std::cerr << "note: " << printable(targetFile.path() + ":" + set.path)
                  << " has one subject, so there is no noise ceiling and no t test; the models "
                     "are still compared with it\n";
    }
    evaluationOptions.excludeTargetFile = !targetIsModelFile;
    alignment::CollectionEvaluation evaluated;
    try {
        evaluated = alignment::evaluateCollection(collection, {targetIndex, set.path},
                                                  evaluationOptions);
    } catch (const InputError& e) {
        // The core names no command-line options; say which FILEs hold no model.
        if (std::string(e.what()).find("no model") == std::string::npos) throw;
        const std::string& select = evaluationOptions.select;
        throw InputError(select == "*" ? "the FILEs hold no model (a representation or a single "
                                         "precomputed RDM) besides RDM sets"
                                       : "no model matches --select '" + select + "'");
    }
    printEvaluation(evaluated, evaluationOptions.evaluation, evaluationOptions.measure,
                    a.has("--json"));
    return 0;
}

}  // namespace repscope::cli
