#include "io/npy.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <limits>

#include "repscope/alignment/triplets.h"
#include "repscope/error.h"

namespace repscope::io {
namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 56;
constexpr std::size_t kMaxDims = 32;
constexpr std::uint64_t kMaxSubjects = 100000;
constexpr std::uint64_t kMaxTriplets = 50'000'000;

// A strict parser of the header dict numpy writes, e.g.
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), }
class DictParser {
public:
    DictParser(const std::string& text, const std::string& path) : s_(text), path_(path) {}

    void parse(std::string& descr, bool& fortran, std::vector<std::uint64_t>& shape) {
        bool haveDescr = false;
        bool haveOrder = false;
        bool haveShape = false;
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') break;
            const std::string key = quoted();
            expect(':');
            skipSpace();
            if (key == "descr" && !haveDescr) {
                descr = quoted();
                haveDescr = true;
            } else if (key == "fortran_order" && !haveOrder) {
                fortran = boolean();
                haveOrder = true;
            } else if (key == "shape" && !haveShape) {
                shape = tuple();
                haveShape = true;
            } else {
                fail("has the key '" + printableKey(key) + "' twice or one numpy does not write");
            }
            skipSpace();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() != '}') fail("lacks a ',' or '}' after the value of '" + key + "'");
        }
        ++pos_;
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\0')) ++pos_;
        if (pos_ != s_.size()) fail("has text after its closing '}'");
        if (!haveDescr || !haveOrder || !haveShape) {
            fail("lacks one of 'descr', 'fortran_order' and 'shape'");
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw FormatError(path_ + " is not a valid .npy file: its header " + what);
    }
    static std::string printableKey(const std::string& key) {
        std::string out;
        for (char c : key.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
        return out;
    }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void skipSpace() {
        while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
    }
    void expect(char c) {
        skipSpace();
        if (peek() != c) fail(std::string("lacks the expected '") + c + "'");
        ++pos_;
    }
    std::string quoted() {
        skipSpace();
        const char q = peek();
        if (q != '\'' && q != '"') fail("has a key or value that is not a quoted string");
        const std::size_t end = s_.find(q, pos_ + 1);
        if (end == std::string::npos || end - pos_ > 64) fail("has an unterminated or long string");
        std::string out = s_.substr(pos_ + 1, end - pos_ - 1);
        if (out.find('\\') != std::string::npos) fail("has an escaped string");
        pos_ = end + 1;
        return out;
    }
    bool boolean() {
        if (s_.compare(pos_, 4, "True") == 0) {
            pos_ += 4;
            return true;
        }
        if (s_.compare(pos_, 5, "False") == 0) {
            pos_ += 5;
            return false;
        }
        fail("gives 'fortran_order' a value other than True or False");
    }
    std::vector<std::uint64_t> tuple() {
        std::vector<std::uint64_t> out;
        expect('(');
        while (true) {
            skipSpace();
            if (peek() == ')') break;
            if (peek() < '0' || peek() > '9') fail("has a shape that is not a tuple of integers");
            std::uint64_t v = 0;
            while (peek() >= '0' && peek() <= '9') {
                const auto digit = static_cast<std::uint64_t>(peek() - '0');
                if (v > (kMaxElements - digit) / 10) fail("has a dimension larger than RepScope reads");
                v = v * 10 + digit;
                ++pos_;
            }
            if (peek() == 'L') ++pos_;  // Python 2 longs
            if (out.size() == kMaxDims) fail("has more than 32 dimensions");
            out.push_back(v);
            skipSpace();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() != ')') fail("has a shape that is not a tuple of integers");
        }
        ++pos_;
        if (out.size() == 1 && s_[pos_ - 2] != ',') {
            // "(3)" is an int in Python, not a tuple; numpy writes "(3,)".
            fail("has a shape that is not a tuple");
        }
        return out;
    }

    const std::string& s_;
    const std::string& path_;
    std::size_t pos_ = 0;
};

std::uint64_t fileSize(std::ifstream& in) {
    in.seekg(0, std::ios::end);
    const auto end = in.tellg();
    in.seekg(0, std::ios::beg);
    return end < 0 ? 0 : static_cast<std::uint64_t>(end);
}

