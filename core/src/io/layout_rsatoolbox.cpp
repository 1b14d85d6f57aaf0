// rsatoolbox's HDF5 files, as written by Dataset.save / RDMs.save(..., file_type='hdf5'):
// root attribute rsatoolbox_version (or pyrsa_version) and `type` "Dataset" or "RDMs".
//   Dataset: /measurements (N×D), /obs_descriptors/<name> (N values each)
//   RDMs:    /dissimilarities (n_rdm × N(N−1)/2 condensed), /pattern_descriptors/<name>,
//            /rdm_descriptors/<name>, attribute dissimilarity_measure
#include <cmath>
#include <set>

#include "io/h5_representation.h"
#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {

bool isRsatoolbox(const H5File& f) {
    const hid_t file = f.id.get();
    std::string type;
    if (hasAttribute(file, "rsatoolbox_version") || hasAttribute(file, "pyrsa_version")) return true;
    if (readStringAttribute(file, "type", type) && (type == "Dataset" || type == "RDMs")) return true;
    return (objectType(f, "/measurements") == ObjectType::Dataset &&
            objectType(f, "/obs_descriptors") == ObjectType::Group) ||
           (objectType(f, "/dissimilarities") == ObjectType::Dataset &&
            objectType(f, "/pattern_descriptors") == ObjectType::Group);
}

namespace {

// Descriptors: the first string-valued one among common label names (else the first string
// one) becomes the labels; every other string/integer descriptor a categorical column, except
// an `index` that is just 0..N−1.
void readDescriptors(const H5FilePtr& file, const std::string& group, std::size_t n,
                     Discovery& out) {
    const hid_t id = file->id.get();
    if (objectType(*file, group) != ObjectType::Group) return;
    const auto paths = file->index.datasetsUnder(group);
    std::string labelPath;
    for (const char* preferred : {"labels", "label", "stimulus", "stimuli", "conds", "names",
                                  "name", "condition", "conditions"}) {
        for (const auto& p : paths) {
            if (labelPath.empty() && baseName(p) == preferred &&
                datasetFacts(id, p).typeClass == TypeClass::String) {
                labelPath = p;
            }
        }
    }
    for (const auto& p : paths) {
        if (labelPath.empty() && datasetFacts(id, p).typeClass == TypeClass::String) labelPath = p;
    }
    for (const auto& p : paths) {
        out.skip(p, "is a descriptor, not a representation");
        const DatasetFacts f = datasetFacts(id, p);
        if (f.shape.size() != 1 || f.shape[0] != n) {
            out.warnings.push_back(lengthMismatch(file->path, f, n, "stimuli", "descriptor skipped"));
            continue;
        }
        if (p == labelPath) {
            readStimulusColumn(file, p, "labels", n, out);
            continue;
        }
        if (baseName(p) == "index" && f.typeClass == TypeClass::Integer) continue;
        readStimulusColumn(file, p, baseName(p), n, out);
    }
}

Discovery readRdms(const H5FilePtr& file) {
    Discovery out;
    out.layout = Layout::Rsatoolbox;
    const hid_t id = file->id.get();
    const std::string where = file->path + ":/dissimilarities";
    const DatasetFacts f = datasetFacts(id, "/dissimilarities");
    if (f.typeClass != TypeClass::Float && f.typeClass != TypeClass::Integer) {
        throw FormatError(where + " holds " + f.dtype + " values, not numbers");
    }
    if (f.shape.empty() || f.shape.size() > 2 || f.shape.back() == 0) {
        throw FormatError(where + " is not a non-empty (n_rdm, N(N−1)/2) array");
    }
    const std::uint64_t m = f.shape.back();
    if (f.elements == 0 || m > (std::uint64_t{1} << 40)) {
        throw FormatError(where + " has " + std::to_string(m) +
                          " values per RDM, more than RepScope reads (a damaged header?)");
    }
    constexpr std::uint64_t kMaxRdms = 100000;
    if (f.shape.size() == 2 && f.shape[0] > kMaxRdms) {
        throw FormatError(where + " holds " + std::to_string(f.shape[0]) + " RDMs, more than the " +
                          std::to_string(kMaxRdms) + " RepScope lists");
    }
    const auto n = static_cast<std::uint64_t>(std::llround((1.0 + std::sqrt(1.0 + 8.0 * m)) / 2.0));
    if (n * (n - 1) / 2 != m) {
        throw FormatError(where + " has " + std::to_string(m) +
                          " values per RDM, which is not N(N−1)/2 for any N");
    }
    out.stimuli.count = n;
    readDescriptors(file, "/pattern_descriptors", n, out);
    std::string measure;
    (void)readStringAttribute(id, "dissimilarity_measure", measure);
    const std::size_t nRdm = f.shape.size() == 2 ? f.shape[0] : 1;
    std::vector<std::string> names;
    std::vector<std::string> subjects;  // from the first subject-like string descriptor
    for (const auto& p : file->index.datasetsUnder("/rdm_descriptors")) {
        H5Id ds(H5Dopen2(id, p.c_str(), datasetAccess()));
        const auto rf = datasetFacts(id, p);
        const bool rightLength = rf.shape.size() == 1 && rf.shape[0] == nRdm;
        if (!rightLength) {
            out.warnings.push_back(lengthMismatch(file->path, rf, nRdm, "RDMs", "descriptor skipped"));
        } else if (rf.typeClass == TypeClass::String) {
            const std::string base = baseName(p);
            const bool subjectLike = base == "subject" || base == "subjects" || base == "subj" ||
                                     base == "participant" || base == "participants" ||
                                     base == "sub" || base == "sbj";
            if (names.empty() || (subjectLike && subjects.empty())) {
                auto values = readStrings(ds.get(), file->path + ":" + p);
                if (subjectLike && subjects.empty()) subjects = values;
                if (names.empty()) names = std::move(values);
            }
        }
        out.skip(p, "is an RDM descriptor, not a representation");
    }
    // Several rows form one RDM set (alignment.md); subject names must tell members apart.
    if (std::set<std::string>(subjects.begin(), subjects.end()).size() != subjects.size()) {
        subjects.clear();
    }
    RdmSet set;
    set.path = "/dissimilarities";
    for (std::size_t k = 0; k < nRdm; ++k) {
        RepresentationInfo info;
        info.file = file->path;
        info.path = nRdm == 1 ? "/dissimilarities" : "/dissimilarities/" + std::to_string(k);
        info.model = "rdms";
        info.layer = k < names.size() && !names[k].empty() ? names[k] : "rdm" + std::to_string(k);
        info.dtype = f.dtype;
        info.shape = {n, n};
        info.n = n;
        info.d = n;
        info.kind = RepresentationKind::Rdm;
        info.rdmMeasure = measure;
        if (nRdm > 1) {
            info.rdmSet = set.path;
            set.subjects.push_back(k < subjects.size() && !subjects[k].empty()
                                       ? subjects[k] : std::to_string(k + 1));
        }
        auto r = std::make_shared<CondensedRdmRepresentation>(std::move(info), file,
                                                              "/dissimilarities", k);
        if (nRdm > 1) set.members.push_back(r);
        out.representations.push_back(std::move(r));
    }
    if (nRdm > 1) {
        out.skip("/dissimilarities", "holds several RDMs (an RDM set of " + std::to_string(nRdm) +
                                         " subjects); give it as --target, or name one as "
                                         "/dissimilarities/<k>");
        out.rdmSets.push_back(std::move(set));
    }
    return out;
}

}  // namespace

