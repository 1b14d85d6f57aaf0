#pragma once
// Writing result matrices (RDMs, layer×layer matrices, projections) to .h5, .csv or .npy, chosen
// by extension. Every writer goes through a temporary file renamed into place: an error never
// leaves a partial output file behind.
#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

namespace repscope {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// A MatrixD or a row-major view of other memory (no copy).
using MatrixDRef = Eigen::Ref<const MatrixD>;

struct MatrixOutput {
    std::string datasetName = "matrix";              // HDF5 dataset (e.g. "rdm")
    std::map<std::string, std::string> attributes;  // HDF5 string attributes
    std::vector<std::string> rowLabels;              // CSV first column / HDF5 /row_labels
    std::vector<std::string> columnLabels;           // CSV header / HDF5 /column_labels
};

// Throws InputError for an unknown extension, FileError when the file cannot be written.
void writeMatrix(const std::string& path, const MatrixDRef& values, const MatrixOutput& meta);

// rsatoolbox's RDMs HDF5 layout (what rsatoolbox.rdm.load_rdm(path, file_type='hdf5') reads):
// root attrs rsatoolbox_version, type="RDMs", dissimilarity_measure; /dissimilarities
// (1 × N(N−1)/2, row-major upper triangle); /descriptors, /rdm_descriptors/index,
// /pattern_descriptors/index and /pattern_descriptors/labels when labels are given.
void writeRsatoolboxRdm(const std::string& path, const MatrixDRef& rdm, const std::string& measure,
                        const std::vector<std::string>& labels);

// Writes through "<path>.partial-<pid>" and renames into place; removes the temporary on error.
// `write` receives the temporary path.
template <typename Write>
void writeAtomically(const std::string& path, Write&& write);
void commitTemporary(const std::string& temporary, const std::string& path);
std::string temporaryPathFor(const std::string& path);
void removeQuietly(const std::string& path);

template <typename Write>
void writeAtomically(const std::string& path, Write&& write) {
    const std::string tmp = temporaryPathFor(path);
    try {
        write(tmp);
        commitTemporary(tmp, path);
    } catch (...) {
        removeQuietly(tmp);
        throw;
    }
}

}  // namespace repscope
