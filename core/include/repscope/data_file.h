#pragma once
// Opening an HDF5 file and recognising its layout (native, rsatoolbox, AnnData, thingsvision,
// generic). Opening reads only metadata (and tiny samples); representations read lazily.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "repscope/representation.h"
#include "repscope/stimuli.h"

namespace repscope {

enum class Layout { Native, Rsatoolbox, H5ad, Thingsvision, Generic, Ratings };

// Several subjects' RDMs over the file's stimuli (alignment.md, "Targets"): a native dataset of
// kind "rdm_set", the rows of an rsatoolbox RDMs file, or a pairwise ratings CSV. Each member is
// also a representation of kind Rdm whose info().rdmSet is this path.
struct RdmSet {
    std::string path;                         // "/ratings", "/dissimilarities", "/brain/set"
    std::vector<std::string> subjects;        // one name per member
    std::vector<RepresentationPtr> members;   // N×N RDMs, NaN where a pair is missing
    // A MATLAB struct array of RDMs (the RSA toolbox's RDMs): its members are also models
    // wherever this set is not the target.
    bool membersAreModels = false;
};

// How a file is opened. External links, virtual-dataset sources and external raw storage are
// followed when their file lies in the opened file's folder (or below); others only with
// allowLinksOutside. Everything not followed is a warning naming the link and its target.
struct OpenOptions {
    bool allowLinksOutside = false;
    // Polled while the probe runs (repscope/probe.h): true stops it and open() throws Cancelled.
    std::function<bool()> cancelled;
};
// The options DataFile::open(path) uses (the CLI's --allow-links-outside sets them).
[[nodiscard]] OpenOptions defaultOpenOptions();
void setDefaultOpenOptions(const OpenOptions& options);
[[nodiscard]] std::string_view layoutName(Layout layout);

class DataFile {
public:
    // Throws FileError (missing, empty, not HDF5, truncated, unreadable) or FormatError (no
    // usable numeric dataset, inconsistent stimulus metadata), each one sentence naming `path`.
    // A path ending in .csv is read as a pairwise ratings file (core/src/io/ratings_csv.cpp).
    // When the probe is enabled (repscope/probe.h), the file is first walked in a child process;
    // a crash or time-out there is a FileError and nothing is opened in this process.
    [[nodiscard]] static std::shared_ptr<const DataFile> open(const std::string& path);
    [[nodiscard]] static std::shared_ptr<const DataFile> open(const std::string& path,
                                                              const OpenOptions& options);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] Layout layout() const { return layout_; }
    [[nodiscard]] const Stimuli& stimuli() const { return stimuli_; }
    [[nodiscard]] std::size_t stimulusCount() const { return stimuli_.count; }
    // In display order: models in file order, layers by `order` attribute or natural sort.
    [[nodiscard]] const std::vector<RepresentationPtr>& representations() const {
        return representations_;
    }
    // Things that were skipped while reading (one sentence each), e.g. a string dataset.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    // Other files read through links (external links, virtual-dataset sources), absolute paths.
    [[nodiscard]] const std::vector<std::string>& linkedFiles() const { return linkedFiles_; }

    // The representation at an HDF5 path ("/model/layer"). When the path is not a listed
    // representation, throws FormatError that says why (missing, strings, rank-1, empty, ...).
    [[nodiscard]] RepresentationPtr find(std::string_view hdf5Path) const;

    // The RDM sets of the file (their members are among representations()).
    [[nodiscard]] const std::vector<RdmSet>& rdmSets() const { return rdmSets_; }
    // The set at `path` ("/ratings"), or nullptr when there is none.
    [[nodiscard]] const RdmSet* findRdmSet(std::string_view path) const;

    // Why each non-representation path is not one (HDF5 path → one sentence).
    using SkippedPaths = std::vector<std::pair<std::string, std::string>>;

    // Used by the layout readers.
    DataFile(std::string path, Layout layout, Stimuli stimuli,
             std::vector<RepresentationPtr> representations, std::vector<std::string> warnings,
             SkippedPaths skipped, std::vector<std::string> linkedFiles = {},
             std::vector<RdmSet> rdmSets = {});

private:
    std::string path_;
    Layout layout_;
    Stimuli stimuli_;
    std::vector<RepresentationPtr> representations_;
    std::vector<std::string> warnings_;
    SkippedPaths skipped_;
    std::vector<std::string> linkedFiles_;
    std::vector<RdmSet> rdmSets_;
};

using DataFilePtr = std::shared_ptr<const DataFile>;

// Splits "file.h5:/model/layer" into file and path (the last ':' followed by '/').
// Throws InputError when there is no ":/".
struct QualifiedPath {
    std::string file;
    std::string path;
};
[[nodiscard]] QualifiedPath splitQualifiedPath(std::string_view spec);

}  // namespace repscope
