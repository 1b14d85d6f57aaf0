#pragma once
// The Projection panel's background work as plain functions of a collection snapshot: 2-D
// projections of representations (PCA, classical MDS, t-SNE, UMAP; cached per representation,
// method and seed) and the layers of one model aligned to each other (orthogonal Procrustes with
// scale) so that moving between layers animates without jumps.
#include <Eigen/Core>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gui/analysis/representation_cache.h"
#include "repscope/collection.h"

namespace repscope::gui {

enum class ProjectionMethod { Pca, Mds, Tsne, Umap };

[[nodiscard]] const std::vector<ProjectionMethod>& allProjectionMethods();
// "PCA", "MDS", "t-SNE", "UMAP".
[[nodiscard]] std::string projectionMethodName(ProjectionMethod method);

using ProjectionPtr = std::shared_ptr<const Eigen::MatrixXd>;  // N×2 (N×3 for the 3-D panel)

// Projections computed for one collection snapshot, kept until cleared (they are small: N×2).
// One cache holds projections of one dimensionality (the 3-D panel has its own). Thread-safe.
class ProjectionCache {
public:
    // prefix: of the representation's first `prefix` dimensions only (0: all).
    [[nodiscard]] ProjectionPtr find(const std::shared_ptr<const Collection>& collection,
                                     const RepresentationPtr& representation,
                                     ProjectionMethod method, std::uint64_t seed, int prefix = 0) const;
    void store(const std::shared_ptr<const Collection>& collection,
               const RepresentationPtr& representation, ProjectionMethod method,
               std::uint64_t seed, ProjectionPtr projection, int prefix = 0);
    void clear();

private:
    struct Item {
        std::weak_ptr<const Collection> collection;
        RepresentationPtr representation;
        ProjectionMethod method = ProjectionMethod::Pca;
        std::uint64_t seed = 0;
        int prefix = 0;
        ProjectionPtr projection;
    };
    mutable std::mutex mutex_;
    std::list<Item> items_;
};

struct ProjectionCaches {
    std::shared_ptr<RepresentationCache> representations;
    std::shared_ptr<ProjectionCache> projections;
};

// The 2-D projection (`dims` = 3: the 3-D one) of representation `index` (into
// collection.representations()), of its first `prefix` features when 0 < prefix < D (a
// Matryoshka prefix), from the cache or computed and stored there. MDS of a feature matrix is classical MDS of Euclidean
// distances (the PCA scores); a precomputed RDM is projected by MDS of its values only. t-SNE's
// perplexity and UMAP's neighbour count shrink for small N. Throws InputError (a precomputed RDM
// and another method; too few stimuli), what the embedding throws, and Cancelled.
[[nodiscard]] ProjectionPtr projectRepresentation(const std::shared_ptr<const Collection>& collection,
                                                  std::size_t index, ProjectionMethod method,
                                                  std::uint64_t seed, const ProjectionCaches& caches,
                                                  Progress& progress, int dims = 2, int prefix = 0);

// The representations of the same file and model as `index`, in collection order (the layers
// the Projection panel's slider moves through); at least `index` itself.
[[nodiscard]] std::vector<std::size_t> layersOfModel(const std::vector<CollectionEntry>& entries,
                                                     std::size_t index);

// Projections of `layers` (indices into representations()), each aligned onto its neighbour
// towards layers[anchor] (orthogonal Procrustes with translation and isotropic scale,
// reflections allowed); the anchor's projection is returned unchanged, so what is on screen
// when the sequence arrives does not move. Throws as projectRepresentation.
[[nodiscard]] std::vector<Eigen::MatrixXd> alignedLayerProjections(
    const std::shared_ptr<const Collection>& collection, const std::vector<std::size_t>& layers,
    std::size_t anchor, ProjectionMethod method, std::uint64_t seed,
    const ProjectionCaches& caches, Progress& progress, int dims = 2);

}  // namespace repscope::gui
