#include "cli/embedding_inputs.h"

#include <fnmatch.h>

#include <iostream>
#include <set>

#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {
namespace {

void requireFeatures(const RepresentationInfo& info) {
    if (info.kind == RepresentationKind::Rdm) {
        throw InputError(info.qualifiedName() +
                         " is a precomputed RDM; the embedding checks need features (N × D)");
    }
}

}  // namespace

EmbeddingSet loadEmbeddings(const std::vector<std::string>& specs) {
    Collection collection;
    std::vector<std::string> files;
    std::vector<CollectionEntry> entries;
    for (const std::string& spec : specs) {
        const QualifiedPath q = splitQualifiedPath(spec);
        std::size_t index = 0;
        while (index < files.size() && files[index] != q.file) ++index;
        if (index == files.size()) {
            collection.add(DataFile::open(q.file));
            files.push_back(q.file);
        }
        const RepresentationPtr rep = collection.files()[index]->find(q.path);
        requireFeatures(rep->info());
        entries.push_back({rep, index});
    }
    for (const auto& line : collection.alignmentReport()) std::cerr << printable(line) << "\n";
    EmbeddingSet set;
    set.stimuli = collection.stimuli();
    for (const CollectionEntry& e : entries) {
        set.embeddings.push_back({e.representation->info().qualifiedName(),
                                  e.representation->info().path, collection.read(e)});
    }
    return set;
}

EmbeddingSet loadSelected(const std::string& file, const std::string& glob) {
    Collection collection;
    collection.add(DataFile::open(file));
    EmbeddingSet set;
    set.stimuli = collection.stimuli();
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (fnmatch(glob.c_str(), info.path.c_str(), 0) != 0 &&
            fnmatch(glob.c_str(), info.qualifiedName().c_str(), 0) != 0) {
            continue;
        }
        if (info.kind == RepresentationKind::Rdm) {
            std::cerr << "skipping " << printable(info.qualifiedName())
                      << ": a precomputed RDM has no feature prefixes\n";
            continue;
        }
        set.embeddings.push_back({info.qualifiedName(), info.path, collection.read(e)});
    }
    if (set.embeddings.empty()) {
        throw InputError("no feature representation of " + file + " matches --select '" + glob + "'");
    }
    return set;
}

void applyNanPolicy(EmbeddingSet& set, NanPolicy policy) {
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < set.stimuli.count; ++i) labels.push_back(set.stimuli.label(i));
    if (policy == NanPolicy::Error) {
        for (const Embedding& e : set.embeddings) requireFinite(e.values, e.name, labels);
        return;
    }
    std::vector<char> keep(set.stimuli.count, 1);
    for (const Embedding& e : set.embeddings) {
        if (allFinite(e.values)) continue;
        for (Eigen::Index i = 0; i < e.values.rows(); ++i) {
            if (!e.values.row(i).allFinite()) keep[static_cast<std::size_t>(i)] = 0;
        }
    }
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < keep.size(); ++i) {
        if (keep[i]) rows.push_back(i);
    }
    if (rows.size() == keep.size()) return;
    if (rows.size() < 4) {
        throw FormatError("after dropping stimuli with NaN/Inf values only " +
                          std::to_string(rows.size()) + " remain, too few to check");
    }
    std::cerr << "dropped " << (keep.size() - rows.size()) << " of " << keep.size()
              << " stimuli that have NaN/Inf values\n";
    for (Embedding& e : set.embeddings) {
        MatrixF kept(static_cast<Eigen::Index>(rows.size()), e.values.cols());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            kept.row(static_cast<Eigen::Index>(r)) = e.values.row(static_cast<Eigen::Index>(rows[r]));
        }
        e.values = std::move(kept);
    }
    set.stimuli = set.stimuli.subset(rows);
}

const CategoryColumn* labelColumn(const Stimuli& stimuli, const std::string& requested) {
    if (requested.empty()) return stimuli.columns.empty() ? nullptr : &stimuli.columns.front();
    if (const CategoryColumn* c = stimuli.column(requested)) return c;
    std::string names;
    for (const CategoryColumn& c : stimuli.columns) names += (names.empty() ? "" : ", ") + c.name;
    throw InputError("the stimuli have no categorical column '" + requested + "' (" +
                     (names.empty() ? std::string("they have none") : "columns: " + names) + ")");
}

std::size_t categoriesPresent(const CategoryColumn& column) {
    std::set<std::int32_t> present;
    for (const std::int32_t c : column.codes) {
        if (c >= 0) present.insert(c);
    }
    return present.size();
}

std::vector<int> parsePositiveList(const std::string& text, const std::string& option) {
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, end - start);
        const std::size_t sign = item.rfind('-', 0) == 0 ? 1 : 0;
        const bool integer = item.size() > sign && item.size() <= 9 + sign &&
                             item.find_first_not_of("0123456789", sign) == std::string::npos;
        if (integer && std::stoi(item) <= 0) {
            throw InputError(option + " values must be at least 1; got " + item);
        }
        if (!integer) {
            throw InputError(option + " takes positive integers separated by commas, e.g. " +
                             (option == "--k" ? "1,5" : "8,16,32") + "; '" + item +
                             "' is not one");
        }
        out.push_back(std::stoi(item));
        start = end + 1;
    }
    return out;
}

}  // namespace repscope::cli
