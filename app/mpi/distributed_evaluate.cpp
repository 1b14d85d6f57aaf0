// repscope-mpi evaluate FILE... --target FILE:PATH|RATINGS.csv --comparator C [options] [--json]
#include "distributed_evaluate.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>

#include "cli/arguments.h"
#include "cli/evaluation_input.h"
#include "cli/evaluation_output.h"
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::mpi {

const char* const kEvaluateMpiUsage =
    "Usage: mpirun -n P repscope-mpi evaluate FILE... --target FILE:PATH|RATINGS.csv\n"
    "                 --comparator C [--rdm-measure M] [--select GLOB]\n"
    "                 [--bootstrap B [--bootstrap-stimuli]] [--seed S] [--json]\n\n"
    "`repscope evaluate` with the models' RDMs computed over MPI ranks (longest first by\n"
    "N^2 x D); rank 0 reads the subjects, gathers the models' condensed RDMs and prints what\n"
    "`repscope evaluate` prints. Each rank reads only its models.\n";

namespace {

constexpr int kModelTag = 19;

struct EvaluateJob {
    cli::Arguments arguments;
    cli::EvaluationFiles files;
    alignment::CollectionEvaluationOptions options;
    alignment::EvaluationPlan plan;
};

EvaluateJob openJob(const std::vector<std::string>& args) {
    EvaluateJob job;
    job.arguments = cli::parseArguments(
        "evaluate", args, {"--json", "--bootstrap-stimuli"},
        {"--target", "--comparator", "--rdm-measure", "--select", "--bootstrap", "--seed"});
    const cli::Arguments& a = job.arguments;
    if (a.positional.empty()) throw InputError("expects at least one FILE of models (see --help)");
    job.options = cli::evaluationOptionsFrom(a);
    job.files = cli::openEvaluationFiles(a.positional, a.option("--target", ""));
    job.options.excludeTargetFile = !job.files.targetIsModelFile;
    try {
        job.plan = alignment::planEvaluation(job.files.collection, job.files.target, job.options);
    } catch (const InputError& error) {
        if (std::string(error.what()).find("no model") == std::string::npos) throw;
        throw InputError(job.options.select == "*"
                             ? "the FILEs hold no model (a representation or a single "
                               "precomputed RDM) besides RDM sets"
                             : "no model matches --select '" + job.options.select + "'");
    }
    return job;
}

// Models for each rank: longest first (a model's RDM costs N²·D, a precomputed one N²) to the
// rank with the least work.
std::vector<std::vector<std::size_t>> assignModels(const alignment::EvaluationPlan& plan,
                                                   int ranks) {
    std::vector<std::size_t> order(plan.models.size());
    std::vector<double> cost(plan.models.size());
    for (std::size_t m = 0; m < plan.models.size(); ++m) {
        order[m] = m;
        const RepresentationInfo& info = plan.models[m].representation->info();
        cost[m] = info.kind == RepresentationKind::Rdm ? 1.0 : static_cast<double>(info.d);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(std::max(ranks, 1)));
    std::vector<double> load(out.size(), 0.0);
    for (std::size_t m : order) {
        const auto r = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) -
                                                load.begin());
        load[r] += cost[m];
        out[r].push_back(m);
    }
    return out;
}

}  // namespace

int runDistributedEvaluate(const MpiContext& context, const std::vector<std::string>& args) {
    EvaluateJob job;
    collectively(context, [&] { job = openJob(args); });
    const Collection& collection = job.files.collection;
    const alignment::SetTarget& target = job.files.target;
    if (context.isRoot()) {
        for (const auto& line : collection.alignmentReport()) std::cerr << line << "\n";
        const RdmSet& set = alignment::targetSet(collection, target);
        if (set.members.size() == 1) {
            std::cerr << "note: " << printable(job.plan.target)
                      << " has one subject, so there is no noise ceiling and no t test; the "
                         "models are still compared with it\n";
        }
    }
    const auto assignment = assignModels(job.plan, context.size());
    const std::vector<std::size_t>& mine = assignment[static_cast<std::size_t>(context.rank())];
    const std::size_t modelCount = job.plan.models.size();
    std::vector<Eigen::VectorXd> rdms(context.isRoot() ? modelCount : 0);
    std::size_t expected = modelCount - mine.size();
    std::vector<char> message;
    const auto take = [&](bool wait) {
        while (expected > 0 && receiveBytes(message, kModelTag, wait)) {
            std::uint64_t header[2] = {0, 0};
            if (message.size() < sizeof header) throw FormatError("a model message was cut short.");
            std::memcpy(header, message.data(), sizeof header);
            if (header[0] >= modelCount ||
                message.size() != sizeof header + header[1] * sizeof(double)) {
                throw FormatError("a model message was cut short.");
            }
            Eigen::VectorXd v(static_cast<Eigen::Index>(header[1]));
            std::memcpy(v.data(), message.data() + sizeof header, header[1] * sizeof(double));
            rdms[static_cast<std::size_t>(header[0])] = std::move(v);
            --expected;
            if (wait) break;
        }
    };
    const auto start = std::chrono::steady_clock::now();
    alignment::CollectionEvaluation evaluated;
    try {
        for (std::size_t m : mine) {
            Eigen::VectorXd v =
                alignment::modelRdm(collection, job.plan.models[m], job.options, job.plan.labels);
            if (context.isRoot()) {
                rdms[m] = std::move(v);
                take(false);
            } else {
                std::vector<char> bytes(2 * sizeof(std::uint64_t) +
                                        static_cast<std::size_t>(v.size()) * sizeof(double));
                const std::uint64_t header[2] = {m, static_cast<std::uint64_t>(v.size())};
                std::memcpy(bytes.data(), header, sizeof header);
                std::memcpy(bytes.data() + sizeof header, v.data(),
                            static_cast<std::size_t>(v.size()) * sizeof(double));
                sendBytes(std::move(bytes), 0, kModelTag);
            }
        }
        if (context.isRoot()) {
            while (expected > 0) take(true);
            const alignment::NamedRdms subjects =
                alignment::subjectRdms(collection, target, job.options);
            alignment::NamedRdms models;
            for (std::size_t m = 0; m < modelCount; ++m) {
                models.names.push_back(job.plan.models[m].representation->info().qualifiedName());
                models.rdms.push_back(std::move(rdms[m]));
            }
            evaluated.target = job.plan.target;
            evaluated.n = job.plan.n;
            evaluated.subjects = subjects.names;
            evaluated.models = job.plan.models;
            evaluated.modelNames = models.names;
            evaluated.result = alignment::evaluateModels(models, subjects, job.options.evaluation);
        }
        finishSends();
    } catch (const Error& e) {
        abortJob(context, e.what());
    } catch (const std::bad_alloc&) {
        abortJob(context, "out of memory");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::vector<double> stats = gatherDoubles({static_cast<double>(mine.size()), seconds});
    if (!context.isRoot()) return 0;
    for (std::size_t r = 0; 2 * r < stats.size(); ++r) {
        std::cerr << "repscope-mpi evaluate: rank " << r << ": " << stats[2 * r] << " models in "
                  << stats[2 * r + 1] << " s\n";
    }
    cli::printEvaluation(evaluated, job.options.evaluation, job.options.measure,
                         job.arguments.has("--json"));
    return 0;
}

}  // namespace repscope::mpi
