#include "io/layout_common.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "io/h5_representation.h"
#include "io/probe_trace.h"
#include "repscope/error.h"
#include "repscope/natural_sort.h"

namespace repscope::io {

void Discovery::skip(const std::string& path, const std::string& reason) {
    skipped.emplace_back(path, reason);
}

std::string baseName(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string fileStem(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

std::uint64_t checkedProduct(std::uint64_t a, std::uint64_t b) {
    if (a == 0 || b == 0) return 0;
    if (a > kMaxElements / b) return 0;
    return a * b;
}

DatasetFacts datasetFacts(hid_t file, const std::string& path) {
    DatasetFacts f;
    f.path = path;
    traceTouch(path);
    H5Id ds(H5Dopen2(file, path.c_str(), datasetAccess()));
    if (!ds) return f;
    f.shape = datasetShape(ds.get());
    H5Id type(H5Dget_type(ds.get()));
    f.typeClass = typeClass(type.get());
    f.dtype = dtypeName(type.get());
    std::uint64_t trailing = 1;
    for (std::size_t k = 1; k < f.shape.size() && trailing != 0; ++k) {
        trailing = checkedProduct(trailing, f.shape[k]);
    }
    f.trailing = f.shape.size() >= 2 ? trailing : 0;
    f.elements = f.shape.empty() ? 1 : checkedProduct(f.shape[0], f.shape.size() >= 2 ? trailing : 1);
    return f;
}

namespace {
std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string s;
    for (std::size_t k = 0; k < shape.size(); ++k) s += (k ? " × " : "") + std::to_string(shape[k]);
    return s;
}
}  // namespace

std::string lengthMismatch(const std::string& file, const DatasetFacts& f, std::size_t expected,
                           const std::string& unit, const std::string& consequence) {
    const std::string has = f.shape.size() == 1 ? std::to_string(f.shape[0]) + " entries"
                                                : "rank " + std::to_string(f.shape.size());
    return file + ":" + f.path + " has " + has + " but the file has " + std::to_string(expected) +
           " " + unit + "; " + consequence;
}

std::optional<std::string> unusableReason(const DatasetFacts& f, std::optional<std::size_t> n) {
    if (f.typeClass == TypeClass::String) return "holds strings, not numbers";
    if (f.typeClass == TypeClass::Float && f.dtype.find("non-IEEE") != std::string::npos) {
        return "holds " + f.dtype + " values, which RepScope does not decode";
    }
    if (f.typeClass != TypeClass::Float && f.typeClass != TypeClass::Integer) {
        return "holds " + f.dtype + " values, not numbers";
    }
    if (f.shape.empty()) return "is a scalar, not an N × D array";
    if (f.shape.size() == 1) {
        return "is rank-1 (" + std::to_string(f.shape[0]) +
               " values); a representation needs shape (N, D, ...)";
    }
    for (const auto dim : f.shape) {
        if (dim == 0) return "is empty (a dimension of size 0)";
    }
    if (f.elements == 0) {
        return "has shape " + shapeText(f.shape) + ", more than 2^56 values (a damaged header?)";
    }
    if (n && f.shape[0] != *n) {
        return "has " + std::to_string(f.shape[0]) + " rows but the file has " +
               std::to_string(*n) + " stimuli";
    }
    return std::nullopt;
}

namespace {

// A square N×N dataset is a precomputed RDM when it says so (name or attribute), or when a
// sample of it has a zero diagonal and is symmetric.
bool looksLikeRdm(hid_t file, const DatasetFacts& f, std::string& measure) {
    if (f.shape.size() != 2 || f.shape[0] != f.shape[1]) return false;
    H5Id ds(H5Dopen2(file, f.path.c_str(), datasetAccess()));
    if (!ds) return false;
    std::string kind;
    (void)readStringAttribute(ds.get(), "measure", measure);
    if (measure.empty()) (void)readStringAttribute(ds.get(), "dissimilarity_measure", measure);
    if (readStringAttribute(ds.get(), "kind", kind) || readStringAttribute(ds.get(), "type", kind)) {
        std::transform(kind.begin(), kind.end(), kind.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (kind == "rdm") return true;
    }
    std::string lower = baseName(f.path);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("rdm") != std::string::npos || !measure.empty()) return true;
    const hsize_t m = std::min<hsize_t>(f.shape[0], 32);
    std::vector<float> block(m * m);
    H5Id space(H5Dget_space(ds.get()));
    const hsize_t start[2] = {0, 0};
    const hsize_t extent[2] = {m, m};
    H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, extent, nullptr);
    H5Id mem(H5Screate_simple(2, extent, nullptr));
    if (H5Dread(ds.get(), H5T_NATIVE_FLOAT, mem.get(), space.get(), H5P_DEFAULT, block.data()) < 0) {
        return false;
    }
    for (hsize_t i = 0; i < m; ++i) {
        if (block[i * m + i] != 0.0f) return false;
        for (hsize_t j = i + 1; j < m; ++j) {
            const float a = block[i * m + j];
            const float b = block[j * m + i];
            if (!(std::abs(a - b) <= 1e-6f * std::max(1.0f, std::abs(a)))) return false;
        }
    }
    return m >= 2;
}

}  // namespace

RepresentationPtr makeDenseRepresentation(const H5FilePtr& file, const DatasetFacts& f,
                                          std::string model, std::string layer) {
    RepresentationInfo info;
    info.file = file->path;
    info.path = f.path;
    info.model = std::move(model);
    info.layer = std::move(layer);
    info.dtype = f.dtype;
    info.shape = f.shape;
    info.n = f.shape.at(0);
    info.d = f.trailing;  // checked by unusableReason: 0 < N·D ≤ 2^56
    if (looksLikeRdm(file->id.get(), f, info.rdmMeasure)) info.kind = RepresentationKind::Rdm;
    H5Id ds(H5Dopen2(file->id.get(), f.path.c_str(), datasetAccess()));
    if (ds) {
        for (auto& [k, v] : attributesAsText(ds.get())) info.attributes[k] = v;
    }
    return std::make_shared<DenseH5Representation>(std::move(info), file);
}

void addRepresentations(const H5FilePtr& file, const std::vector<std::string>& paths,
                        std::size_t n, Discovery& out) {
    // Group by model in order of first appearance.
    std::vector<std::string> models;
    std::map<std::string, std::vector<DatasetFacts>> byModel;
    for (const std::string& path : paths) {
        DatasetFacts f = datasetFacts(file->id.get(), path);
        if (auto why = unusableReason(f, n)) {
            out.skip(path, *why);
            if (f.typeClass != TypeClass::String) {
                out.warnings.push_back(file->path + ":" + path + " " + *why + "; skipped");
            }
            continue;
        }
        const std::string model = parentPath(path);
        if (!byModel.count(model)) models.push_back(model);
        byModel[model].push_back(std::move(f));
    }
    for (const std::string& modelPath : models) {
        auto& layers = byModel[modelPath];
        std::vector<std::string> names;
        std::vector<std::int64_t> orderAttr;
        bool allOrdered = true;
        for (const auto& f : layers) {
            names.push_back(baseName(f.path));
            H5Id ds(H5Dopen2(file->id.get(), f.path.c_str(), datasetAccess()));
            std::int64_t o = 0;
            allOrdered = allOrdered && ds && readIntAttribute(ds.get(), "order", o);
            orderAttr.push_back(o);
        }
        std::vector<std::size_t> order;
        H5Id group(H5Gopen2(file->id.get(), modelPath.c_str(), H5P_DEFAULT));
        std::vector<std::string> groupOrder;
        if (allOrdered) {
            order.resize(layers.size());
            std::iota(order.begin(), order.end(), std::size_t{0});
            std::stable_sort(order.begin(), order.end(),
                             [&](auto a, auto b) { return orderAttr[a] < orderAttr[b]; });
        } else if (group && readStringListAttribute(group.get(), "order", groupOrder)) {
            for (const std::string& name : groupOrder) {
                const auto it = std::find(names.begin(), names.end(), name);
                if (it != names.end()) order.push_back(static_cast<std::size_t>(it - names.begin()));
            }
            for (std::size_t k = 0; k < names.size(); ++k) {
                if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
            }
        } else {
            order = layerDisplayOrder(names);
        }
        const std::string model =
            modelPath == "/" ? fileStem(file->path) : modelPath.substr(1);
        for (const std::size_t k : order) {
            out.representations.push_back(
                makeDenseRepresentation(file, layers[k], model, names[k]));
        }
    }
}

CategoryColumn categoricalFromStrings(std::string name, const std::vector<std::string>& values) {
    CategoryColumn c;
    c.name = std::move(name);
    c.categories = values;
    std::sort(c.categories.begin(), c.categories.end(),
              [](const std::string& a, const std::string& b) { return naturalLess(a, b); });
    c.categories.erase(std::unique(c.categories.begin(), c.categories.end()), c.categories.end());
    std::map<std::string, std::int32_t> index;
    for (std::size_t k = 0; k < c.categories.size(); ++k) {
        index[c.categories[k]] = static_cast<std::int32_t>(k);
    }
    c.codes.reserve(values.size());
    for (const auto& v : values) c.codes.push_back(index[v]);
    return c;
}

CategoryColumn categoricalFromIntegers(std::string name, const std::vector<std::int64_t>& values) {
    std::vector<std::int64_t> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    CategoryColumn c;
    c.name = std::move(name);
    std::map<std::int64_t, std::int32_t> index;
    for (std::size_t k = 0; k < distinct.size(); ++k) {
        c.categories.push_back(std::to_string(distinct[k]));
        index[distinct[k]] = static_cast<std::int32_t>(k);
    }
    c.codes.reserve(values.size());
    for (const auto v : values) c.codes.push_back(index[v]);
    return c;
}

}  // namespace repscope::io
