#include "io/ratings_csv.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "repscope/error.h"
#include "repscope/natural_sort.h"

namespace repscope::io {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

struct PairRating {
    std::uint32_t i;  // i < j, stimulus indices in the final (natural) order
    std::uint32_t j;
    float value;
};

// One subject's RDM, held as its rated pairs (sorted by (i, j)); rows are built on demand with
// NaN for unrated pairs.
class RatedRdmRepresentation final : public Representation {
public:
    RatedRdmRepresentation(RepresentationInfo info, std::vector<PairRating> pairs)
        : Representation(std::move(info)), pairs_(std::move(pairs)) {}

    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        const std::size_t n = info().n;
        if (first + count > n) {
            throw FormatError(info().qualifiedName() + " has only " + std::to_string(n) + " rows");
        }
        MatrixF out = MatrixF::Constant(static_cast<Eigen::Index>(count),
                                        static_cast<Eigen::Index>(n), kMissing);
        for (std::size_t r = 0; r < count; ++r) {
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(first + r)) = 0.0f;
        }
        for (const PairRating& p : pairs_) {
            if (p.i >= first && p.i < first + count) {
                out(static_cast<Eigen::Index>(p.i - first), static_cast<Eigen::Index>(p.j)) = p.value;
            }
            if (p.j >= first && p.j < first + count) {
                out(static_cast<Eigen::Index>(p.j - first), static_cast<Eigen::Index>(p.i)) = p.value;
            }
        }
        return out;
    }

private:
    std::vector<PairRating> pairs_;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Interns names in first-appearance order, bounded.
class Names {
public:
    Names(std::size_t limit, const char* what) : limit_(limit), what_(what) {}
    std::uint32_t id(const std::string& name, const CsvReader& csv) {
        const auto it = index_.find(name);
        if (it != index_.end()) return it->second;
        if (names_.size() >= limit_) {
            throw FormatError(csv.at("more than " + std::to_string(limit_) + " distinct " + what_ +
                                     ", more than RepScope reads from a ratings file"));
        }
        const auto k = static_cast<std::uint32_t>(names_.size());
        index_.emplace(name, k);
        names_.push_back(name);
        return k;
    }
    // Natural order: rank[id] = position.
    std::vector<std::uint32_t> naturalRanks(std::vector<std::string>& sorted) const {
        std::vector<std::uint32_t> order(names_.size());
        for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
            return naturalLess(names_[a], names_[b]);
        });
        std::vector<std::uint32_t> rank(names_.size());
        sorted.clear();
        for (std::uint32_t pos = 0; pos < order.size(); ++pos) {
            rank[order[pos]] = pos;
            sorted.push_back(names_[order[pos]]);
        }
        return rank;
    }
    [[nodiscard]] std::size_t size() const { return names_.size(); }

private:
    std::size_t limit_;
    const char* what_;
    std::unordered_map<std::string, std::uint32_t> index_;
    std::vector<std::string> names_;
};

struct RawRating {
    std::uint32_t subject;
    std::uint32_t a;
    std::uint32_t b;
    double value;
};

}  // namespace