Discovery readRsatoolbox(const H5FilePtr& file) {
    const hid_t id = file->id.get();
    if (objectType(*file, "/dissimilarities") == ObjectType::Dataset) return readRdms(file);
    Discovery out;
    out.layout = Layout::Rsatoolbox;
    if (objectType(*file, "/measurements") != ObjectType::Dataset) {
        throw FormatError(file->path +
                          " looks like an rsatoolbox file but has neither /measurements nor "
                          "/dissimilarities");
    }
    const DatasetFacts f = datasetFacts(id, "/measurements");
    if (auto why = unusableReason(f, std::nullopt)) {
        throw FormatError(file->path + ":/measurements " + *why);
    }
    for (const auto& p : file->index.datasetsUnder("/", {"/measurements", "/obs_descriptors"})) {
        out.skip(p, "is rsatoolbox metadata, not a representation");
    }
    if (readRepeatedMeasurements(file, f, out)) {
        for (const auto& p : file->index.datasetsUnder("/obs_descriptors")) {
            out.skip(p, "is a descriptor of the observations, not a representation");
        }
        return out;
    }
    out.stimuli.count = f.shape[0];
    readDescriptors(file, "/obs_descriptors", out.stimuli.count, out);
    out.representations.push_back(
        makeDenseRepresentation(file, f, "rsatoolbox", "measurements"));
    return out;
}

}  // namespace repscope::io
