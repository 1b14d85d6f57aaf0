#include "repscope/matrix_writer.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "io/h5_handle.h"
#include "io/h5_lock.h"
#include "repscope/error.h"

namespace repscope {
namespace {

std::string extensionOf(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

void writeCsv(const std::string& path, const MatrixDRef& m, const MatrixOutput& meta) {
    std::ofstream out(path);
    if (!out) throw FileError(path + " cannot be written");
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    const bool rowLabels = static_cast<Eigen::Index>(meta.rowLabels.size()) == m.rows();
    if (static_cast<Eigen::Index>(meta.columnLabels.size()) == m.cols()) {
        if (rowLabels) out << "label,";
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            out << (j ? "," : "") << quote(meta.columnLabels[static_cast<std::size_t>(j)]);
        }
        out << "\n";
    }
    char buf[40];
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        if (rowLabels) out << quote(meta.rowLabels[static_cast<std::size_t>(i)]) << ",";
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            std::snprintf(buf, sizeof buf, "%.9g", m(i, j));
            out << (j ? "," : "") << buf;
        }
        out << "\n";
    }
    out.flush();
    if (!out) throw FileError(path + " could not be written completely (disk full?)");
}

// NumPy .npy version 1.0, little-endian float64, C order.
void writeNpy(const std::string& path, const MatrixDRef& m) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw FileError(path + " cannot be written");
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                         std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + "), }";
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    const auto len = static_cast<std::uint16_t>(header.size());
    out.write("\x93NUMPY\x01\x00", 8);
    const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
    out.write(lenBytes, 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    const auto rowBytes = static_cast<std::streamsize>(m.cols() * static_cast<Eigen::Index>(sizeof(double)));
    if (m.outerStride() == m.cols()) {
        out.write(reinterpret_cast<const char*>(m.data()), rowBytes * m.rows());
    } else {
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            out.write(reinterpret_cast<const char*>(m.row(i).data()), rowBytes);
        }
    }
    out.flush();
    if (!out) throw FileError(path + " could not be written completely (disk full?)");
}

void writeStringAttr(hid_t obj, const std::string& name, const std::string& value) {
    io::H5Id type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    io::H5Id space(H5Screate(H5S_SCALAR));
    io::H5Id attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    const char* p = value.c_str();
    H5Awrite(attr.get(), type.get(), &p);
}

void writeStrings(hid_t loc, const std::string& path, const std::vector<std::string>& values) {
    io::H5Id type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    const hsize_t n = values.size();
    io::H5Id space(H5Screate_simple(1, &n, nullptr));
    io::H5Id lcpl(H5Pcreate(H5P_LINK_CREATE));
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    io::H5Id ds(H5Dcreate2(loc, path.c_str(), type.get(), space.get(), lcpl.get(), H5P_DEFAULT,
                           H5P_DEFAULT));
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ds || H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0) {
        throw FileError("could not write " + path + ": " + io::lastH5Message());
    }
}

template <typename T>
void writeNumeric(hid_t loc, const std::string& path, const std::vector<hsize_t>& dims,
                  hid_t memType, hid_t fileType, const T* data) {
    io::H5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
    io::H5Id lcpl(H5Pcreate(H5P_LINK_CREATE));
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    io::H5Id ds(H5Dcreate2(loc, path.c_str(), fileType, space.get(), lcpl.get(), H5P_DEFAULT,
                           H5P_DEFAULT));
    if (!ds || H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        throw FileError("could not write " + path + ": " + io::lastH5Message());
    }
}

io::H5Id createH5(const std::string& path) {
    io::H5Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    if (!file) throw FileError(path + " cannot be created: " + io::lastH5Message());
    return file;
}

void writeH5(const std::string& path, const MatrixDRef& m, const MatrixOutput& meta) {
    auto lock = io::h5Lock();
    io::H5Id file = createH5(path);
    const std::vector<hsize_t> dims = {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())};
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> f = m.cast<float>();
    const std::string dsPath = "/" + meta.datasetName;
    writeNumeric(file.get(), dsPath, dims, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f.data());
    io::H5Id ds(H5Dopen2(file.get(), dsPath.c_str(), io::datasetAccess()));
    for (const auto& [k, v] : meta.attributes) writeStringAttr(ds.get(), k, v);
    if (!meta.rowLabels.empty() && meta.rowLabels == meta.columnLabels) {
        writeStrings(file.get(), "/stimuli/labels", meta.rowLabels);
    } else {
        if (!meta.rowLabels.empty()) writeStrings(file.get(), "/row_labels", meta.rowLabels);
        if (!meta.columnLabels.empty()) writeStrings(file.get(), "/column_labels", meta.columnLabels);
    }
    if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) throw FileError(path + " could not be written");
}

}  // namespace

std::string temporaryPathFor(const std::string& path) {
    return path + ".partial-" + std::to_string(::getpid());
}

void removeQuietly(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

void commitTemporary(const std::string& temporary, const std::string& path) {
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) throw FileError(path + " cannot be written: " + ec.message());
}

void writeMatrix(const std::string& path, const MatrixDRef& values, const MatrixOutput& meta) {
    const std::string ext = extensionOf(path);
    if (ext != ".csv" && ext != ".npy" && ext != ".h5" && ext != ".hdf5") {
        throw InputError(path + ": unknown output format '" + ext + "'; use .h5, .csv or .npy");
    }
    writeAtomically(path, [&](const std::string& tmp) {
        if (ext == ".csv") {
            writeCsv(tmp, values, meta);
        } else if (ext == ".npy") {
            writeNpy(tmp, values);
        } else {
            writeH5(tmp, values, meta);
        }
    });
}

void writeRsatoolboxRdm(const std::string& path, const MatrixDRef& rdm, const std::string& measure,
                        const std::vector<std::string>& labels) {
    const Eigen::Index n = rdm.rows();
    std::vector<double> condensed;
    condensed.reserve(static_cast<std::size_t>(n * (n - 1) / 2));
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = i + 1; j < n; ++j) condensed.push_back(rdm(i, j));
    }
    writeAtomically(path, [&](const std::string& tmp) {
        auto lock = io::h5Lock();
        io::H5Id file = createH5(tmp);
        writeStringAttr(file.get(), "rsatoolbox_version", "0.1.5");
        writeStringAttr(file.get(), "type", "RDMs");
        writeStringAttr(file.get(), "dissimilarity_measure", measure);
        writeNumeric(file.get(), "/dissimilarities", {1, condensed.size()}, H5T_NATIVE_DOUBLE,
                     H5T_IEEE_F64LE, condensed.data());
        io::H5Id g(H5Gcreate2(file.get(), "/descriptors", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        const std::int64_t zero = 0;
        writeNumeric(file.get(), "/rdm_descriptors/index", {1}, H5T_NATIVE_INT64, H5T_STD_I64LE,
                     &zero);
        std::vector<std::int64_t> index(static_cast<std::size_t>(n));
        for (std::size_t k = 0; k < index.size(); ++k) index[k] = static_cast<std::int64_t>(k);
        writeNumeric(file.get(), "/pattern_descriptors/index", {index.size()}, H5T_NATIVE_INT64,
                     H5T_STD_I64LE, index.data());
        if (static_cast<Eigen::Index>(labels.size()) == n) {
            writeStrings(file.get(), "/pattern_descriptors/labels", labels);
        }
        if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) throw FileError(path + " could not be written");
    });
}

}  // namespace repscope
