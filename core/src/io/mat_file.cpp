#include "io/mat_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "io/mat_session.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

constexpr std::size_t kMaxVariables = 10000;
constexpr std::uint64_t kMaxSubjects = 100000;
// Values a file of B bytes may announce: zlib (v5) and gzip (v7.3) expand at most ~1,032-fold,
// so more is a damaged or hostile header, refused before matio allocates anything for it.
constexpr std::uint64_t kMaxExpansion = 2048;
constexpr std::uint64_t kSlackValues = std::uint64_t{1} << 20;

// The values of one variable (one block) or of a struct array's RDM fields (one block per
// element), as float in MATLAB's column-major order: read on first use, then kept.
class MatValues {
public:
    MatValues(std::string file, std::string variable, bool isStruct, std::vector<std::size_t> sizes)
        : file_(std::move(file)), variable_(std::move(variable)), isStruct_(isStruct),
          sizes_(std::move(sizes)) {}

    void preload(std::vector<std::vector<float>> blocks) {
        std::lock_guard lock(mutex_);
        blocks_ = std::move(blocks);
    }

    const std::vector<float>& block(std::size_t k) const {
        std::lock_guard lock(mutex_);
        if (blocks_.empty()) {
            MatSession session(file_);
            blocks_ = read(session, nullptr);
        }
        return blocks_.at(k);
    }

    // Reads every block (and, for a struct array, each element's name) in an open session.
    std::vector<std::vector<float>> read(const MatSession& session,
                                         std::vector<std::optional<std::string>>* names) const {
        const std::string where = file_ + ":/" + variable_;
        for (const std::size_t size : sizes_) checkMemoryBudget(size, 3, sizeof(float), where);
        MatVar v(Mat_VarRead(session.get(), variable_.c_str()));
        const auto fail = [&](const std::string& what) {
            const std::string why = session.lastMessage();
            return FormatError(where + " " + what + (why.empty() ? "" : " (" + why + ")"));
        };
        if (!v) throw fail("could not be read");
        std::vector<std::vector<float>> blocks(sizes_.size());
        if (!isStruct_) {
            if (!matValues(*v, blocks[0]) || blocks[0].size() != sizes_[0]) {
                throw fail("could not be read as the " + std::to_string(sizes_[0]) +
                           " numbers its header announces");
            }
            return blocks;
        }
        const auto elements = matElements(*v);
        if (v->class_type != MAT_C_STRUCT || !elements || *elements != sizes_.size()) {
            throw fail("is no longer the struct array of " + std::to_string(sizes_.size()) +
                       " elements its header announced");
        }
        for (std::size_t k = 0; k < sizes_.size(); ++k) {
            const matvar_t* rdm = Mat_VarGetStructFieldByName(v.get(), "RDM", k);
            if (rdm == nullptr || !matValues(*rdm, blocks[k]) || blocks[k].size() != sizes_[k]) {
                throw fail("element " + std::to_string(k + 1) + " has an RDM field that could not "
                           "be read as the " + std::to_string(sizes_[k]) + " numbers it announces");
            }
            if (names != nullptr) {
                const matvar_t* name = Mat_VarGetStructFieldByName(v.get(), "name", k);
                names->push_back(name == nullptr ? std::nullopt : matText(*name));
            }
        }
        return blocks;
    }

private:
    std::string file_;
    std::string variable_;
    bool isStruct_;
    std::vector<std::size_t> sizes_;
    mutable std::mutex mutex_;
    mutable std::vector<std::vector<float>> blocks_;
};

// Where entry (i, j) of one N × D matrix lies in a block.
struct Geometry {
    std::size_t block = 0;
    std::size_t base = 0;
    std::size_t rowStride = 1;
    std::size_t colStride = 0;
    bool condensed = false;  // a vector of the upper triangle, row-major (squareform order)
};

