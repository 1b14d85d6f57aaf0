#pragma once
// A representation: N stimuli × D features (trailing dimensions flattened in C order), read
// lazily from its file in row blocks converted to float32. A precomputed RDM is a
// representation of kind Rdm whose rows are the N×N dissimilarity matrix.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "repscope/progress.h"

namespace repscope {

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class RepresentationKind { Features, Rdm };

struct RepresentationInfo {
    std::string file;   // the file it was read from, as given by the user
    std::string path;   // HDF5 path (or logical path, e.g. /dissimilarities/2 of an RDMs file)
    std::string model;  // model (group) name
    std::string layer;  // layer (dataset) name
    std::string dtype;  // numpy-style name of the stored type: float16, float32, int64, ...
    std::vector<std::uint64_t> shape;  // stored shape
    std::size_t n = 0;                 // stimuli (first dimension)
    std::size_t d = 0;                 // features (product of trailing dimensions; N for an RDM)
    RepresentationKind kind = RepresentationKind::Features;
    std::string rdmMeasure;  // for precomputed RDMs: the measure named in the file, if any
    std::map<std::string, std::string> attributes;  // scalar attributes of the dataset, as text
    // For one subject's RDM of an RDM set (alignment.md): the set's path (e.g. "/ratings");
    // empty otherwise. Such RDMs are targets, never models.
    std::string rdmSet;

    // "file:/path", the name the CLI uses.
    [[nodiscard]] std::string qualifiedName() const { return file + ":" + path; }
};

class Representation {
public:
    virtual ~Representation() = default;
    [[nodiscard]] const RepresentationInfo& info() const { return info_; }

    // Rows [first, first + count) as a count × d float32 matrix. Throws FormatError/FileError
    // naming the file and path when the data cannot be read (e.g. a missing filter).
    [[nodiscard]] virtual MatrixF readRows(std::size_t first, std::size_t count) const = 0;
    // The same rows written to `destination` (count × d floats, row-major); readers override it
    // to avoid a temporary.
    virtual void readRowsInto(std::size_t first, std::size_t count, float* destination) const;

    // The given rows (any order, repeats allowed) as a rows.size() × d matrix, read in blocks.
    // Throws ResourceError when the result exceeds memoryBudgetBytes(), Cancelled on cancel.
    [[nodiscard]] MatrixF readRows(const std::vector<std::size_t>& rows,
                                   Progress& progress = silentProgress()) const;

    // All rows; same guarantees as above.
    [[nodiscard]] MatrixF readAll(Progress& progress = silentProgress()) const;

protected:
    explicit Representation(RepresentationInfo info) : info_(std::move(info)) {}

private:
    RepresentationInfo info_;
};

using RepresentationPtr = std::shared_ptr<const Representation>;

// Largest matrix (bytes) a single read or result may allocate. Default: 3/4 of physical memory.
[[nodiscard]] std::size_t memoryBudgetBytes();
void setMemoryBudgetBytes(std::size_t bytes);
// Throws ResourceError naming `what` and the size when rows × cols × bytesPerValue exceeds it.
void checkMemoryBudget(std::size_t rows, std::size_t cols, std::size_t bytesPerValue,
                       const std::string& what);

}  // namespace repscope
