#include "gui/projection/projection_tasks.h"

#include <algorithm>

#include "repscope/embed/mds.h"
#include "repscope/embed/pca.h"
#include "repscope/embed/procrustes.h"
#include "repscope/embed/tsne.h"
#include "repscope/embed/umap.h"
#include "repscope/error.h"
#include "repscope/sub_progress.h"

namespace repscope::gui {
namespace {

constexpr double kDefaultPerplexity = 30.0;
constexpr int kMinStimuli = 5;

Eigen::MatrixXd computeProjection(const MatrixF& x, bool precomputedRdm, ProjectionMethod method,
                                  int dims, std::uint64_t seed, const std::string& name,
                                  Progress& progress) {
    const Eigen::Index n = x.rows();
    if (n < kMinStimuli) {
        throw InputError(name + " has " + std::to_string(n) + " stimuli; a projection needs at least " +
                         std::to_string(kMinStimuli) + ".");
    }
    if (precomputedRdm && method != ProjectionMethod::Mds) {
        throw InputError(name + " is a precomputed RDM; only MDS projects it.");
    }
    switch (method) {
        case ProjectionMethod::Mds: {
            embed::MdsOptions o;
            o.components = dims;
            o.findNegative = false;  // the panel shows no spectrum diagnostics
            return precomputedRdm ? embed::computeClassicalMds(x, o, progress).coordinates
                                  : embed::classicalMdsOfEuclidean(x, o, progress).coordinates;
        }
        case ProjectionMethod::Pca: {
            if (x.cols() < dims) {
                throw InputError(name + " has fewer than " + std::to_string(dims) +
                                 " features; PCA needs " + std::to_string(dims) + ".");
            }
            embed::PcaOptions o;
            o.components = dims;
            o.seed = seed;
            return embed::computePca(x, o, progress).coordinates;
        }
        case ProjectionMethod::Tsne: {
            embed::TsneOptions o;
            o.dims = dims;
            o.seed = seed;
            // t-SNE needs perplexity < (N − 1) / 3.
            o.perplexity = std::min(kDefaultPerplexity, (static_cast<double>(n) - 1.0) / 3.0 - 0.5);
            return embed::computeTsne(x, o, progress).embedding;
        }
        case ProjectionMethod::Umap: {
            embed::UmapOptions o;
            o.dims = dims;
            o.seed = seed;
            o.neighbours = std::min(o.neighbours, static_cast<int>(n) - 1);
            return embed::computeUmap(x, o, progress).embedding;
        }
    }
    throw InputError("unknown projection method");
}

}  // namespace

const std::vector<ProjectionMethod>& allProjectionMethods() {
    static const std::vector<ProjectionMethod> methods{ProjectionMethod::Pca, ProjectionMethod::Mds,
                                                       ProjectionMethod::Tsne, ProjectionMethod::Umap};
    return methods;
}

std::string projectionMethodName(ProjectionMethod method) {
    switch (method) {
        case ProjectionMethod::Pca: return "PCA";
        case ProjectionMethod::Mds: return "MDS";
        case ProjectionMethod::Tsne: return "t-SNE";
        case ProjectionMethod::Umap: return "UMAP";
    }
    return {};
}

ProjectionPtr ProjectionCache::find(const std::shared_ptr<const Collection>& collection,
                                    const RepresentationPtr& representation,
                                    ProjectionMethod method, std::uint64_t seed, int prefix) const {
    const std::lock_guard lock(mutex_);
    for (const Item& item : items_) {
        if (item.collection.lock() == collection && item.representation == representation &&
            item.method == method && item.seed == seed && item.prefix == prefix) {
            return item.projection;
        }
    }
    return nullptr;
}

void ProjectionCache::store(const std::shared_ptr<const Collection>& collection,
                            const RepresentationPtr& representation, ProjectionMethod method,
                            std::uint64_t seed, ProjectionPtr projection, int prefix) {
    const std::lock_guard lock(mutex_);
    // Entries of snapshots that are gone serve nobody.
    items_.remove_if([](const Item& item) { return item.collection.expired(); });
    items_.push_front({collection, representation, method, seed, prefix, std::move(projection)});
}

void ProjectionCache::clear() {
    const std::lock_guard lock(mutex_);
    items_.clear();
}

ProjectionPtr projectRepresentation(const std::shared_ptr<const Collection>& collection,
                                    std::size_t index, ProjectionMethod method, std::uint64_t seed,
                                    const ProjectionCaches& caches, Progress& progress, int dims, int prefix) {
    const std::vector<CollectionEntry> entries = collection->representations();
    if (index >= entries.size()) throw InputError("The representation asked for is no longer open.");
    const CollectionEntry& entry = entries[index];
    const RepresentationInfo& info = entry.representation->info();
    const bool features = info.kind != RepresentationKind::Rdm;
    if (!features || prefix < 0 || static_cast<std::size_t>(prefix) >= info.d) prefix = 0;
    if (ProjectionPtr cached = caches.projections->find(collection, entry.representation, method, seed, prefix))
        return cached;
    SubProgress reading(progress, 0.0, 0.2);
    MatrixPtr x = caches.representations->read(collection, entry, reading);
    std::string name = info.path;
    if (prefix > 0 && prefix < x->cols()) {
        x = std::make_shared<const MatrixF>(x->leftCols(prefix));
        name = "the first " + std::to_string(prefix) + " dimensions of " + info.path;
    }
    SubProgress computing(progress, 0.2, 1.0);
    auto projection = std::make_shared<const Eigen::MatrixXd>(
        computeProjection(*x, !features, method, dims, seed, name, computing));
    caches.projections->store(collection, entry.representation, method, seed, projection, prefix);
    return projection;
}

std::vector<std::size_t> layersOfModel(const std::vector<CollectionEntry>& entries,
                                       std::size_t index) {
    if (index >= entries.size()) return {};
    const CollectionEntry& of = entries[index];
    std::vector<std::size_t> layers;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const CollectionEntry& e = entries[i];
        if (e.fileIndex == of.fileIndex &&
            e.representation->info().model == of.representation->info().model &&
            e.representation->info().kind == of.representation->info().kind) {
            layers.push_back(i);
        }
    }
    return layers;
}

