#include "repscope/collection.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "repscope/error.h"

namespace repscope {
namespace {

std::string duplicateLabel(const std::vector<std::string>& labels) {
    std::unordered_map<std::string, int> seen;
    for (const auto& l : labels) {
        if (++seen[l] > 1) return l;
    }
    return {};
}

std::vector<std::size_t> identity(std::size_t n) {
    std::vector<std::size_t> v(n);
    std::iota(v.begin(), v.end(), std::size_t{0});
    return v;
}

}  // namespace

void Collection::add(DataFilePtr file) {
    std::vector<DataFilePtr> files = files_;
    files.push_back(std::move(file));
    Collection next;
    next.rebuild(files);  // throws AlignmentError; *this stays as it was
    *this = std::move(next);
}

void Collection::remove(std::size_t fileIndex) {
    if (fileIndex >= files_.size()) return;
    std::vector<DataFilePtr> files = files_;
    files.erase(files.begin() + static_cast<std::ptrdiff_t>(fileIndex));
    Collection next;
    next.rebuild(files);
    *this = std::move(next);
}

// Stimulus set: the first file's stimuli, narrowed to labels every labelled file shares.
// Files align by label when both sides have labels, else by index with equal N.
void Collection::rebuild(const std::vector<DataFilePtr>& files) {
    files_.clear();
    rows_.clear();
    report_.clear();
    stimuli_ = Stimuli{};
    if (files.empty()) return;
    const DataFilePtr& first = files.front();
    // Collection stimulus k ↔ row kept[k] of the first file.
    std::vector<std::size_t> kept = identity(first->stimulusCount());
    const bool labelled = first->stimuli().hasLabels();
    if (labelled) {
        if (auto dup = duplicateLabel(first->stimuli().labels); !dup.empty() && files.size() > 1) {
            throw AlignmentError(first->path() + " has the label '" + dup +
                                 "' more than once, so files cannot be aligned by label");
        }
    }
    // For each later file, its row for every first-file row (or npos when absent).
    constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    std::vector<std::vector<std::size_t>> rowFor(files.size());
    rowFor[0] = identity(first->stimulusCount());
    for (std::size_t f = 1; f < files.size(); ++f) {
        const DataFile& other = *files[f];
        std::vector<std::size_t>& map = rowFor[f];
        if (labelled && other.stimuli().hasLabels()) {
            if (auto dup = duplicateLabel(other.stimuli().labels); !dup.empty()) {
                throw AlignmentError(other.path() + " has the label '" + dup +
                                     "' more than once, so it cannot be aligned by label with " +
                                     first->path());
            }
            std::unordered_map<std::string, std::size_t> index;
            for (std::size_t r = 0; r < other.stimulusCount(); ++r) index[other.stimuli().labels[r]] = r;
            map.assign(first->stimulusCount(), kAbsent);
            std::size_t matched = 0;
            for (std::size_t r = 0; r < first->stimulusCount(); ++r) {
                auto it = index.find(first->stimuli().labels[r]);
                if (it != index.end()) {
                    map[r] = it->second;
                    ++matched;
                }
            }
            if (matched == 0) {
                throw AlignmentError(other.path() + " shares no stimulus label with " +
                                     first->path() + ", so the two cannot be aligned");
            }
            if (matched < other.stimulusCount()) {
                report_.push_back("aligned by label: " + std::to_string(other.stimulusCount() - matched) +
                                  " of " + std::to_string(other.stimulusCount()) + " stimuli of " +
                                  other.path() + " are not in " + first->path() + " and were dropped");
            }
            if (matched < first->stimulusCount()) {
                report_.push_back("aligned by label: " + std::to_string(first->stimulusCount() - matched) +
                                  " of " + std::to_string(first->stimulusCount()) + " stimuli of " +
                                  first->path() + " are not in " + other.path() + " and were dropped");
            }
        } else if (other.stimulusCount() == first->stimulusCount()) {
            map = identity(first->stimulusCount());
        } else {
            throw AlignmentError(other.path() + " has " + std::to_string(other.stimulusCount()) +
                                 " stimuli but " + first->path() + " has " +
                                 std::to_string(first->stimulusCount()) +
                                 ", and without labels on both the files cannot be aligned");
        }
    }
    // Keep first-file rows present in every file.
    std::vector<std::size_t> keep;
    for (std::size_t r = 0; r < first->stimulusCount(); ++r) {
        bool everywhere = true;
        for (const auto& map : rowFor) everywhere = everywhere && map[r] != kAbsent;
        if (everywhere) keep.push_back(r);
    }
    if (keep.empty()) {
        throw AlignmentError("the files share no stimulus, so they cannot be aligned");
    }
    kept = keep;
    stimuli_ = first->stimuli().subset(kept);
    // Categorical columns of later files that the first lacks join the stimulus set.
    for (std::size_t f = 1; f < files.size(); ++f) {
        for (const CategoryColumn& c : files[f]->stimuli().columns) {
            if (stimuli_.column(c.name) != nullptr) continue;
            CategoryColumn joined{c.name, c.categories, {}};
            for (const std::size_t r : kept) joined.codes.push_back(c.codes.at(rowFor[f][r]));
            stimuli_.columns.push_back(std::move(joined));
        }
    }
    for (std::size_t f = 0; f < files.size(); ++f) {
        std::vector<std::size_t> rows;
        rows.reserve(kept.size());
        for (const std::size_t r : kept) rows.push_back(rowFor[f][r]);
        rows_.push_back(std::move(rows));
    }
    files_ = files;
}

std::vector<CollectionEntry> Collection::representations() const {
    std::vector<CollectionEntry> out;
    for (std::size_t f = 0; f < files_.size(); ++f) {
        for (const auto& r : files_[f]->representations()) out.push_back({r, f});
    }
    return out;
}

MatrixF Collection::read(const CollectionEntry& entry, Progress& progress) const {
    const std::vector<std::size_t>& rows = rows_.at(entry.fileIndex);
    const bool isIdentity = rows.size() == entry.representation->info().n &&
                            std::is_sorted(rows.begin(), rows.end()) &&
                            (rows.empty() || rows.back() == rows.size() - 1);
    MatrixF m = isIdentity ? entry.representation->readAll(progress)
                           : entry.representation->readRows(rows, progress);
    if (entry.representation->info().kind == RepresentationKind::Rdm && !isIdentity) {
        // An RDM's columns are stimuli too: keep the same subset and order.
        MatrixF sub(m.rows(), static_cast<Eigen::Index>(rows.size()));
        for (std::size_t c = 0; c < rows.size(); ++c) {
            sub.col(static_cast<Eigen::Index>(c)) = m.col(static_cast<Eigen::Index>(rows[c]));
        }
        return sub;
    }
    return m;
}

}  // namespace repscope
