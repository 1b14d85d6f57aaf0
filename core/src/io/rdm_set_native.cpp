// Native RDM sets (alignment.md, "Targets"): a dataset with attribute kind = "rdm_set" of shape
// (S, N, N) — S subjects' full RDMs — or (S, N(N−1)/2), condensed upper triangles row-major;
// optional attribute `subjects` (S strings). Each subject's RDM becomes a representation of kind
// Rdm at PATH/<k> whose info().rdmSet is PATH; PATH itself is the set.
#include <algorithm>
#include <cmath>
#include <set>

#include "io/h5_lock.h"
#include "io/h5_representation.h"
#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

constexpr std::uint64_t kMaxSubjects = 100000;

// Subject k's full N×N RDM, slice k of an (S, N, N) dataset.
class RdmSliceRepresentation final : public Representation {
public:
    RdmSliceRepresentation(RepresentationInfo info, H5FilePtr file, std::string datasetPath,
                           std::size_t index)
        : Representation(std::move(info)),
          file_(std::move(file)),
          datasetPath_(std::move(datasetPath)),
          index_(index) {}

    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        const RepresentationInfo& in = info();
        const std::string where = in.qualifiedName();
        if (first + count > in.n) {
            throw FormatError(where + " has only " + std::to_string(in.n) + " rows");
        }
        MatrixF out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(in.n));
        if (count == 0) return out;
        auto lock = h5Lock();
        H5Id ds(H5Dopen2(file_->id.get(), datasetPath_.c_str(), datasetAccess()));
        if (!ds) throw FormatError(where + " could not be read (is the file truncated or corrupt?)");
        checkFiltersAvailable(ds.get(), where);
        H5Id space(H5Dget_space(ds.get()));
        const hsize_t start[3] = {index_, first, 0};
        const hsize_t extent[3] = {1, count, in.n};
        H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, extent, nullptr);
        H5Id mem(H5Screate_simple(3, extent, nullptr));
        if (H5Dread(ds.get(), H5T_NATIVE_FLOAT, mem.get(), space.get(), H5P_DEFAULT, out.data()) < 0) {
            const std::string why = lastH5Message();
            throw FormatError(where + " could not be read" + (why.empty() ? "" : ": " + why) +
                              " (is the file truncated or corrupt?)");
        }
        return out;
    }

private:
    H5FilePtr file_;
    std::string datasetPath_;
    std::size_t index_;
};

}  // namespace

bool isRdmSetDataset(const H5File& file, const std::string& path) {
    H5Id ds(H5Dopen2(file.id.get(), path.c_str(), datasetAccess()));
    std::string kind;
    if (!ds || !readStringAttribute(ds.get(), "kind", kind)) return false;
    std::transform(kind.begin(), kind.end(), kind.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return kind == "rdm_set";
}

namespace {

// N from the set's shape, or why the shape is not an RDM set.
std::optional<std::uint64_t> stimuliOfSet(const DatasetFacts& f, std::string& why) {
    if (f.typeClass != TypeClass::Float && f.typeClass != TypeClass::Integer) {
        why = "holds " + f.dtype + " values, not numbers";
        return std::nullopt;
    }
    if (f.elements == 0 || f.shape.empty() || f.shape[0] == 0) {
        why = "is empty or larger than RepScope reads (a damaged header?)";
        return std::nullopt;
    }
    if (f.shape[0] > kMaxSubjects) {
        why = "holds " + std::to_string(f.shape[0]) + " subjects, more than the " +
              std::to_string(kMaxSubjects) + " RepScope reads";
        return std::nullopt;
    }
    if (f.shape.size() == 3 && f.shape[1] == f.shape[2] && f.shape[1] >= 2) return f.shape[1];
    if (f.shape.size() == 2) {
        const std::uint64_t m = f.shape[1];
        const auto n = static_cast<std::uint64_t>(
            std::llround((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(m))) / 2.0));
        if (n >= 2 && n * (n - 1) / 2 == m) return n;
        why = "has " + std::to_string(m) + " values per subject, which is not N(N−1)/2 for any N";
        return std::nullopt;
    }
    why = "has shape " + std::to_string(f.shape.size()) +
          "-D; an RDM set is (S, N, N) or (S, N(N−1)/2)";
    return std::nullopt;
}

}  // namespace

std::vector<std::string> takeRdmSets(const H5FilePtr& file, std::vector<std::string>& paths,
                                     std::size_t& n, Discovery& out) {
    std::vector<std::string> taken;
    std::vector<std::string> rest;
    for (const std::string& p : paths) {
        (isRdmSetDataset(*file, p) ? taken : rest).push_back(p);
    }
    paths = std::move(rest);
    for (const std::string& p : taken) {
        const std::string where = file->path + ":" + p;
        const DatasetFacts f = datasetFacts(file->id.get(), p);
        std::string why;
        const auto setN = stimuliOfSet(f, why);
        if (!setN) {
            out.skip(p, "is an RDM set that " + why);
            out.warnings.push_back(where + " is an RDM set that " + why + "; skipped");
            continue;
        }
        if (n == 0) n = *setN;
        if (*setN != n) {
            const std::string mismatch = "is an RDM set over " + std::to_string(*setN) +
                                         " stimuli but the file has " + std::to_string(n);
            out.skip(p, mismatch);
            out.warnings.push_back(where + " " + mismatch + "; skipped");
            continue;
        }
        const std::size_t subjects = f.shape[0];
        RdmSet set;
        set.path = p;
        H5Id ds(H5Dopen2(file->id.get(), p.c_str(), datasetAccess()));
        std::vector<std::string> names;
        if (ds && readStringListAttribute(ds.get(), "subjects", names) && names.size() != subjects) {
            out.warnings.push_back(where + " names " + std::to_string(names.size()) +
                                   " subjects but holds " + std::to_string(subjects) +
                                   " RDMs; they are numbered instead");
            names.clear();
        }
        if (std::set<std::string>(names.begin(), names.end()).size() != names.size()) {
            out.warnings.push_back(where + " names a subject twice; they are numbered instead");
            names.clear();
        }
        std::string measure;
        if (ds) (void)readStringAttribute(ds.get(), "measure", measure);
        for (std::size_t k = 0; k < subjects; ++k) {
            RepresentationInfo info;
            info.file = file->path;
            info.path = p + "/" + std::to_string(k);
            info.model = baseName(p);
            info.layer = names.empty() ? std::to_string(k + 1) : names[k];
            info.dtype = f.dtype;
            info.shape = {n, n};
            info.n = n;
            info.d = n;
            info.kind = RepresentationKind::Rdm;
            info.rdmMeasure = measure;
            info.rdmSet = p;
            set.subjects.push_back(info.layer);
            RepresentationPtr r;
            if (f.shape.size() == 3) {
                r = std::make_shared<RdmSliceRepresentation>(std::move(info), file, p, k);
            } else {
                r = std::make_shared<CondensedRdmRepresentation>(std::move(info), file, p, k);
            }
            set.members.push_back(r);
            out.representations.push_back(std::move(r));
        }
        out.skip(p, "is an RDM set of " + std::to_string(subjects) +
                        " subjects; give it as --target, or name one as " + p + "/<k>");
        out.rdmSets.push_back(std::move(set));
    }
    return taken;
}

}  // namespace repscope::io
