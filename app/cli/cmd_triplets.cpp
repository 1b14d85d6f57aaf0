// repscope triplets FILE:PATH --triplets FILE.csv|FILE.npy [--similarity cosine|dot]
//          [--bootstrap B] [--seed S] [--json]   (alignment.md, "Triplet agreement")
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numeric>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/json_writer.h"
#include "repscope/alignment/triplets.h"
#include "repscope/error.h"
#include "repscope/stats/resampling.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kTripletsUsage =
    "Usage: repscope triplets FILE:PATH --triplets FILE.csv [--similarity cosine|dot]\n"
    "                         [--bootstrap B] [--seed S] [--json]\n\n"
    "How often a representation picks the odd one out that people picked. The CSV has the\n"
    "header subject,a,b,c,odd_one_out (subject optional): three stimulus labels and the one\n"
    "chosen as the odd one out; rows naming a label the file lacks are dropped and counted.\n"
    "A .npy file (THINGS style) is an (n, 3) integer array of stimulus indices in the file's\n"
    "order, the third column the odd one out; rows with an index outside it are dropped.\n"
    "The model's odd one out is the item outside its most similar pair (ties share the credit).\n"
    "  --similarity S  cosine (default: rows L2-normalised, dot product) or dot (raw dot\n"
    "                  product, as THINGS/SPoSE); a precomputed RDM uses -dissimilarity\n"
    "  --bootstrap B   95 % percentile interval of the agreement from B resamples of triplets\n"
    "  --seed S        seed of the resampling (default 0)\n"
    "  --json          {\"triplets\", \"dropped\", \"agreement\", \"chance\", \"noise_ceiling\",\n"
    "                   \"repeated\", \"ci95\"}: noise_ceiling is the mean share of the most\n"
    "                   frequent answer over triplets answered at least twice (repeated of them;\n"
    "                   null when none is)\n";

int runTriplets(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("triplets", args, {"--json"},
                                       {"--triplets", "--similarity", "--bootstrap", "--seed"});
    if (a.positional.size() != 1) throw InputError("expects one FILE:PATH (see --help)");
    if (!a.options.count("--triplets")) throw InputError("needs --triplets FILE.csv");
    const auto similarity = alignment::parseTripletSimilarity(a.option("--similarity", "cosine"));
    const std::uint64_t bootstrap = a.count("--bootstrap", 0);
    const std::uint64_t seed = a.count("--seed", 0);
    if (bootstrap == 1) throw InputError("--bootstrap needs at least 2 resamples");

    const LoadedRepresentation in = loadRepresentation(a.positional.front());
    const std::string csv = a.option("--triplets", "");
    std::string extension = csv.size() >= 4 ? csv.substr(csv.size() - 4) : std::string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool npy = extension == ".npy";
    if (!npy && !in.file->stimuli().hasLabels()) {
        throw FormatError(in.file->path() + " has no stimulus labels, so the labels of a triplet "
                                            "file cannot be matched to its stimuli");
    }
    const alignment::TripletJudgements judgements =
        npy ? alignment::readTripletsNpy(csv, in.file->stimulusCount())
            : alignment::readTripletsCsv(csv, in.file->stimuli().labels);
    if (judgements.dropped > 0 && npy) {
        std::cerr << "dropped " << judgements.dropped << " triplets of " << csv
                  << " with a stimulus index outside 0.." << in.file->stimulusCount() - 1
                  << " (first: " << judgements.firstUnknownLabel << ")\n";
    } else if (judgements.dropped > 0) {
        std::cerr << "dropped " << judgements.dropped << " triplets of " << csv
                  << " that name a stimulus " << in.file->path() << " lacks (first: '"
                  << printable(judgements.firstUnknownLabel) << "')\n";
    }
    if (judgements.items.empty()) {
        throw FormatError(csv + " has no triplet whose three stimuli are all in " +
                          in.file->path());
    }
    const bool isRdm = in.representation->info().kind == RepresentationKind::Rdm;
    const std::vector<double> credit =
        alignment::tripletCredits(in.values, isRdm, similarity, judgements);
    const double count = static_cast<double>(credit.size());
    const double agreement = std::accumulate(credit.begin(), credit.end(), 0.0) / count;
    const auto ceiling = alignment::tripletNoiseCeiling(judgements);
    std::optional<std::pair<double, double>> ci;
    if (bootstrap > 0) {
        // Triplets resampled with replacement: B sums, no index lists kept.
        std::vector<double> draws(bootstrap);
        stats::Rng rng(seed);
        for (auto& d : draws) {
            double sum = 0.0;
            for (std::size_t k = 0; k < credit.size(); ++k) sum += credit[rng.below(credit.size())];
            d = sum / count;
        }
        ci = std::make_pair(stats::percentile(draws, 2.5), stats::percentile(draws, 97.5));
    }
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject();
        w.key("triplets").value(static_cast<std::uint64_t>(credit.size()));
        w.key("dropped").value(static_cast<std::uint64_t>(judgements.dropped));
        w.key("agreement").value(agreement);
        w.key("chance").value(1.0 / 3.0);
        w.key("noise_ceiling");
        if (ceiling) {
            w.value(ceiling->value);
        } else {
            w.null();
        }
        w.key("repeated").value(static_cast<std::uint64_t>(ceiling ? ceiling->repeated : 0));
        if (ci) w.key("ci95").beginArray().value(ci->first).value(ci->second).endArray();
        w.endObject();
        std::cout << "\n";
        return 0;
    }
    char line[160];
    std::snprintf(line, sizeof line, "agreement %.4f over %zu triplets (chance 0.3333)",
                  agreement, credit.size());
    std::cout << line;
    if (ci) {
        std::snprintf(line, sizeof line, ", 95%% interval [%.4f, %.4f]", ci->first, ci->second);
        std::cout << line;
    }
    std::cout << "\n";
    if (ceiling) {
        std::snprintf(line, sizeof line, "noise ceiling %.4f (%zu triplets answered at least twice)\n",
                      ceiling->value, ceiling->repeated);
        std::cout << line;
    } else {
        std::cout << "noise ceiling: none (no triplet was answered twice)\n";
    }
    return 0;
}

}  // namespace repscope::cli
