#pragma once
// Representations backed by HDF5 datasets: dense (N, ...) arrays and rsatoolbox's condensed RDM
// vectors. Every read takes h5Lock().
#include <mutex>
#include <optional>
#include <vector>

#include "io/h5_file.h"
#include "repscope/representation.h"

namespace repscope::io {

class DenseH5Representation final : public Representation {
public:
    DenseH5Representation(RepresentationInfo info, H5FilePtr file);
    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override;
    void readRowsInto(std::size_t first, std::size_t count, float* destination) const override;

private:
    H5FilePtr file_;
};

// Row `index` of a (n_rdm, N(N-1)/2) dataset of condensed upper triangles (row-major i < j),
// presented as the full symmetric N×N matrix with a zero diagonal.
class CondensedRdmRepresentation final : public Representation {
public:
    CondensedRdmRepresentation(RepresentationInfo info, H5FilePtr file, std::string datasetPath,
                               std::size_t index);
    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override;

private:
    const std::vector<float>& condensed() const;

    H5FilePtr file_;
    std::string datasetPath_;
    std::size_t index_;
    mutable std::once_flag loaded_;
    mutable std::vector<float> values_;
};

// Throws FormatError naming the filter when `dataset` uses a compression filter that is not
// available in this HDF5 installation.
void checkFiltersAvailable(hid_t dataset, const std::string& where);

}  // namespace repscope::io
