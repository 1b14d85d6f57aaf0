#pragma once
// The analysis views' background work as plain functions of a collection snapshot: they run on
// the TaskRunner's worker thread and return what the GUI thread then shows.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/analysis/representation_cache.h"
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/collection.h"
#include "repscope/metrics/layer_matrix.h"
#include "repscope/metrics/rdm.h"
#include "repscope/order/seriation.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::gui {

// "mlp_a/hidden1" (the model/layer path without its leading slash), prefixed by the file name
// ("acts.h5:mlp_a/hidden1") when the collection has several files.
[[nodiscard]] std::string representationName(const Collection& collection,
                                             const CollectionEntry& entry);

// The column that views colour stimuli by: "category" when present, else the first column
// with 2 to 64 categories; empty when there is none.
[[nodiscard]] std::string defaultCategoryColumn(const Stimuli& stimuli);

struct LayerMatrixResult {
    std::shared_ptr<const tiles::TileSource> source;  // K×K (DenseTileSource), NaN if undefined
    // K pseudo-stimuli: labels are the representation names, column "model" their models.
    std::shared_ptr<const Stimuli> labels;
    std::vector<std::size_t> representations;  // row/column k → index in representations()
    std::vector<std::string> skipped;          // one sentence per representation left out
    std::vector<std::string> undefined;        // one sentence per undefined pair
    std::vector<std::string> dropped;          // labels of stimuli left out (dropNonFinite)
    std::size_t stimuli = 0;                   // stimuli the values are computed over
};

// `metric` between every pair of representations that can enter it: precomputed RDMs only for
// RSA metrics; for the CCA family only representations with fewer features than stimuli.
// dropNonFinite: stimuli with a NaN/Inf value in any of them are left out of every one (as the
// CLI's --nan-policy drop), so that no pair is undefined for that reason.
// Throws InputError when fewer than one representation is left, what the metric throws, and
// Cancelled.
[[nodiscard]] LayerMatrixResult computeLayerMatrixFor(
    const std::shared_ptr<const Collection>& collection, const metrics::MetricInfo& metric,
    RepresentationCache& cache, Progress& progress, bool dropNonFinite = false);

struct RdmRequest {
    std::size_t representation = 0;  // index in collection.representations()
    metrics::RdmMeasure measure = metrics::RdmMeasure::Correlation;
    order::OrderingMethod ordering = order::OrderingMethod::Original;
    std::string categoryColumn;  // grouping and strips; empty for none
    // The alignment target instead of the representation: its subjects' pooled (mean) RDM when
    // targetSubject < 0, else that subject's RDM.
    std::optional<alignment::SetTarget> target;
    int targetSubject = -1;
    // The first `prefix` dimensions only (a Matryoshka prefix); 0: all.
    int prefix = 0;

    bool operator==(const RdmRequest&) const = default;
};

struct RdmResult {
    std::shared_ptr<const tiles::TileSource> source;  // N×N in display order
    std::string ordering;                             // what the ordering did, one line
    bool precomputed = false;                         // a stored RDM (the measure does not apply)
};

// The RDM of one representation in the requested order: a RepresentationTileSource (pyramid
// built here), or for a precomputed RDM a DenseTileSource of its values. Clustering a
// precomputed RDM uses its own dissimilarities.
[[nodiscard]] RdmResult buildRdm(const std::shared_ptr<const Collection>& collection,
                                 const RdmRequest& request, RepresentationCache& cache,
                                 Progress& progress);

}  // namespace repscope::gui
