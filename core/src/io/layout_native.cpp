// The native layout: /stimuli/labels, /stimuli/<column>, /stimuli/thumbnails and
// representations at /<model>/<layer>.
#include <algorithm>
#include <map>

#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {

bool isNative(const H5File& file) { return objectType(file, "/stimuli") == ObjectType::Group; }

void readStimulusColumn(const H5FilePtr& file, const std::string& path, const std::string& name,
                        std::size_t n, Discovery& out) {
    const std::string where = file->path + ":" + path;
    const DatasetFacts f = datasetFacts(file->id.get(), path);
    std::uint64_t length = f.shape.empty() ? 1 : f.shape[0];
    if (f.shape.size() > 2 || (f.shape.size() == 2 && f.shape[1] != 1)) {
        out.warnings.push_back(where + " is not a 1-D column; skipped");
        return;
    }
    if (length != n) {
        throw FormatError(where + " has " + std::to_string(length) + " entries but the file has " +
                          std::to_string(n) + " stimuli");
    }
    H5Id ds(H5Dopen2(file->id.get(), path.c_str(), datasetAccess()));
    if (f.typeClass == TypeClass::String) {
        auto values = readStrings(ds.get(), where);
        if (name == "labels") {
            out.stimuli.labels = std::move(values);
        } else {
            out.stimuli.columns.push_back(categoricalFromStrings(name, values));
        }
    } else if (f.typeClass == TypeClass::Integer) {
        out.stimuli.columns.push_back(categoricalFromIntegers(name, readIntegers(ds.get(), where)));
    } else {
        out.warnings.push_back(where + " holds " + f.dtype +
                               " values (continuous, not categorical); skipped");
    }
}

namespace {

void readThumbnails(const H5FilePtr& file, const std::string& path, std::size_t n, Discovery& out) {
    const std::string where = file->path + ":" + path;
    const DatasetFacts f = datasetFacts(file->id.get(), path);
    const bool shapeOk = (f.shape.size() == 3 || (f.shape.size() == 4 && f.shape[3] == 3)) &&
                         f.dtype == "uint8";
    if (!shapeOk) {
        out.warnings.push_back(where + " is not uint8 N×h×w or N×h×w×3; thumbnails skipped");
        return;
    }
    if (f.shape[0] != n) {
        out.warnings.push_back(where + " has " + std::to_string(f.shape[0]) +
                               " images but the file has " + std::to_string(n) +
                               " stimuli; thumbnails skipped");
        return;
    }
    // Every size is checked before it is narrowed or multiplied: the pixel buffer must hold
    // exactly what H5Dread writes.
    constexpr std::uint64_t kMaxSide = 4096;
    if (f.shape[1] == 0 || f.shape[2] == 0 || f.shape[1] > kMaxSide || f.shape[2] > kMaxSide) {
        out.warnings.push_back(where + " has images of " + std::to_string(f.shape[1]) + " × " +
                               std::to_string(f.shape[2]) + " pixels (each side must be 1 to " +
                               std::to_string(kMaxSide) + "); thumbnails skipped");
        return;
    }
    const std::uint64_t channels = f.shape.size() == 4 ? 3 : 1;
    const std::uint64_t perImage = f.shape[1] * f.shape[2] * channels;  // ≤ 3·2^24: no overflow
    // Opening stays fast: larger thumbnail sets are not read at open (loading them on demand
    // is future work).
    constexpr std::uint64_t kMaxThumbnailBytes = std::uint64_t{64} << 20;
    if (n > kMaxThumbnailBytes / perImage) {
        out.warnings.push_back(where + " holds more than 64 MB of thumbnails (" +
                               std::to_string(n) + " images of " + std::to_string(perImage) +
                               " bytes), more than is read at open; skipped");
        return;
    }
    Thumbnails& t = out.stimuli.thumbnails;
    t.height = static_cast<int>(f.shape[1]);
    t.width = static_cast<int>(f.shape[2]);
    t.channels = static_cast<int>(channels);
    t.pixels.resize(n * perImage);
    H5Id ds(H5Dopen2(file->id.get(), path.c_str(), datasetAccess()));
    if (H5Dread(ds.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.pixels.data()) < 0) {
        t = Thumbnails{};
        out.warnings.push_back(where + " could not be read; thumbnails skipped");
    }
}

// N: labels length, else the first 1-D column, else the most common first dimension.
std::size_t stimulusCount(const H5FilePtr& file, const std::vector<std::string>& columns,
                          const std::vector<std::string>& reps) {
    for (const auto& p : columns) {
        if (baseName(p) == "labels") {
            const auto f = datasetFacts(file->id.get(), p);
            if (!f.shape.empty()) return f.shape[0];
        }
    }
    for (const auto& p : columns) {
        const auto f = datasetFacts(file->id.get(), p);
        if (!f.shape.empty() && baseName(p) != "thumbnails") return f.shape[0];
    }
    std::map<std::uint64_t, std::size_t> votes;
    std::uint64_t best = 0;
    for (const auto& p : reps) {
        const auto f = datasetFacts(file->id.get(), p);
        if (f.shape.size() >= 2 && ++votes[f.shape[0]] > votes[best]) best = f.shape[0];
    }
    return best;
}

}  // namespace

Discovery readNative(const H5FilePtr& file) {
    Discovery out;
    out.layout = Layout::Native;
    const auto columns = file->index.datasetsUnder("/stimuli");
    auto reps = file->index.datasetsUnder("/", {"/stimuli"});
    // RDM sets are not representations of N rows: they do not vote on N.
    std::vector<std::string> plain;
    for (const auto& p : reps) {
        if (!isRdmSetDataset(*file, p)) plain.push_back(p);
    }
    std::size_t n = stimulusCount(file, columns, plain);
    (void)takeRdmSets(file, reps, n, out);
    out.stimuli.count = n;
    for (const auto& p : columns) {
        const std::string name = baseName(p);
        if (name == "thumbnails") {
            readThumbnails(file, p, n, out);
        } else {
            readStimulusColumn(file, p, name, n, out);
        }
        out.skip(p, "is stimulus metadata, not a representation");
    }
    addRepresentations(file, reps, n, out);
    return out;
}

}  // namespace repscope::io
