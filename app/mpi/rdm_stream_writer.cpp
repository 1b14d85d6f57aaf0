#include "rdm_stream_writer.h"

#include <hdf5.h>

#include "repscope/error.h"
#include "repscope/matrix_writer.h"

namespace repscope::mpi {

namespace {

void writeStringAttribute(hid_t object, const char* name, const std::string& value) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* text = value.c_str();
    const herr_t status = attribute < 0 ? -1 : H5Awrite(attribute, type, &text);
    if (attribute >= 0) H5Aclose(attribute);
    H5Sclose(space);
    H5Tclose(type);
    if (status < 0) throw FileError(std::string("cannot write the attribute ") + name + ".");
}

void writeLabels(hid_t file, const std::vector<std::string>& labels) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hsize_t n = labels.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    const hid_t set = H5Dcreate2(file, "/stimuli/labels", type, space, lcpl, H5P_DEFAULT,
                                 H5P_DEFAULT);
    std::vector<const char*> pointers;
    for (const auto& l : labels) pointers.push_back(l.c_str());
    const herr_t status =
        set < 0 ? -1 : H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data());
    if (set >= 0) H5Dclose(set);
    H5Pclose(lcpl);
    H5Sclose(space);
    H5Tclose(type);
    if (status < 0) throw FileError("cannot write /stimuli/labels.");
}

}  // namespace

RdmStreamWriter::RdmStreamWriter(const std::string& path, std::uint64_t n)
    : path_(path), temporary_(temporaryPathFor(path)), n_(n) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    file_ = H5Fcreate(temporary_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file_ < 0) throw FileError(path + " cannot be created.");
    const hsize_t dims[2] = {n, n};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    dataset_ = H5Dcreate2(file_, "/rdm", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT,
                          H5P_DEFAULT);
    H5Sclose(space);
    if (dataset_ < 0) {
        close();
        throw FileError(path + " cannot be created (an N × N dataset of " + std::to_string(n) +
                        " stimuli).");
    }
}

RdmStreamWriter::~RdmStreamWriter() {
    close();
    if (!temporary_.empty()) removeQuietly(temporary_);
}

void RdmStreamWriter::close() {
    if (dataset_ >= 0) H5Dclose(dataset_);
    if (file_ >= 0) H5Fclose(file_);
    dataset_ = file_ = -1;
}

void RdmStreamWriter::writeRows(std::uint64_t first, std::uint64_t count, const float* values) {
    if (first > n_ || count > n_ - first) throw FileError("a row block lies outside the RDM.");
    if (count == 0) return;
    const hid_t fileSpace = H5Dget_space(dataset_);
    const hsize_t start[2] = {first, 0};
    const hsize_t size[2] = {count, n_};
    H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nullptr, size, nullptr);
    const hid_t memorySpace = H5Screate_simple(2, size, nullptr);
    const herr_t status =
        H5Dwrite(dataset_, H5T_NATIVE_FLOAT, memorySpace, fileSpace, H5P_DEFAULT, values);
    H5Sclose(memorySpace);
    H5Sclose(fileSpace);
    if (status < 0) throw FileError(path_ + " could not be written (disk full?).");
}

void RdmStreamWriter::commit(const std::string& measure, const std::string& source,
                             const std::vector<std::string>& labels) {
    writeStringAttribute(dataset_, "measure", measure);
    writeStringAttribute(dataset_, "source", source);
    if (!labels.empty()) writeLabels(file_, labels);
    if (H5Fflush(file_, H5F_SCOPE_GLOBAL) < 0) throw FileError(path_ + " could not be written.");
    close();
    commitTemporary(temporary_, path_);
    temporary_.clear();
}

}  // namespace repscope::mpi