// Reads `count` raw items starting at item `first` into `bytes`.
void readRaw(const std::string& path, const NpyHeader& h, std::uint64_t first, std::uint64_t count,
             std::vector<unsigned char>& bytes) {
    if (first > h.elements || count > h.elements - first) {
        throw FormatError(path + " holds only " + std::to_string(h.elements) + " values");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path + " cannot be opened for reading");
    bytes.resize(static_cast<std::size_t>(count * h.itemSize));
    in.seekg(static_cast<std::streamoff>(h.dataOffset + first * h.itemSize));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!in || static_cast<std::size_t>(in.gcount()) != bytes.size()) {
        throw FormatError(path + " could not be read (was it truncated since it was opened?)");
    }
}

// Item k of `bytes` in native byte order, as its bit pattern.
std::uint64_t bits(const unsigned char* p, std::size_t size, bool bigEndian) {
    std::uint64_t v = 0;
    for (std::size_t b = 0; b < size; ++b) {
        const std::size_t at = bigEndian ? b : size - 1 - b;
        v = (v << 8) | p[at];
    }
    return v;
}

double toDouble(const unsigned char* p, const NpyHeader& h) {
    const std::uint64_t v = bits(p, h.itemSize, h.bigEndian);
    if (h.kind == 'f') {
        if (h.itemSize == 4) {
            const auto u = static_cast<std::uint32_t>(v);
            float f = 0.0f;
            std::memcpy(&f, &u, sizeof f);
            return f;
        }
        double d = 0.0;
        std::memcpy(&d, &v, sizeof d);
        return d;
    }
    if (h.kind == 'u') return static_cast<double>(v);
    const unsigned shift = static_cast<unsigned>(64 - 8 * h.itemSize);
    return static_cast<double>(static_cast<std::int64_t>(v << shift) >> shift);
}

}  // namespace

std::string NpyHeader::dtype() const {
    const std::string bitsText = std::to_string(itemSize * 8);
    if (kind == 'f') return "float" + bitsText;
    return (kind == 'u' ? "uint" : "int") + bitsText;
}

bool isNpyPath(const std::string& path) {
    if (path.size() < 4) return false;
    std::string ext = path.substr(path.size() - 4);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".npy";
}

NpyHeader readNpyHeader(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path + " cannot be opened for reading");
    const std::uint64_t size = fileSize(in);
    std::array<unsigned char, 12> pre{};
    in.read(reinterpret_cast<char*>(pre.data()), 10);
    if (!in || std::memcmp(pre.data(), "\x93NUMPY", 6) != 0) {
        throw FormatError(path + " is not a .npy file (it does not start with \\x93NUMPY)");
    }
    const unsigned major = pre[6];
    if (major < 1 || major > 3) {
        throw FormatError(path + " is a .npy file of format version " + std::to_string(major) +
                          "." + std::to_string(pre[7]) + ", which RepScope does not read (1.0–3.0)");
    }
    std::uint64_t headerLength = 0;
    std::uint64_t prefix = 10;
    if (major == 1) {
        headerLength = pre[8] | (std::uint64_t{pre[9]} << 8);
    } else {
        in.read(reinterpret_cast<char*>(pre.data()) + 10, 2);
        if (!in) throw FormatError(path + " is a .npy file truncated inside its header");
        headerLength = pre[8] | (std::uint64_t{pre[9]} << 8) | (std::uint64_t{pre[10]} << 16) |
                       (std::uint64_t{pre[11]} << 24);
        prefix = 12;
    }
    if (headerLength > kMaxHeaderBytes) {
        throw FormatError(path + " is a .npy file whose header claims " +
                          std::to_string(headerLength) + " bytes, more than the 64 KiB RepScope reads");
    }
    std::string text(static_cast<std::size_t>(headerLength), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in) throw FormatError(path + " is a .npy file truncated inside its header");
    if (text.empty() || text.back() != '\n') {
        throw FormatError(path + " is not a valid .npy file: its header does not end in a newline");
    }
    std::string descr;
    bool fortran = false;
    NpyHeader h;
    DictParser(text, path).parse(descr, fortran, h.shape);
    if (descr.size() != 3 || (descr[0] != '<' && descr[0] != '>' && descr[0] != '|' &&
                              descr[0] != '=')) {
        throw FormatError(path + " holds values of dtype '" + descr.substr(0, 20) +
                          "', not float32/float64 or an integer type");
    }
    h.kind = descr[1];
    h.bigEndian = descr[0] == '>';
    const char width = descr[2];
    const bool floatOk = h.kind == 'f' && (width == '4' || width == '8');
    const bool intOk = (h.kind == 'i' || h.kind == 'u') &&
                       (width == '1' || width == '2' || width == '4' || width == '8');
    if (!floatOk && !intOk) {
        throw FormatError(path + " holds values of dtype '" + descr +
                          "', not float32/float64 or an integer type");
    }
    h.itemSize = static_cast<std::size_t>(width - '0');
    if (descr[0] == '|' && h.itemSize != 1) {
        throw FormatError(path + " gives the multi-byte dtype '" + descr + "' no byte order");
    }
    if (fortran) {
        throw FormatError(path + " is stored in Fortran order, which RepScope does not read; "
                                 "save it with numpy.save(path, numpy.ascontiguousarray(a))");
    }
    std::uint64_t elements = 1;
    for (const std::uint64_t dim : h.shape) {
        if (dim != 0 && elements > kMaxElements / dim) {
            throw FormatError(path + " has a shape of more than 2^56 values, more than RepScope reads");
        }
        elements *= dim;
    }
    h.elements = elements;
    h.dataOffset = prefix + headerLength;
    const std::uint64_t expected = h.dataOffset + elements * h.itemSize;
    if (size != expected) {
        throw FormatError(path + " is " + std::to_string(size) + " bytes but its header (" +
                          h.dtype() + ", " + std::to_string(elements) + " values) needs exactly " +
                          std::to_string(expected) + (size < expected ? " (truncated?)" : ""));
    }
    return h;
}