class MatRepresentation final : public Representation {
public:
    MatRepresentation(RepresentationInfo info, std::shared_ptr<const MatValues> values,
                      Geometry geometry)
        : Representation(std::move(info)), values_(std::move(values)), g_(geometry) {}

    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        const std::size_t n = info().n;
        const std::size_t d = info().d;
        if (first > n || count > n - first) {
            throw FormatError(info().qualifiedName() + " has only " + std::to_string(n) + " rows");
        }
        MatrixF out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(d));
        if (count == 0) return out;
        const std::vector<float>& v = values_->block(g_.block);
        for (std::size_t r = 0; r < count; ++r) {
            const std::size_t i = first + r;
            for (std::size_t c = 0; c < d; ++c) {
                float x = 0.0f;
                if (!g_.condensed) {
                    x = v[g_.base + i * g_.rowStride + c * g_.colStride];
                } else if (i != c) {
                    const std::size_t a = std::min(i, c);
                    const std::size_t b = std::max(i, c);
                    x = v[a * n - a * (a + 1) / 2 + (b - a - 1)];
                }
                out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = x;
            }
        }
        return out;
    }

private:
    std::shared_ptr<const MatValues> values_;
    Geometry g_;
};

enum class Kind { Matrix, Set, Struct };

struct Candidate {
    Kind kind = Kind::Matrix;
    std::string name;  // the variable's name as stored
    std::string dtype;
    std::vector<std::uint64_t> shape;
    std::size_t n = 0;
    std::size_t d = 0;
    std::size_t subjects = 0;
    bool subjectsLast = false;         // a set stored N × N × S
    std::vector<bool> condensed;       // struct elements whose RDM is a vector
    std::vector<std::size_t> sizes;    // values per block
    std::vector<std::vector<float>> preloaded;
    std::vector<std::optional<std::string>> names;
    bool rdm = false;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A path component from a name in the file: '/' would split the path.
std::string component(std::string name) {
    std::replace(name.begin(), name.end(), '/', '_');
    return name;
}

std::string dimsText(const matvar_t& v) {
    std::string s;
    for (int k = 0; k < v.rank && k < 8; ++k) s += (k ? " × " : "") + std::to_string(v.dims[k]);
    return v.rank > 8 ? s + " × …" : s;
}

// N for a vector of N(N-1)/2 entries, 0 when there is none.
std::size_t condensedN(std::uint64_t entries) {
    const auto n = static_cast<std::uint64_t>(std::llround((1.0 + std::sqrt(1.0 + 8.0 * double(entries))) / 2.0));
    return n >= 3 && n * (n - 1) / 2 == entries ? static_cast<std::size_t>(n) : 0;
}

// Classifies one variable from its header; returns why it is skipped, or nothing.
std::optional<std::string> classify(matvar_t& v, Candidate& c, std::uint64_t maxValues) {
    const auto tooMany = [&](std::uint64_t values) {
        return "announces " + std::to_string(values) + " values, more than a file of its size "
               "can hold (a damaged header?)";
    };
    c.name = v.name;
    for (int k = 0; k < v.rank && v.dims != nullptr; ++k) c.shape.push_back(v.dims[k]);
    if (v.class_type == MAT_C_STRUCT && !v.isComplex) {
        const auto elements = matElements(v);
        if (!elements) return "is an empty struct array";
        if (*elements > kMaxSubjects) {
            return "is a struct array of more than " + std::to_string(kMaxSubjects) + " elements";
        }
        c.kind = Kind::Struct;
        c.subjects = static_cast<std::size_t>(*elements);
        std::uint64_t total = 0;
        for (std::size_t k = 0; k < c.subjects; ++k) {
            const matvar_t* f = Mat_VarGetStructFieldByName(&v, "RDM", k);
            if (f == nullptr) return matNotNumericReason(v);
            const std::string element = "has an element " + std::to_string(k + 1) + " whose RDM ";
            if (!isPlainNumeric(*f)) return element + matNotNumericReason(*f);
            const auto count = matElements(*f);
            if (f->rank != 2 || !count) return element + "is empty or not a matrix";
            std::size_t n = 0;
            const bool vector = f->dims[0] == 1 || f->dims[1] == 1;
            if (f->dims[0] == f->dims[1] && f->dims[0] >= 2) n = f->dims[0];
            else if (vector) n = condensedN(*count);
            if (n == 0) {
                return element + "is " + dimsText(*f) + ", neither N × N nor a vector of "
                                                     "N(N-1)/2 entries";
            }
            if (k > 0 && n != c.n) {
                return element + "is over " + std::to_string(n) + " stimuli, not " + std::to_string(c.n) +
                       " like element 1";
            }
            total += *count;
            if (total > maxValues) return tooMany(total);
            c.n = c.d = n;
            c.condensed.push_back(vector);
            c.sizes.push_back(static_cast<std::size_t>(*count));
        }
        c.dtype = matDtype(*Mat_VarGetStructFieldByName(&v, "RDM", 0));
        c.rdm = true;
        return std::nullopt;
    }
    if (!isPlainNumeric(v)) return matNotNumericReason(v);
    const auto count = matElements(v);
    if (!count) return "is empty or larger than 2^56 values";
    if (*count > maxValues) return tooMany(*count);
    c.dtype = matDtype(v);
    c.sizes = {static_cast<std::size_t>(*count)};
    if (v.rank == 2) {
        if (v.dims[0] < 2) {
            return "is " + dimsText(v) + "; a representation needs N × D with N ≥ 2 stimuli as rows";
        }
        c.n = v.dims[0];
        c.d = v.dims[1];
        return std::nullopt;
    }
    if (v.rank == 3 && v.dims[1] == v.dims[2] && v.dims[1] >= 2) {
        c.kind = Kind::Set;
        c.subjects = v.dims[0];
    } else if (v.rank == 3 && v.dims[0] == v.dims[1] && v.dims[0] >= 2) {
        c.kind = Kind::Set;
        c.subjects = v.dims[2];
        c.subjectsLast = true;
    } else {
        return "is " + dimsText(v) + "; RepScope reads N × D matrices and S × N × N RDM sets";
    }
    if (c.subjects > kMaxSubjects) {
        return "holds more than the " + std::to_string(kMaxSubjects) + " subjects RepScope reads";
    }
    c.n = c.d = c.subjectsLast ? v.dims[0] : v.dims[1];
    c.rdm = true;
    return std::nullopt;
}

// The rule of the HDF5 layouts: zero diagonal and symmetric on the first 32 × 32 entries.
bool symmetricWithZeroDiagonal(const std::vector<float>& v, std::size_t n) {
    const std::size_t m = std::min<std::size_t>(n, 32);
    for (std::size_t i = 0; i < m; ++i) {
        if (v[i + i * n] != 0.0f) return false;
        for (std::size_t j = i + 1; j < m; ++j) {
            const float a = v[i + j * n];
            const float b = v[j + i * n];
            if (!(std::abs(a - b) <= 1e-6f * std::max(1.0f, std::abs(a)))) return false;
        }
    }
    return m >= 2;
}

}  // namespace

