#include "cli/cli.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/safe_output.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"
#include "repscope/text.h"
#include "repscope/version.h"

namespace repscope::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"info", "list the stimuli and representations of an HDF5 file", kInfoUsage, runInfo},
        {"rdm", "compute a representational dissimilarity matrix (RDM)", kRdmUsage, runRdm},
        {"compare", "compare two representations with a similarity metric", kCompareUsage,
         runCompare},
        {"matrix", "every representation against every other (layer × layer matrix)",
         kMatrixUsage, runMatrix},
        {"evaluate", "models against subjects' RDMs: noise ceiling, t tests, FDR (RSA)",
         kEvaluateUsage, runEvaluate},
        {"triplets", "agreement of a representation with odd-one-out judgements", kTripletsUsage,
         runTriplets},
        {"compat", "can a new embedding model's queries search the old index (top-k, mAP)",
         kCompatUsage, runCompat},
        {"prefix", "Matryoshka prefixes: a metric and top-1 retrieval over leading dimensions",
         kPrefixUsage, runPrefix},
        {"spectrum", "explained variance, participation ratio, R² of each categorical column",
         kSpectrumUsage, runSpectrum},
        {"project", "project the stimuli to 2-D or 3-D (pca, mds, tsne, umap)", kProjectUsage,
         runProject},
        {"figure", "draw a view (rdm, matrix, projection, units) to PNG, SVG or PDF", kFigureUsage,
         runFigure},
        {"report", "write an HTML or PDF report of files (matrices, RDMs, provenance)", kReportUsage,
         runReport},
        {"metrics", "list the metrics, their parameters and references", kMetricsUsage,
         runMetrics},
        {"demo", "write the built-in demo dataset (MLPs trained on handwritten digits)", kDemoUsage,
         runDemo},
    };
    return list;
}

namespace {

const Command* findCommand(const std::string& name) {
    for (const Command& c : commands()) {
        if (name == c.name) return &c;
    }
    return nullptr;
}

void printHelp() {
    std::cout << "RepScope " << kVersion
              << " — representational similarity analysis\n\n"
                 "Usage:\n"
                 "  repscope [FILE...]              open the GUI (no file: the built-in demo)\n"
                 "  repscope SUBCOMMAND [OPTIONS]   run headless (no display needed)\n"
                 "  repscope SUBCOMMAND --help      options of a sub-command\n"
                 "  repscope --version\n\n"
                 "Sub-commands:\n";
    for (const Command& c : commands()) {
        std::printf("  %-8s %s\n", c.name, c.summary);
    }
    std::cout << "\nA representation is named FILE:/hdf5/path, e.g. acts.h5:/resnet/layer3.\n";
}

}  // namespace

namespace {

// A first argument that is neither a sub-command nor anything a file could be called (no dot,
// no slash, not on disk, not an option): a mistyped sub-command, never a file for the GUI.
bool looksLikeMistypedCommand(const std::string& first) {
    if (first.empty() || first.front() == '-') return false;
    if (first.find_first_of("./\\") != std::string::npos) return false;
    std::error_code ec;
    return !std::filesystem::exists(first, ec);
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

bool isCommandLineInvocation(const std::vector<std::string>& args) {
    if (args.empty()) return false;
    const std::string& first = args.front();
    return first == "--help" || first == "-h" || first == "--version" || first == "help" ||
           findCommand(first) != nullptr || looksLikeMistypedCommand(first);
}

int run(const std::vector<std::string>& args) {
    const SafeOutput safe;
    const std::string& first = args.front();
    if (first == "--version") {
        std::cout << "repscope " << kVersion << "\n"
                  << "linear algebra: " << linalg::blasInfo().backend << " ("
                  << linalg::blasInfo().detail << ")\n";
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp();
        return 0;
    }
    const Command* command = findCommand(first);
    if (command == nullptr) {
        std::string suggestion;
        std::size_t best = 3;
        for (const Command& c : commands()) {
            const std::size_t d = editDistance(first, c.name);
            if (d < best) {
                best = d;
                suggestion = c.name;
            }
        }
        std::cerr << "repscope: unknown sub-command '" << printable(first) << "'"
                  << (suggestion.empty() ? std::string() : " (did you mean '" + suggestion + "'?)")
                  << "; see repscope --help\n";
        return 2;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const std::string& a : rest) {
        if (a == "--help" || a == "-h") {
            std::cout << command->usage;
            return 0;
        }
    }
    try {
        return command->run(rest);
    } catch (const InputError& e) {
        std::cerr << "repscope " << first << ": " << printable(e.what()) << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "repscope " << first << ": " << printable(e.what()) << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "repscope " << first << ": out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "repscope " << first << ": internal error: " << printable(e.what()) << "\n";
        return 3;
    }
}

}  // namespace repscope::cli
