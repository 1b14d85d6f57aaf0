#pragma once
// Rank 0's writer for `repscope-mpi rdm`: an N×N float32 dataset /rdm in a temporary HDF5 file,
// filled by row blocks as they arrive, then given the attributes and labels `repscope rdm --out`
// writes (measure, source, /stimuli/labels) and renamed into place. Destroyed without commit(),
// it removes the temporary: no partial output.
#include <cstdint>
#include <string>
#include <vector>

namespace repscope::mpi {

class RdmStreamWriter {
public:
    // Throws FileError when the temporary cannot be created.
    RdmStreamWriter(const std::string& path, std::uint64_t n);
    ~RdmStreamWriter();
    RdmStreamWriter(const RdmStreamWriter&) = delete;
    RdmStreamWriter& operator=(const RdmStreamWriter&) = delete;

    // Rows [first, first + count), row-major count × N. Throws FileError.
    void writeRows(std::uint64_t first, std::uint64_t count, const float* values);
    // Throws FileError; afterwards the file is at `path`.
    void commit(const std::string& measure, const std::string& source,
                const std::vector<std::string>& labels);

private:
    std::string path_;
    std::string temporary_;
    std::uint64_t n_ = 0;
    std::int64_t file_ = -1;     // hid_t
    std::int64_t dataset_ = -1;  // hid_t
    void close();
};

}  // namespace repscope::mpi
