#pragma once
// Shared pieces of the layout readers (native, rsatoolbox, AnnData, thingsvision, generic).
// Everything here runs under h5Lock().
#include <optional>
#include <string>
#include <vector>

#include "io/h5_file.h"
#include "repscope/data_file.h"

namespace repscope::io {

// What a layout reader found; DataFile::open turns it into a DataFile.
struct Discovery {
    Layout layout = Layout::Generic;
    Stimuli stimuli;
    std::vector<RepresentationPtr> representations;
    std::vector<std::string> warnings;
    DataFile::SkippedPaths skipped;

    void skip(const std::string& path, const std::string& reason);
};

// Facts about one dataset, read from metadata only.
struct DatasetFacts {
    std::string path;
    std::vector<std::uint64_t> shape;
    TypeClass typeClass = TypeClass::Other;
    std::string dtype;
};
[[nodiscard]] DatasetFacts datasetFacts(hid_t file, const std::string& path);

// All dataset paths under `group` (recursive, file order), skipping the given subtrees.
[[nodiscard]] std::vector<std::string> datasetPathsUnder(hid_t file, const std::string& group,
                                                         const std::vector<std::string>& exclude);

// Why `facts` cannot be a representation of `n` stimuli (nullopt when it can).
[[nodiscard]] std::optional<std::string> unusableReason(const DatasetFacts& facts,
                                                        std::optional<std::size_t> n);

// A dense representation for the dataset at facts.path, recognising a precomputed N×N RDM.
[[nodiscard]] RepresentationPtr makeDenseRepresentation(const H5FilePtr& file,
                                                        const DatasetFacts& facts,
                                                        std::string model, std::string layer);

// Adds the representations among `paths` to `out`, grouped by model (parent group) in file
// order and ordered within a model by `order` attributes or natural sort. `n` fixes the stimulus
// count (rows must match); rejected datasets go to out.skipped.
void addRepresentations(const H5FilePtr& file, const std::vector<std::string>& paths,
                        std::size_t n, Discovery& out);

// A categorical column from strings or integers (categories sorted naturally).
[[nodiscard]] CategoryColumn categoricalFromStrings(std::string name,
                                                   const std::vector<std::string>& values);
[[nodiscard]] CategoryColumn categoricalFromIntegers(std::string name,
                                                     const std::vector<std::int64_t>& values);

// "model/layer" parts of a dataset path.
[[nodiscard]] std::string parentPath(const std::string& path);
[[nodiscard]] std::string baseName(const std::string& path);
[[nodiscard]] std::string fileStem(const std::string& path);

}  // namespace repscope::io