bool isMatPath(const std::string& path) {
    return path.size() >= 4 && lower(path.substr(path.size() - 4)) == ".mat";
}

std::shared_ptr<const DataFile> readMatFile(const std::string& path) {
    std::vector<Candidate> found;
    DataFile::SkippedPaths skipped;
    std::vector<std::string> warnings;
    const auto skip = [&](const std::string& p, const std::string& why) {
        skipped.emplace_back(p, why);
        warnings.push_back(path + ":" + p + " " + why + "; skipped");
    };
    std::error_code sizeError;
    const std::uint64_t bytes = std::filesystem::file_size(path, sizeError);
    const std::uint64_t maxValues = sizeError ? 0 : bytes * kMaxExpansion + kSlackValues;
    {
        MatSession session(path);
        for (std::size_t count = 0;; ++count) {
            MatVar v(Mat_VarReadNextInfo(session.get()));
            if (!v) break;
            if (count == kMaxVariables) {
                warnings.push_back(path + " holds more than " + std::to_string(kMaxVariables) +
                                   " variables; the rest are skipped");
                break;
            }
            if (v->name == nullptr || v->name[0] == '\0') {
                warnings.push_back(path + " holds a variable without a name; skipped");
                continue;
            }
            Candidate c;
            if (auto why = classify(*v, c, maxValues)) {
                skip("/" + component(v->name), *why);
                continue;
            }
            found.push_back(std::move(c));
        }
        if (found.empty() && skipped.empty()) {
            const std::string why = session.lastMessage();
            throw FormatError(path + " holds no variable RepScope can read" +
                              (why.empty() ? std::string() : " (" + why + ")"));
        }
        // Struct arrays are read now for their names; square matrices for the RDM test.
        for (Candidate& c : found) {
            const bool square = c.kind == Kind::Matrix && c.n == c.d;
            if (c.kind != Kind::Struct && !square) continue;
            if (square && lower(c.name).find("rdm") != std::string::npos) {
                c.rdm = true;
                continue;
            }
            try {
                const MatValues reader(path, c.name, c.kind == Kind::Struct, c.sizes);
                c.preloaded = reader.read(session, c.kind == Kind::Struct ? &c.names : nullptr);
            } catch (const Error& e) {
                skipped.emplace_back("/" + component(c.name), "could not be read");
                warnings.push_back(std::string(e.what()) + "; skipped");
                c.n = 0;
                continue;
            }
            if (square) c.rdm = symmetricWithZeroDiagonal(c.preloaded[0], c.n);
        }
    }
    // N: the most common stimulus count (the first of equals).
    std::map<std::size_t, std::size_t> votes;
    std::size_t n = 0;
    for (const Candidate& c : found) {
        if (c.n != 0 && ++votes[c.n] > votes[n]) n = c.n;
    }
    Stimuli stimuli;
    stimuli.count = n;
    std::vector<RepresentationPtr> representations;
    std::vector<RdmSet> sets;
    const std::string stem = [&] {
        const auto slash = path.find_last_of('/');
        const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
        return base.substr(0, base.size() - std::min<std::size_t>(base.size(), 4));
    }();
    for (Candidate& c : found) {
        if (c.n == 0) continue;  // could not be read, said above
        const std::string p = "/" + component(c.name);
        if (c.n != n) {
            skip(p, "is over " + std::to_string(c.n) + " stimuli but the file's other variables "
                    "are over " + std::to_string(n));
            continue;
        }
        auto values = std::make_shared<MatValues>(path, c.name, c.kind == Kind::Struct, c.sizes);
        if (!c.preloaded.empty()) values->preload(std::move(c.preloaded));
        RepresentationInfo info;
        info.file = path;
        info.dtype = c.dtype;
        info.n = c.n;
        info.d = c.d;
        info.kind = c.rdm ? RepresentationKind::Rdm : RepresentationKind::Features;
        if (c.kind == Kind::Matrix) {
            info.path = p;
            info.model = stem;
            info.layer = c.name;
            info.shape = c.shape;
            Geometry g;
            g.colStride = c.n;
            representations.push_back(std::make_shared<MatRepresentation>(info, values, g));
            continue;
        }
        RdmSet set;
        set.path = p;
        set.membersAreModels = c.kind == Kind::Struct;
        std::set<std::string> taken;
        for (std::size_t k = 0; k < c.subjects; ++k) {
            Geometry g;
            std::string name = std::to_string(k + 1);
            std::string member = std::to_string(k);
            if (c.kind == Kind::Struct) {
                g.block = k;
                g.colStride = c.n;
                g.condensed = c.condensed[k];
                if (k < c.names.size() && c.names[k] && !c.names[k]->empty()) {
                    name = component(*c.names[k]);
                }
                if (!taken.insert(name).second) name += "_" + std::to_string(k + 1);
                taken.insert(name);
                member = name;
            } else if (c.subjectsLast) {
                g.base = k * c.n * c.n;
                g.colStride = c.n;
            } else {
                g.base = k;
                g.rowStride = c.subjects;
                g.colStride = c.subjects * c.n;
            }
            RepresentationInfo m = info;
            m.path = p + "/" + member;
            m.model = c.name;
            m.layer = name;
            m.shape = {c.n, c.n};
            m.rdmSet = p;
            auto r = std::make_shared<MatRepresentation>(std::move(m), values, g);
            set.subjects.push_back(name);
            set.members.push_back(r);
            representations.push_back(std::move(r));
        }
        skipped.emplace_back(p, "is an RDM set of " + std::to_string(c.subjects) +
                                    " subjects; give it as --target, or name one as " + p +
                                    (c.kind == Kind::Struct ? "/<name>" : "/<k>"));
        sets.push_back(std::move(set));
    }
    if (representations.empty()) {
        std::string reasons;
        for (std::size_t k = 0; k < skipped.size() && k < 3; ++k) {
            reasons += (k ? "; " : " (") + skipped[k].first + " " + skipped[k].second;
        }
        if (!reasons.empty()) reasons += skipped.size() > 3 ? "; …)" : ")";
        throw FormatError(path + " holds no numeric N × D matrix, RDM or RDM set" + reasons);
    }
    return std::make_shared<const DataFile>(path, Layout::Generic, std::move(stimuli),
                                            std::move(representations), std::move(warnings),
                                            std::move(skipped), std::vector<std::string>{},
                                            std::move(sets));
}

}  // namespace repscope::io
