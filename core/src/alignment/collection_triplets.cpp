#include "repscope/alignment/collection_triplets.h"

#include <cmath>
#include <fstream>

#include "repscope/error.h"
#include "repscope/sub_progress.h"

namespace repscope::alignment {

bool looksLikeTripletCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string line;
    char c = 0;
    while (line.size() < 4096 && in.get(c) && c != '\n') line.push_back(c);
    for (char& ch : line) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return line.find("odd_one_out") != std::string::npos;
}

CollectionTriplets evaluateTriplets(const Collection& collection, const std::string& path,
                                    TripletSimilarity similarity, Progress& progress) {
    CollectionTriplets out;
    out.file = path;
    if (!collection.stimuli().hasLabels()) {
        throw FormatError("the open files have no stimulus labels, so the labels of " + path +
                          " cannot be matched to stimuli");
    }
    const TripletJudgements judgements = readTripletsCsv(path, collection.stimuli().labels);
    out.triplets = judgements.items.size();
    out.dropped = judgements.dropped;
    out.firstUnknownLabel = judgements.firstUnknownLabel;
    if (out.triplets == 0) {
        throw InputError(path + " has no triplet whose three stimuli are all open (" +
                         std::to_string(out.dropped) + " named a label the files lack)");
    }
    out.ceiling = tripletNoiseCeiling(judgements);
    for (const CollectionEntry& e : collection.representations()) {
        if (e.representation->info().rdmSet.empty()) out.models.push_back(e);
    }
    if (out.models.empty()) {
        throw InputError("there is no model (a representation or a single precomputed RDM) to score");
    }
    const double step = 1.0 / static_cast<double>(out.models.size());
    for (std::size_t m = 0; m < out.models.size(); ++m) {
        SubProgress p(progress, step * static_cast<double>(m), step * static_cast<double>(m + 1));
        const RepresentationInfo& info = out.models[m].representation->info();
        const MatrixF x = collection.read(out.models[m], p);
        const std::vector<double> credit =
            tripletCredits(x, info.kind == RepresentationKind::Rdm, similarity, judgements, p);
        double mean = 0.0;
        for (const double v : credit) mean += v;
        mean /= static_cast<double>(credit.size());
        double ss = 0.0;
        for (const double v : credit) ss += (v - mean) * (v - mean);
        const double n = static_cast<double>(credit.size());
        out.agreement.push_back(mean);
        out.sem.push_back(n > 1 ? std::sqrt(ss / (n - 1) / n) : std::nan(""));
        out.modelNames.push_back(info.qualifiedName());
    }
    progress.report(1.0);
    return out;
}

}  // namespace repscope::alignment
