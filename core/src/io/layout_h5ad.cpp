// AnnData .h5ad: /X (dense N×G), /obsm/<key>, /layers/<key>; /obs with its index (attribute
// `_index`) as labels and categorical columns (group with codes/categories, anndata ≥ 0.8, or
// codes with /obs/__categories/<col>, anndata 0.7).
#include <filesystem>
#include <limits>

#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {

bool isH5ad(const H5File& file) {
    const std::string& path = file.path;
    std::string encoding;
    if (readStringAttribute(file.id.get(), "encoding-type", encoding) && encoding == "anndata") return true;
    if (std::filesystem::path(path).extension() == ".h5ad") return true;
    return objectType(file, "/obs") == ObjectType::Group &&
           objectType(file, "/var") != ObjectType::Missing &&
           objectType(file, "/X") != ObjectType::Missing;
}

namespace {

std::vector<std::string> readStringsAt(hid_t file, const std::string& fileName,
                                       const std::string& path) {
    H5Id ds(H5Dopen2(file, path.c_str(), datasetAccess()));
    return readStrings(ds.get(), fileName + ":" + path);
}

// Checks codes against the categories (−1 is anndata's missing value) and stores the column;
// a column whose codes do not fit is skipped with a warning, never indexed out of range.
void addCodedColumn(const H5FilePtr& file, const std::string& codesPath, CategoryColumn c,
                    const std::vector<std::int64_t>& codes, std::size_t n, Discovery& out) {
    const std::string where = file->path + ":" + codesPath;
    if (codes.size() != n) {
        out.warnings.push_back(where + " has " + std::to_string(codes.size()) +
                               " codes but the file has " + std::to_string(n) +
                               " stimuli; column " + c.name + " skipped");
        return;
    }
    const auto k = static_cast<std::int64_t>(c.categories.size());
    if (k > std::numeric_limits<std::int32_t>::max()) {
        out.warnings.push_back(where + " has more categories than RepScope reads; column " +
                               c.name + " skipped");
        return;
    }
    c.codes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t v = codes[i];
        if (v < -1 || v >= k) {
            out.warnings.push_back(where + " has code " + std::to_string(v) + " at stimulus " +
                                   std::to_string(i) + " but only " + std::to_string(k) +
                                   " categories; column " + c.name + " skipped");
            return;
        }
        c.codes.push_back(static_cast<std::int32_t>(v));
    }
    out.stimuli.columns.push_back(std::move(c));
}

void readObs(const H5FilePtr& file, std::size_t n, Discovery& out) {
    const hid_t id = file->id.get();
    if (objectType(*file, "/obs") != ObjectType::Group) {
        if (objectType(*file, "/obs") == ObjectType::Dataset) {
            out.warnings.push_back(file->path +
                                   ":/obs is a compound table (anndata < 0.7); stimulus "
                                   "metadata skipped");
        }
        return;
    }
    H5Id obs(H5Gopen2(id, "/obs", H5P_DEFAULT));
    std::string indexName = "_index";
    (void)readStringAttribute(obs.get(), "_index", indexName);
    for (const std::string& name : file->index.childNames("/obs")) {
        const std::string path = "/obs/" + name;
        if (name == "__categories") continue;
        const ObjectType type = objectType(*file, path);
        if (type == ObjectType::Group) {
            if (objectType(*file, path + "/codes") != ObjectType::Dataset ||
                objectType(*file, path + "/categories") != ObjectType::Dataset) {
                continue;
            }
            const auto codeFacts = datasetFacts(id, path + "/codes");
            if (codeFacts.shape.size() != 1 || codeFacts.shape[0] != n) {
                out.warnings.push_back(lengthMismatch(file->path, codeFacts, n, "stimuli",
                                                      "column " + name + " skipped"));
                continue;
            }
            H5Id codes(H5Dopen2(id, (path + "/codes").c_str(), datasetAccess()));
            const auto codeValues = readIntegers(codes.get(), file->path + ":" + path + "/codes");
            CategoryColumn c;
            c.name = name;
            const auto cf = datasetFacts(id, path + "/categories");
            if (cf.typeClass != TypeClass::String) {
                H5Id cats(H5Dopen2(id, (path + "/categories").c_str(), datasetAccess()));
                for (auto v : readIntegers(cats.get(), file->path + ":" + path))
                    c.categories.push_back(std::to_string(v));
            } else {
                c.categories = readStringsAt(id, file->path, path + "/categories");
            }
            addCodedColumn(file, path + "/codes", std::move(c), codeValues, n, out);
        } else if (type == ObjectType::Dataset) {
            const auto f = datasetFacts(id, path);
            if (f.shape.size() != 1 || f.shape[0] != n) {
                out.warnings.push_back(lengthMismatch(file->path, f, n, "stimuli", "column skipped"));
                continue;
            }
            if (name == indexName && f.typeClass == TypeClass::String) {
                out.stimuli.labels = readStringsAt(id, file->path, path);
            } else if (objectType(*file, "/obs/__categories/" + name) == ObjectType::Dataset) {
                H5Id codes(H5Dopen2(id, path.c_str(), datasetAccess()));
                CategoryColumn c;
                c.name = name;
                c.categories = readStringsAt(id, file->path, "/obs/__categories/" + name);
                addCodedColumn(file, path, std::move(c),
                               readIntegers(codes.get(), file->path + ":" + path), n, out);
            } else if (f.typeClass == TypeClass::String) {
                out.stimuli.columns.push_back(
                    categoricalFromStrings(name, readStringsAt(id, file->path, path)));
            }
        }
    }
}

}  // namespace

Discovery readH5ad(const H5FilePtr& file) {
    Discovery out;
    out.layout = Layout::H5ad;
    const hid_t id = file->id.get();
    std::vector<std::string> candidates;
    std::size_t n = 0;
    const ObjectType x = objectType(*file, "/X");
    if (x == ObjectType::Dataset) {
        const auto f = datasetFacts(id, "/X");
        if (f.shape.size() == 2) n = f.shape[0];
        candidates.push_back("/X");
    } else if (x == ObjectType::Group) {
        out.warnings.push_back(file->path +
                               ":/X is a sparse matrix, which RepScope does not read yet; "
                               "its obsm representations are listed");
        out.skip("/X", "is a sparse matrix, which RepScope does not read yet");
    }
    for (const char* group : {"/obsm", "/layers"}) {
        if (objectType(*file, group) != ObjectType::Group) continue;
        for (const std::string& name : file->index.childNames(group)) {
            const std::string path = std::string(group) + "/" + name;
            if (objectType(*file, path) != ObjectType::Dataset) {
                out.skip(path, "is not a dense array (sparse or data frame); skipped");
                continue;
            }
            const auto f = datasetFacts(id, path);
            if (n == 0 && f.shape.size() >= 2) n = f.shape[0];
            candidates.push_back(path);
        }
    }
    if (n == 0 && objectType(*file, "/obs/_index") == ObjectType::Dataset) {
        const auto f = datasetFacts(id, "/obs/_index");
        if (!f.shape.empty()) n = f.shape[0];
    }
    out.stimuli.count = n;
    readObs(file, n, out);
    for (const std::string& path : candidates) {
        const auto f = datasetFacts(id, path);
        if (auto why = unusableReason(f, n)) {
            out.skip(path, *why);
            out.warnings.push_back(file->path + ":" + path + " " + *why + "; skipped");
            continue;
        }
        const std::string model = path == "/X" ? "X" : parentPath(path).substr(1);
        out.representations.push_back(makeDenseRepresentation(file, f, model, baseName(path)));
    }
    return out;
}

}  // namespace repscope::io