void readNpyValues(const std::string& path, const NpyHeader& h, std::uint64_t first,
                   std::uint64_t count, float* out) {
    std::vector<unsigned char> bytes;
    readRaw(path, h, first, count, bytes);
    for (std::size_t k = 0; k < count; ++k) {
        out[k] = static_cast<float>(toDouble(bytes.data() + k * h.itemSize, h));
    }
}

void readNpyValues(const std::string& path, const NpyHeader& h, std::uint64_t first,
                   std::uint64_t count, std::int64_t* out) {
    std::vector<unsigned char> bytes;
    readRaw(path, h, first, count, bytes);
    for (std::size_t k = 0; k < count; ++k) {
        const unsigned char* p = bytes.data() + k * h.itemSize;
        const std::uint64_t v = bits(p, h.itemSize, h.bigEndian);
        if (h.kind == 'u') {
            if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                out[k] = -1;  // beyond any stimulus index: dropped like one
                continue;
            }
            out[k] = static_cast<std::int64_t>(v);
        } else {
            const unsigned shift = static_cast<unsigned>(64 - 8 * h.itemSize);
            out[k] = static_cast<std::int64_t>(v << shift) >> shift;
        }
    }
}

namespace {

// One N×N RDM: slice `index` of an (S, N, N) array, or the whole (N, N) array.
class NpyRdmRepresentation final : public Representation {
public:
    NpyRdmRepresentation(RepresentationInfo info, NpyHeader header, std::uint64_t index)
        : Representation(std::move(info)), header_(std::move(header)), index_(index) {}

    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        const std::size_t n = info().n;
        if (first > n || count > n - first) {
            throw FormatError(info().qualifiedName() + " has only " + std::to_string(n) + " rows");
        }
        MatrixF out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(n));
        if (count == 0) return out;
        const std::uint64_t start = (index_ * n + first) * n;
        readNpyValues(info().file, header_, start, std::uint64_t{count} * n, out.data());
        return out;
    }

private:
    NpyHeader header_;
    std::uint64_t index_;
};

std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string s = "(";
    for (std::size_t k = 0; k < shape.size(); ++k) {
        s += (k ? ", " : "") + std::to_string(shape[k]);
    }
    return s + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace

