#pragma once
// The checkpoint of a distributed layer matrix: which tiles are finished and their values, in
// one HDF5 file that rank 0 rewrites through a temporary and a rename each time tiles finish, so
// the file on disk is always a complete earlier state (a job killed at any moment leaves it
// valid). A fingerprint of the inputs, metric, options and tiling ties it to one job: a rerun
// with anything different is refused.
//
// Layout: /fingerprint (uint8 text), /tile_size (uint64[1]), /tiles_done (uint8[T]), /values (float64 K×K, NaN where not
// computed or undefined), /undefined (uint8 text: "row column reason" lines).
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "repscope/metrics/layer_matrix.h"

namespace repscope::mpi {

struct MatrixCheckpoint {
    std::string fingerprint;
    std::uint64_t tileSize = 1;
    std::vector<bool> tilesDone;
    Eigen::MatrixXd values;  // K×K
    std::vector<metrics::UndefinedEntry> undefined;
};

// Writes atomically (temporary + rename). Throws FileError when it cannot.
void writeCheckpoint(const std::string& path, const MatrixCheckpoint& checkpoint);

// The tile size an existing checkpoint was made with (a rerun keeps it, whatever the number of
// ranks); nullopt when the file does not exist. Throws FormatError when it is not a checkpoint.
[[nodiscard]] std::optional<std::uint64_t> checkpointTileSize(const std::string& path);

// Reads a checkpoint for `fingerprint` with k representations and `tiles` tiles; nullopt when
// the file does not exist. Throws InputError (one sentence) when it was made for other inputs,
// metric, options or tiling, FormatError when it is not a checkpoint or is damaged.
[[nodiscard]] std::optional<MatrixCheckpoint> readCheckpoint(const std::string& path,
                                                             const std::string& fingerprint,
                                                             std::size_t k, std::size_t tiles);

}  // namespace repscope::mpi
