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
    std::vector<RdmSet> rdmSets;

    void skip(const std::string& path, const std::string& reason);
};

// Facts about one dataset, read from metadata only.
struct DatasetFacts {
    std::string path;
    std::vector<std::uint64_t> shape;
    TypeClass typeClass = TypeClass::Other;
    std::string dtype;
    // Product of the trailing dimensions (D) and of all of them; 0 when a product would exceed
    // kMaxElements (the shape is then refused, never wrapped).
    std::uint64_t trailing = 0;
    std::uint64_t elements = 0;
};
// The largest element count RepScope accepts in one dataset (2^56): products of sizes derived
// from it (bytes, float64 copies) cannot overflow 64 bits.
inline constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 56;
// a·b, or 0 when it exceeds kMaxElements.
[[nodiscard]] std::uint64_t checkedProduct(std::uint64_t a, std::uint64_t b);
[[nodiscard]] DatasetFacts datasetFacts(hid_t file, const std::string& path);

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

// "FILE:PATH has 3 entries but the file has 6 stimuli; <consequence>" for a 1-D column whose
// length (or rank) is not `expected` (unit: "stimuli", "RDMs").
[[nodiscard]] std::string lengthMismatch(const std::string& file, const DatasetFacts& facts,
                                         std::size_t expected, const std::string& unit,
                                         const std::string& consequence);

// "model/layer" parts of a dataset path.
[[nodiscard]] std::string baseName(const std::string& path);
[[nodiscard]] std::string fileStem(const std::string& path);

}  // namespace repscope::io
