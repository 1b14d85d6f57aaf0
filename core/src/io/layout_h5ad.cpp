// AnnData .h5ad: /X (dense N×G), /obsm/<key>, /layers/<key>; /obs with its index (attribute
// `_index`) as labels and categorical columns (group with codes/categories, anndata ≥ 0.8, or
// codes with /obs/__categories/<col>, anndata 0.7).
#include <filesystem>

#include "io/layouts.h"
#include "repscope/error.h"

namespace repscope::io {

bool isH5ad(hid_t file, const std::string& path) {
    std::string encoding;
    if (readStringAttribute(file, "encoding-type", encoding) && encoding == "anndata") return true;
    if (std::filesystem::path(path).extension() == ".h5ad") return true;
    return objectType(file, "/obs") == ObjectType::Group &&
           objectType(file, "/var") != ObjectType::Missing &&
           objectType(file, "/X") != ObjectType::Missing;
}

namespace {

std::vector<std::string> readStringsAt(hid_t file, const std::string& fileName,
                                       const std::string& path) {
    H5Id ds(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    return readStrings(ds.get(), fileName + ":" + path);
}

void readObs(const H5FilePtr& file, std::size_t n, Discovery& out) {
    const hid_t id = file->id.get();
    if (objectType(id, "/obs") != ObjectType::Group) {
        if (objectType(id, "/obs") == ObjectType::Dataset) {
            out.warnings.push_back(file->path +
                                   ":/obs is a compound table (anndata < 0.7); stimulus "
                                   "metadata skipped");
        }
        return;
    }
    H5Id obs(H5Gopen2(id, "/obs", H5P_DEFAULT));
    std::string indexName = "_index";
    (void)readStringAttribute(obs.get(), "_index", indexName);
    for (const std::string& name : childNames(obs.get())) {
        const std::string path = "/obs/" + name;
        if (name == "__categories") continue;
        const ObjectType type = objectType(id, path);
        if (type == ObjectType::Group) {
            if (objectType(id, path + "/codes") != ObjectType::Dataset ||
                objectType(id, path + "/categories") != ObjectType::Dataset) {
                continue;
            }
            H5Id codes(H5Dopen2(id, (path + "/codes").c_str(), H5P_DEFAULT));
            const auto codeValues = readIntegers(codes.get(), file->path + ":" + path + "/codes");
            if (codeValues.size() != n) continue;
            CategoryColumn c;
            c.name = name;
            const auto cf = datasetFacts(id, path + "/categories");
            if (cf.typeClass != TypeClass::String) {
                H5Id cats(H5Dopen2(id, (path + "/categories").c_str(), H5P_DEFAULT));
                for (auto v : readIntegers(cats.get(), file->path + ":" + path))
                    c.categories.push_back(std::to_string(v));
            } else {
                c.categories = readStringsAt(id, file->path, path + "/categories");
            }
            for (auto v : codeValues) c.codes.push_back(static_cast<std::int32_t>(v));
            out.stimuli.columns.push_back(std::move(c));
        } else if (type == ObjectType::Dataset) {
            const auto f = datasetFacts(id, path);
            if (f.shape.size() != 1 || f.shape[0] != n) continue;
            if (name == indexName && f.typeClass == TypeClass::String) {
                out.stimuli.labels = readStringsAt(id, file->path, path);
            } else if (objectType(id, "/obs/__categories/" + name) == ObjectType::Dataset) {
                H5Id codes(H5Dopen2(id, path.c_str(), H5P_DEFAULT));
                CategoryColumn c;
                c.name = name;
                c.categories = readStringsAt(id, file->path, "/obs/__categories/" + name);
                for (auto v : readIntegers(codes.get(), file->path + ":" + path))
                    c.codes.push_back(static_cast<std::int32_t>(v));
                out.stimuli.columns.push_back(std::move(c));
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
    const ObjectType x = objectType(id, "/X");
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
        if (objectType(id, group) != ObjectType::Group) continue;
        H5Id g(H5Gopen2(id, group, H5P_DEFAULT));
        for (const std::string& name : childNames(g.get())) {
            const std::string path = std::string(group) + "/" + name;
            if (objectType(id, path) != ObjectType::Dataset) {
                out.skip(path, "is not a dense array (sparse or data frame); skipped");
                continue;
            }
            const auto f = datasetFacts(id, path);
            if (n == 0 && f.shape.size() >= 2) n = f.shape[0];
            candidates.push_back(path);
        }
    }
    if (n == 0 && objectType(id, "/obs/_index") == ObjectType::Dataset) {
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