std::vector<Eigen::MatrixXd> alignedLayerProjections(
    const std::shared_ptr<const Collection>& collection, const std::vector<std::size_t>& layers,
    std::size_t anchor, ProjectionMethod method, std::uint64_t seed,
    const ProjectionCaches& caches, Progress& progress, int dims) {
    if (anchor >= layers.size()) throw InputError("The layer asked for is not in the list.");
    const std::size_t k = layers.size();
    std::vector<Eigen::MatrixXd> raw(k);
    for (std::size_t i = 0; i < k; ++i) {
        SubProgress sub(progress, 0.95 * static_cast<double>(i) / static_cast<double>(k),
                        0.95 * static_cast<double>(i + 1) / static_cast<double>(k));
        raw[i] = *projectRepresentation(collection, layers[i], method, seed, caches, sub, dims);
    }
    // Two chains out from the anchor, each layer aligned onto its already aligned neighbour.
    std::vector<Eigen::MatrixXd> aligned(k);
    const auto chain = [&](const std::vector<std::size_t>& positions) {
        std::vector<Eigen::MatrixXd> sequence;
        for (std::size_t p : positions) sequence.push_back(raw[p]);
        SubProgress aligning(progress, 0.95, 1.0);
        const std::vector<embed::ProcrustesResult> fitted =
            embed::alignSequence(sequence, {}, aligning);
        for (std::size_t j = 0; j < positions.size(); ++j) aligned[positions[j]] = fitted[j].aligned;
    };
    std::vector<std::size_t> up;
    for (std::size_t p = anchor; p < k; ++p) up.push_back(p);
    std::vector<std::size_t> down;
    for (std::size_t p = anchor + 1; p-- > 0;) down.push_back(p);
    chain(up);
    chain(down);
    aligned[anchor] = raw[anchor];
    progress.report(1.0);
    return aligned;
}

}  // namespace repscope::gui
