// thingsvision's features.hdf5 (one /features dataset, N×D or N×C×H×W) and the generic
// fallback: every numeric dataset of rank ≥ 2 is a representation; N is the most common first
// dimension, and datasets with another row count are listed as skipped.
#include <map>

#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {

bool isThingsvision(const H5File& file) {
    if (objectType(file, "/features") != ObjectType::Dataset) return false;
    for (const std::string& name : file.index.childNames("/")) {
        if (name != "features" && objectType(file, "/" + name) == ObjectType::Dataset &&
            datasetFacts(file.id.get(), "/" + name).shape.size() >= 2) {
            return false;
        }
    }
    return true;
}

Discovery readThingsvision(const H5FilePtr& file) {
    Discovery out;
    out.layout = Layout::Thingsvision;
    const auto f = datasetFacts(file->id.get(), "/features");
    if (auto why = unusableReason(f, std::nullopt)) {
        throw FormatError(file->path + ":/features " + *why);
    }
    out.stimuli.count = f.shape[0];
    out.representations.push_back(
        makeDenseRepresentation(file, f, "thingsvision", "features"));
    return out;
}

Discovery readGeneric(const H5FilePtr& file) {
    Discovery out;
    out.layout = Layout::Generic;
    auto paths = file->index.datasetsUnder("/");
    std::map<std::uint64_t, std::size_t> votes;
    std::uint64_t best = 0;
    for (const auto& p : paths) {
        const auto f = datasetFacts(file->id.get(), p);
        if (!unusableReason(f, std::nullopt) && !isRdmSetDataset(*file, p) &&
            ++votes[f.shape[0]] > votes[best]) {
            best = f.shape[0];
        }
    }
    std::size_t n = best;
    (void)takeRdmSets(file, paths, n, out);
    out.stimuli.count = n;
    addRepresentations(file, paths, n, out);
    return out;
}

}  // namespace repscope::io