std::shared_ptr<const DataFile> readNpyFile(const std::string& path) {
    const NpyHeader h = readNpyHeader(path);
    const auto& shape = h.shape;
    const bool square = shape.size() == 2 && shape[0] == shape[1] && shape[0] >= 2;
    const bool set = shape.size() == 3 && shape[1] == shape[2] && shape[1] >= 2 && shape[0] >= 1;
    if (!square && !set) {
        if (shape.size() == 2 && shape[1] == 3 && h.kind != 'f') {
            throw FormatError(path + " holds an integer array of shape " + shapeText(shape) +
                              ", which RepScope reads as odd-one-out triplets: "
                              "give it as repscope triplets --triplets " + path);
        }
        throw FormatError(path + " holds an array of shape " + shapeText(shape) +
                          "; RepScope opens a square (N, N) array as an RDM and an (S, N, N) "
                          "array as an RDM set");
    }
    if (set && shape[0] > kMaxSubjects) {
        throw FormatError(path + " holds " + std::to_string(shape[0]) + " RDMs, more than the " +
                          std::to_string(kMaxSubjects) + " subjects RepScope reads");
    }
    const std::size_t n = static_cast<std::size_t>(shape.back());
    const std::string stem = [&] {
        std::string s = path.substr(path.find_last_of('/') == std::string::npos
                                        ? 0
                                        : path.find_last_of('/') + 1);
        return s.substr(0, s.size() - 4);
    }();
    Stimuli st;
    st.count = n;
    std::vector<RepresentationPtr> representations;
    std::vector<RdmSet> sets;
    DataFile::SkippedPaths skipped;
    const auto makeInfo = [&](std::string p, std::string layer) {
        RepresentationInfo info;
        info.file = path;
        info.path = std::move(p);
        info.model = stem;
        info.layer = std::move(layer);
        info.dtype = h.dtype();
        info.shape = {n, n};
        info.n = n;
        info.d = n;
        info.kind = RepresentationKind::Rdm;
        return info;
    };
    if (square) {
        representations.push_back(
            std::make_shared<NpyRdmRepresentation>(makeInfo("/rdm", "rdm"), h, 0));
    } else {
        RdmSet rs;
        rs.path = "/rdms";
        for (std::uint64_t k = 0; k < shape[0]; ++k) {
            RepresentationInfo info = makeInfo("/rdms/" + std::to_string(k), std::to_string(k + 1));
            info.rdmSet = rs.path;
            auto r = std::make_shared<NpyRdmRepresentation>(std::move(info), h, k);
            rs.subjects.push_back(std::to_string(k + 1));
            rs.members.push_back(r);
            representations.push_back(std::move(r));
        }
        skipped.emplace_back("/rdms", "is an RDM set of " + std::to_string(shape[0]) +
                                          " subjects; give it as --target, or name one as /rdms/<k>");
        sets.push_back(std::move(rs));
    }
    return std::make_shared<const DataFile>(path, Layout::Generic, std::move(st),
                                            std::move(representations), std::vector<std::string>{},
                                            std::move(skipped), std::vector<std::string>{},
                                            std::move(sets));
}

}  // namespace repscope::io

namespace repscope::alignment {

TripletJudgements readTripletsNpy(const std::string& path, std::size_t stimuli) {
    const io::NpyHeader h = io::readNpyHeader(path);
    if (h.kind == 'f' || h.shape.size() != 2 || h.shape[1] != 3) {
        throw FormatError(path + " holds a " + h.dtype() + " array of shape " +
                          io::shapeText(h.shape) +
                          "; a triplet .npy is an (n, 3) integer array (a, b, odd one out)");
    }
    if (h.shape[0] > io::kMaxTriplets) {
        throw FormatError(path + " holds more than " + std::to_string(io::kMaxTriplets) +
                          " triplets, more than RepScope reads from one file");
    }
    TripletJudgements out;
    constexpr std::uint64_t kBlock = 1 << 16;
    std::vector<std::int64_t> values;
    for (std::uint64_t row = 0; row < h.shape[0]; row += kBlock) {
        const std::uint64_t rows = std::min(kBlock, h.shape[0] - row);
        values.resize(static_cast<std::size_t>(rows * 3));
        io::readNpyValues(path, h, row * 3, rows * 3, values.data());
        for (std::uint64_t r = 0; r < rows; ++r) {
            const std::int64_t* t = values.data() + r * 3;
            if (t[0] == t[1] || t[0] == t[2] || t[1] == t[2]) {
                throw FormatError(path + " row " + std::to_string(row + r) +
                                  " names a stimulus twice (" + std::to_string(t[0]) + ", " +
                                  std::to_string(t[1]) + ", " + std::to_string(t[2]) + ")");
            }
            bool known = true;
            std::array<std::uint32_t, 3> ids{};
            for (std::size_t k = 0; k < 3; ++k) {
                if (t[k] < 0 || static_cast<std::uint64_t>(t[k]) >= stimuli) {
                    if (out.firstUnknownLabel.empty()) {
                        out.firstUnknownLabel = "index " + std::to_string(t[k]);
                    }
                    known = false;
                    break;
                }
                ids[k] = static_cast<std::uint32_t>(t[k]);
            }
            if (!known) {
                ++out.dropped;
                continue;
            }
            out.items.push_back(ids);
            out.odd.push_back(2);
        }
    }
    return out;
}

}  // namespace repscope::alignment
