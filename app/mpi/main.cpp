// `repscope-mpi`: RepScope's batch sub-commands across MPI ranks (`mpirun -n P repscope-mpi
// matrix ...`). `--probe-file` is the isolated probe's child (repscope/probe.h), run before
// MPI starts: each rank probes the files it opens, as `repscope` does.
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/safe_output.h"
#include "distributed_evaluate.h"
#include "distributed_matrix.h"
#include "distributed_rdm.h"
#include "mpi_context.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/probe.h"
#include "repscope/text.h"
#include "repscope/version.h"

namespace {

const char* const kUsage =
    "Usage: mpirun -n P repscope-mpi SUBCOMMAND [OPTIONS]\n\n"
    "Sub-commands (the syntax of `repscope SUBCOMMAND`; see SUBCOMMAND --help):\n"
    "  matrix   every representation against every other, tiles of pairs over the ranks,\n"
    "           resumable with --checkpoint\n"
    "  rdm      one representation's RDM in row blocks over the ranks, streamed to rank 0's\n"
    "           writer (no rank holds the N x N matrix)\n"
    "  evaluate models against subjects' RDMs, the models' RDMs computed over the ranks\n";

std::string selfExecutable(const char* argv0) {
    char buf[PATH_MAX];
    const ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (len > 0) return std::string(buf, static_cast<std::size_t>(len));
    return argv0;
}

int dispatch(const repscope::mpi::MpiContext& context, const std::vector<std::string>& args) {
    const bool root = context.isRoot();
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        if (root) std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        if (root) std::cout << "repscope-mpi " << repscope::kVersion << "\n";
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "matrix") {
        for (const std::string& a : rest) {
            if (a == "--help" || a == "-h") {
                if (root) std::cout << repscope::mpi::kMatrixMpiUsage;
                return 0;
            }
        }
        return repscope::mpi::runDistributedMatrix(context, rest);
    }
    if (args[0] == "rdm") {
        for (const std::string& a : rest) {
            if (a == "--help" || a == "-h") {
                if (root) std::cout << repscope::mpi::kRdmMpiUsage;
                return 0;
            }
        }
        return repscope::mpi::runDistributedRdm(context, rest);
    }
    if (args[0] == "evaluate") {
        for (const std::string& a : rest) {
            if (a == "--help" || a == "-h") {
                if (root) std::cout << repscope::mpi::kEvaluateMpiUsage;
                return 0;
            }
        }
        return repscope::mpi::runDistributedEvaluate(context, rest);
    }
    if (root) {
        std::cerr << "repscope-mpi: '" << repscope::printable(args[0])
                  << "' is not a distributed sub-command (matrix, rdm, evaluate); see "
                     "repscope-mpi --help\n";
    }
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--probe-file") {
        return repscope::runProbeChild(argc, argv);
    }
    repscope::ProbeSettings probe;
    probe.executable = selfExecutable(argv[0]);
    if (const char* t = std::getenv("REPSCOPE_PROBE_TIMEOUT"); t != nullptr && std::atoi(t) > 0) {
        probe.timeoutSeconds = static_cast<unsigned>(std::atoi(t));
    }
    repscope::enableProbe(probe);
    const repscope::mpi::MpiContext context(&argc, &argv);
    const repscope::cli::SafeOutput safe;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--allow-links-outside") {
            repscope::OpenOptions options = repscope::defaultOpenOptions();
            options.allowLinksOutside = true;
            repscope::setDefaultOpenOptions(options);
            continue;
        }
        args.emplace_back(argv[i]);
    }
    const std::string command = args.empty() ? std::string() : args.front();
    try {
        return dispatch(context, args);
    } catch (const repscope::mpi::CollectiveFailure& e) {
        if (context.isRoot()) {
            std::cerr << "repscope-mpi " << command << ": " << repscope::printable(e.what())
                      << "\n";
        }
        return e.usage() ? 2 : 1;
    } catch (const repscope::Error& e) {
        // Only rank 0 gets here (its own writes after every rank has finished).
        std::cerr << "repscope-mpi " << command << ": " << repscope::printable(e.what()) << "\n";
        return 1;
    }
}
