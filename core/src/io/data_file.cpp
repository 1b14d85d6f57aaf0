#include "repscope/data_file.h"

#include "io/h5_lock.h"
#include "io/layouts.h"
#include "io/mat_file.h"
#include "io/npy.h"
#include "io/ratings_csv.h"
#include "repscope/error.h"
#include "repscope/probe.h"

#include <mutex>

namespace repscope {

std::string_view layoutName(Layout layout) {
    switch (layout) {
        case Layout::Native: return "native";
        case Layout::Rsatoolbox: return "rsatoolbox";
        case Layout::H5ad: return "h5ad";
        case Layout::Thingsvision: return "thingsvision";
        case Layout::Generic: return "generic";
        case Layout::Ratings: return "ratings";
    }
    return "generic";
}

DataFile::DataFile(std::string path, Layout layout, Stimuli stimuli,
                   std::vector<RepresentationPtr> representations,
                   std::vector<std::string> warnings, SkippedPaths skipped,
                   std::vector<std::string> linkedFiles, std::vector<RdmSet> rdmSets)
    : path_(std::move(path)),
      layout_(layout),
      stimuli_(std::move(stimuli)),
      representations_(std::move(representations)),
      warnings_(std::move(warnings)),
      skipped_(std::move(skipped)),
      linkedFiles_(std::move(linkedFiles)),
      rdmSets_(std::move(rdmSets)) {}

const RdmSet* DataFile::findRdmSet(std::string_view path) const {
    std::string p(path);
    if (p.empty() || p.front() != '/') p.insert(p.begin(), '/');
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    for (const RdmSet& set : rdmSets_) {
        if (set.path == p) return &set;
    }
    return nullptr;
}

namespace {

io::Discovery discover(const io::H5FilePtr& file) {
    if (io::isNative(*file)) return io::readNative(file);
    if (io::isRsatoolbox(*file)) return io::readRsatoolbox(file);
    if (io::isH5ad(*file)) return io::readH5ad(file);
    if (io::isThingsvision(*file)) return io::readThingsvision(file);
    return io::readGeneric(file);
}

std::string describeSkipped(const DataFile::SkippedPaths& skipped) {
    std::string text;
    std::size_t shown = 0;
    for (const auto& [path, why] : skipped) {
        if (shown == 3) {
            text += "; …";
            break;
        }
        text += (shown++ ? "; " : " (") + path + " " + why;
    }
    return text.empty() ? text : text + ")";
}

}  // namespace

namespace {
std::mutex& optionsMutex() {
    static std::mutex m;
    return m;
}
OpenOptions& processOptions() {
    static OpenOptions o;
    return o;
}
}  // namespace

OpenOptions defaultOpenOptions() {
    std::lock_guard lock(optionsMutex());
    return processOptions();
}

void setDefaultOpenOptions(const OpenOptions& options) {
    std::lock_guard lock(optionsMutex());
    processOptions() = options;
}

std::shared_ptr<const DataFile> DataFile::open(const std::string& path) {
    return open(path, defaultOpenOptions());
}

std::shared_ptr<const DataFile> DataFile::open(const std::string& path, const OpenOptions& options) {
    if (io::isCsvPath(path)) return io::readRatingsCsv(path);
    if (io::isNpyPath(path)) return io::readNpyFile(path);
    if (probeEnabled()) probeFile(path, options.allowLinksOutside, options.cancelled);
    if (io::isMatPath(path)) return io::readMatFile(path);
    const io::H5FilePtr file = io::openH5File(path);
    auto lock = io::h5Lock();
    io::indexH5File(*file, options.allowLinksOutside);
    io::Discovery found = discover(file);
    // What the walk did not follow comes first: a refused link explains a missing layer.
    found.warnings.insert(found.warnings.begin(), file->index.warnings().begin(),
                          file->index.warnings().end());
    found.skipped.insert(found.skipped.begin(), file->index.refused().begin(),
                         file->index.refused().end());
    if (found.representations.empty()) {
        throw FormatError(path + " has no numeric dataset of shape (N, D, ...) to use as a "
                                 "representation" +
                          describeSkipped(found.skipped));
    }
    return std::make_shared<const DataFile>(path, found.layout, std::move(found.stimuli),
                                            std::move(found.representations),
                                            std::move(found.warnings), std::move(found.skipped),
                                            file->index.linkedFiles(), std::move(found.rdmSets));
}

RepresentationPtr DataFile::find(std::string_view hdf5Path) const {
    std::string p(hdf5Path);
    if (p.empty() || p.front() != '/') p.insert(p.begin(), '/');
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    for (const auto& r : representations_) {
        if (r->info().path == p) return r;
    }
    for (const auto& [path, why] : skipped_) {
        if (path == p) throw FormatError(path_ + ":" + p + " " + why);
    }
    std::string available;
    for (std::size_t k = 0; k < representations_.size() && k < 4; ++k) {
        available += (k ? ", " : "") + representations_[k]->info().path;
    }
    if (representations_.size() > 4) available += ", …";
    // Groups: name one of the datasets inside.
    for (const auto& r : representations_) {
        if (r->info().path.rfind(p + "/", 0) == 0) {
            throw FormatError(path_ + ":" + p + " is a group, not a dataset; name one of its "
                                                "representations, e.g. " + r->info().path);
        }
    }
    throw FormatError(path_ + " has no representation at " + p + " (available: " + available + ")");
}

QualifiedPath splitQualifiedPath(std::string_view spec) {
    const auto pos = spec.rfind(":/");
    if (pos == std::string_view::npos || pos == 0) {
        throw InputError("'" + std::string(spec) +
                         "' does not name a representation; write FILE:/model/layer");
    }
    return {std::string(spec.substr(0, pos)), std::string(spec.substr(pos + 1))};
}

}  // namespace repscope