std::shared_ptr<const DataFile> readRatingsCsv(const std::string& path) {
    CsvReader csv(path);
    std::vector<std::string> fields;
    if (!csv.next(fields)) throw FormatError(path + " holds no line of text");
    std::vector<std::string> header;
    for (const auto& f : fields) header.push_back(lower(trimmed(f)));
    const bool similarity = header.size() == 4 && header[3] == "similarity";
    const bool dissimilarity = header.size() == 4 && header[3] == "dissimilarity";
    if (header.size() != 4 || header[0] != "subject" || header[1] != "stimulus_a" ||
        header[2] != "stimulus_b" || !(similarity || dissimilarity)) {
        const bool triplets = std::find(header.begin(), header.end(), "odd_one_out") != header.end();
        throw FormatError(csv.at(triplets
            ? "this is a file of odd-one-out triplets, not pairwise ratings; give it to "
              "repscope triplets --triplets"
            : "a pairwise ratings file starts with the header "
              "subject,stimulus_a,stimulus_b,similarity (or dissimilarity)"));
    }
    Names subjects(kMaxRatingSubjects, "subjects");
    Names stimuli(kMaxRatingStimuli, "stimuli");
    std::vector<RawRating> raw;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    while (csv.next(fields)) {
        if (fields.size() != 4) {
            throw FormatError(csv.at("expected 4 fields (subject, stimulus_a, stimulus_b, " +
                                     header[3] + ") but found " + std::to_string(fields.size())));
        }
        if (raw.size() >= kMaxRatingRows) {
            throw FormatError(csv.at("more than " + std::to_string(kMaxRatingRows) +
                                     " ratings, more than RepScope reads from one file"));
        }
        const std::string subject = trimmed(fields[0]);
        const std::string a = trimmed(fields[1]);
        const std::string b = trimmed(fields[2]);
        if (subject.empty()) throw FormatError(csv.at("the subject is empty"));
        if (subject.find('/') != std::string::npos) {
            throw FormatError(csv.at("the subject name contains '/', which cannot be part of the "
                                     "path /ratings/<subject>"));
        }
        if (a.empty() || b.empty()) throw FormatError(csv.at("a stimulus label is empty"));
        if (a.size() > kMaxLabelBytes || b.size() > kMaxLabelBytes || subject.size() > kMaxLabelBytes) {
            throw FormatError(csv.at("a name is longer than " + std::to_string(kMaxLabelBytes) +
                                     " bytes"));
        }
        if (a == b) {
            throw FormatError(csv.at("the stimulus '" + excerpt(a) + "' is rated against itself"));
        }
        double value = 0.0;
        if (!parseFiniteNumber(fields[3], value)) {
            throw FormatError(csv.at("the " + header[3] + " '" + excerpt(trimmed(fields[3])) +
                                     "' is not a finite number"));
        }
        lo = std::min(lo, value);
        hi = std::max(hi, value);
        raw.push_back({subjects.id(subject, csv), stimuli.id(a, csv), stimuli.id(b, csv), value});
    }
    if (raw.empty()) throw FormatError(path + " has a header but no ratings");
    if (stimuli.size() < 3) {
        throw FormatError(path + " rates pairs of only " + std::to_string(stimuli.size()) +
                          " stimuli; an RDM needs at least 3");
    }
    if (similarity && !(hi > lo)) {
        throw FormatError(path + " gives every pair the same similarity, so there is no "
                                 "dissimilarity to derive ((s_max − s) / (s_max − s_min))");
    }
    std::vector<std::string> labels;
    const std::vector<std::uint32_t> stimulusRank = stimuli.naturalRanks(labels);
    std::vector<std::string> subjectNames;
    const std::vector<std::uint32_t> subjectRank = subjects.naturalRanks(subjectNames);
    const std::size_t n = labels.size();

    // Per subject, pairs sorted by (i, j); repeated judgements averaged.
    std::sort(raw.begin(), raw.end(), [&](const RawRating& x, const RawRating& y) {
        const auto key = [&](const RawRating& r) {
            std::uint32_t i = stimulusRank[r.a];
            std::uint32_t j = stimulusRank[r.b];
            if (i > j) std::swap(i, j);
            return std::tuple(subjectRank[r.subject], i, j);
        };
        return key(x) < key(y);
    });
    std::vector<std::vector<PairRating>> perSubject(subjectNames.size());
    for (std::size_t k = 0; k < raw.size();) {
        const RawRating& r = raw[k];
        std::uint32_t i = stimulusRank[r.a];
        std::uint32_t j = stimulusRank[r.b];
        if (i > j) std::swap(i, j);
        double sum = 0.0;
        std::size_t count = 0;
        std::size_t e = k;
        for (; e < raw.size(); ++e) {
            std::uint32_t ii = stimulusRank[raw[e].a];
            std::uint32_t jj = stimulusRank[raw[e].b];
            if (ii > jj) std::swap(ii, jj);
            if (raw[e].subject != r.subject || ii != i || jj != j) break;
            sum += raw[e].value;
            ++count;
        }
        const double mean = sum / static_cast<double>(count);
        const double d = similarity ? (hi - mean) / (hi - lo) : mean;
        perSubject[subjectRank[r.subject]].push_back({i, j, static_cast<float>(d)});
        k = e;
    }

    Stimuli st;
    st.count = n;
    st.labels = labels;
    RdmSet set;
    set.path = "/ratings";
    std::vector<RepresentationPtr> representations;
    for (std::size_t s = 0; s < subjectNames.size(); ++s) {
        RepresentationInfo info;
        info.file = path;
        info.path = "/ratings/" + subjectNames[s];
        info.model = "ratings";
        info.layer = subjectNames[s];
        info.dtype = "float32";
        info.shape = {n, n};
        info.n = n;
        info.d = n;
        info.kind = RepresentationKind::Rdm;
        info.rdmMeasure = similarity ? "rescaled similarity" : "dissimilarity";
        info.rdmSet = set.path;
        auto r = std::make_shared<RatedRdmRepresentation>(std::move(info), std::move(perSubject[s]));
        set.subjects.push_back(subjectNames[s]);
        set.members.push_back(r);
        representations.push_back(std::move(r));
    }
    DataFile::SkippedPaths skipped = {
        {"/ratings", "is the RDM set of " + std::to_string(subjectNames.size()) +
                         " subjects' ratings; give it as --target, or name one as /ratings/<subject>"}};
    std::vector<RdmSet> sets;
    sets.push_back(std::move(set));
    return std::make_shared<const DataFile>(path, Layout::Ratings, std::move(st),
                                            std::move(representations), std::vector<std::string>{},
                                            std::move(skipped), std::vector<std::string>{},
                                            std::move(sets));
}

}  // namespace repscope::io
