#include "gui/analysis/analysis_tasks.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "repscope/error.h"
#include "repscope/sub_progress.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"

namespace repscope::gui {
namespace {

// Clustering all stimuli is O(N²) memory and about a second at this size (seriation.h).
constexpr std::size_t kMaxClusteredStimuli = 2000;
constexpr std::size_t kMaxStripCategories = 64;

bool isIdentity(const std::vector<std::size_t>& order) {
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] != i) return false;
    }
    return true;
}

std::vector<std::size_t> identity(std::size_t n) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    return order;
}

// Orderings of a stored RDM: clustering uses its own (symmetrised) values.
order::Ordering orderPrecomputed(const MatrixF& rdm, order::OrderingMethod method,
                                 const CategoryColumn* column, Progress& progress) {
    const auto n = static_cast<std::size_t>(rdm.rows());
    const bool haveColumn = column != nullptr && column->codes.size() == n;
    order::Ordering out{identity(n), "original order"};
    if (method == order::OrderingMethod::Original) return out;
    if (method == order::OrderingMethod::Clustered && n <= kMaxClusteredStimuli) {
        Eigen::MatrixXd d = rdm.cast<double>();
        d = 0.5 * (d + d.transpose()).eval();
        const double largest = d.array().isFinite().select(d.array(), 0.0).maxCoeff();
        d = d.array().isFinite().select(d.array(), largest).matrix();
        d.diagonal().setZero();
        const order::Dendrogram tree = order::averageLinkage(d, progress);
        out.order = order::optimalLeafOrder(tree, d, progress);
        out.description =
            "average-linkage clustering of " + std::to_string(n) + " stimuli, optimal leaf order";
        return out;
    }
    if (!haveColumn) {
        out.description = method == order::OrderingMethod::Clustered
                              ? "original order (too many stimuli to cluster, no category column)"
                              : "original order (no category column)";
        return out;
    }
    out.order = order::categoryOrder(*column);
    out.description = "grouped by " + column->name;
    return out;
}

std::shared_ptr<const Stimuli> layerLabels(const Collection& collection,
                                           const std::vector<CollectionEntry>& entries,
                                           const std::vector<std::size_t>& chosen) {
    auto labels = std::make_shared<Stimuli>();
    labels->count = chosen.size();
    CategoryColumn models;
    models.name = "model";
    std::map<std::string, std::int32_t> codes;
    for (std::size_t index : chosen) {
        const CollectionEntry& entry = entries[index];
        labels->labels.push_back(representationName(collection, entry));
        const std::string& model = entry.representation->info().model;
        const auto [it, added] = codes.emplace(model, static_cast<std::int32_t>(codes.size()));
        if (added) models.categories.push_back(model.empty() ? "(no model)" : model);
        models.codes.push_back(it->second);
    }
    labels->columns.push_back(std::move(models));
    return labels;
}

}  // namespace

std::string representationName(const Collection& collection, const CollectionEntry& entry) {
    const RepresentationInfo& info = entry.representation->info();
    std::string name =
        info.path.size() > 1 && info.path.front() == '/' ? info.path.substr(1) : info.path;
    if (collection.files().size() > 1) {
        const std::string& file = collection.files()[entry.fileIndex]->path();
        const std::size_t slash = file.find_last_of('/');
        name = (slash == std::string::npos ? file : file.substr(slash + 1)) + ":" + name;
    }
    return name;
}

std::string defaultCategoryColumn(const Stimuli& stimuli) {
    if (stimuli.column("category") != nullptr) return "category";
    for (const CategoryColumn& c : stimuli.columns) {
        if (c.categories.size() >= 2 && c.categories.size() <= kMaxStripCategories) return c.name;
    }
    return {};
}

LayerMatrixResult computeLayerMatrixFor(const std::shared_ptr<const Collection>& collection,
                                        const metrics::MetricInfo& metric,
                                        RepresentationCache& cache, Progress& progress,
                                        bool dropNonFinite) {
    const Collection& c = *collection;
    const std::vector<CollectionEntry> entries = c.representations();
    const std::size_t n = c.stimulusCount();
    LayerMatrixResult out;
    double floats = 0.0;
    std::map<std::string, std::size_t> subjects;  // RDM sets: subjects left out
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const RepresentationInfo& info = entries[i].representation->info();
        const std::string name = representationName(c, entries[i]);
        const bool rdm = info.kind == RepresentationKind::Rdm;
        if (!info.rdmSet.empty()) {
            ++subjects[info.file + ":" + info.rdmSet];
            continue;
        }
        if (rdm && !metric.compareRdms) {
            out.skipped.push_back(name +
                                  " is a precomputed RDM, which only rsa_* metrics compare.");
            continue;
        }
        if (!rdm && metric.accepts.needsFewerFeaturesThanStimuli && info.d >= n) {
            out.skipped.push_back(name + " has " + std::to_string(info.d) + " features for " +
                                  std::to_string(n) + " stimuli; " + metric.name +
                                  " needs fewer features than stimuli.");
            continue;
        }
        out.representations.push_back(i);
        floats += static_cast<double>(n) * static_cast<double>(rdm ? n : info.d);
    }
    for (const auto& [set, count] : subjects) {
        const std::size_t colon = set.rfind(":/");
        out.skipped.push_back(set.substr(colon == std::string::npos ? 0 : colon + 1) + ": the " + std::to_string(count) +
                              " subjects of an RDM set are what models are tested against (the Alignment view), "
                              "not layers.");
    }
    if (out.representations.empty()) {
        throw InputError("No representation of the collection can enter " + metric.name + ".");
    }
    checkMemoryBudget(static_cast<std::size_t>(floats), 1, sizeof(float),
                      "the " + std::to_string(out.representations.size()) +
                          " representations of the layer matrix");

    const std::size_t k = out.representations.size();
    std::vector<MatrixPtr> values;
    values.reserve(k);
    for (std::size_t i = 0; i < k; ++i) {
        SubProgress sub(progress, 0.3 * static_cast<double>(i) / static_cast<double>(k),
                        0.3 * static_cast<double>(i + 1) / static_cast<double>(k));
        values.push_back(cache.read(collection, entries[out.representations[i]], sub));
    }
    std::vector<std::string> stimulusLabels;
    stimulusLabels.reserve(n);
    for (std::size_t i = 0; i < n; ++i) stimulusLabels.push_back(c.stimuli().label(i));
    if (dropNonFinite) {
        std::vector<char> keep(n, 1);
        for (const MatrixPtr& v : values) {
            for (Eigen::Index i = 0; i < v->rows() && static_cast<std::size_t>(i) < n; ++i) {
                if (keep[static_cast<std::size_t>(i)] != 0 && !v->row(i).allFinite()) {
                    keep[static_cast<std::size_t>(i)] = 0;
                }
            }
        }
        std::vector<Eigen::Index> rows;
        for (std::size_t i = 0; i < n; ++i) {
            if (keep[i] != 0) {
                rows.push_back(static_cast<Eigen::Index>(i));
            } else {
                out.dropped.push_back(stimulusLabels[i]);
            }
        }
        if (!out.dropped.empty()) {
            if (rows.size() < 4) {
                throw InputError("Only " + std::to_string(rows.size()) +
                                 " stimuli have no NaN/Inf value in any representation: too few to compare.");
            }
            for (std::size_t i = 0; i < k; ++i) {
                const bool rdm = entries[out.representations[i]].representation->info().kind == RepresentationKind::Rdm;
                const MatrixF& v = *values[i];
                auto kept = std::make_shared<MatrixF>(static_cast<Eigen::Index>(rows.size()),
                                                      rdm ? static_cast<Eigen::Index>(rows.size()) : v.cols());
                for (std::size_t r = 0; r < rows.size(); ++r) {
                    const auto rr = static_cast<Eigen::Index>(r);
                    if (rdm) {
                        for (std::size_t q = 0; q < rows.size(); ++q) (*kept)(rr, static_cast<Eigen::Index>(q)) = v(rows[r], rows[q]);
                    } else {
                        kept->row(rr) = v.row(rows[r]);
                    }
                }
                values[i] = std::move(kept);
            }
            std::vector<std::string> keptLabels;
            keptLabels.reserve(rows.size());
            for (const Eigen::Index r : rows) keptLabels.push_back(stimulusLabels[static_cast<std::size_t>(r)]);
            stimulusLabels = std::move(keptLabels);
        }
    }
    out.stimuli = stimulusLabels.size();
    std::vector<metrics::LayerOperand> operands;
    for (std::size_t i = 0; i < k; ++i) {
        const bool rdm =
            entries[out.representations[i]].representation->info().kind == RepresentationKind::Rdm;
        const RepresentationInfo& info = entries[out.representations[i]].representation->info();
        operands.push_back({values[i].get(), rdm, &stimulusLabels, info.model + "/" + info.layer});
    }
    SubProgress rest(progress, 0.3, 1.0);
    const metrics::LayerMatrix matrix = metrics::computeLayerMatrix(metric, operands, {}, rest);

    out.labels = layerLabels(c, entries, out.representations);
    for (const metrics::UndefinedEntry& u : matrix.undefined) {
        out.undefined.push_back(out.labels->labels[static_cast<std::size_t>(u.row)] + " vs " +
                                out.labels->labels[static_cast<std::size_t>(u.column)] + ": " +
                                u.message);
    }
    MatrixF result = matrix.values.cast<float>();
    auto source = std::make_shared<tiles::DenseTileSource>(std::move(result), metric.name);
    // The reason of each undefined pair, for the matrix's tooltips (both halves).
    std::map<std::pair<std::size_t, std::size_t>, std::string> reasons;
    for (const metrics::UndefinedEntry& u : matrix.undefined) {
        const auto row = static_cast<std::size_t>(u.row);
        const auto col = static_cast<std::size_t>(u.column);
        reasons[{row, col}] = u.message;
        reasons[{col, row}] = u.message;
    }
    source->setUndefinedReasons(std::move(reasons));
    out.source = std::move(source);
    return out;
}

namespace {

// The alignment target's pooled RDM or one subject's, in the requested order.
RdmResult buildTargetRdm(const Collection& collection, const RdmRequest& request, Progress& progress) {
    const alignment::SetTarget& target = *request.target;
    const RdmSet& set = alignment::targetSet(collection, target);
    SubProgress reading(progress, 0.0, 0.4);
    MatrixF x;
    if (request.targetSubject < 0) {
        x = alignment::meanSubjectRdm(collection, target, reading);
    } else {
        const auto k = static_cast<std::size_t>(request.targetSubject);
        if (k >= set.members.size()) throw InputError("The subject asked for is no longer open.");
        x = collection.read({set.members[k], target.fileIndex}, reading);
    }
    const CategoryColumn* column =
        request.categoryColumn.empty() ? nullptr : collection.stimuli().column(request.categoryColumn);
    SubProgress ordering(progress, 0.4, 0.9);
    order::Ordering sequence = orderPrecomputed(x, request.ordering, column, ordering);
    RdmResult out;
    out.precomputed = true;
    out.ordering = sequence.description;
    if (isIdentity(sequence.order)) sequence.order.clear();
    std::vector<std::size_t> columns = sequence.order;
    out.source = std::make_shared<tiles::DenseTileSource>(std::move(x), "dissimilarity",
                                                          std::move(sequence.order), std::move(columns));
    progress.report(1.0);
    return out;
}

}  // namespace

RdmResult buildRdm(const std::shared_ptr<const Collection>& collection, const RdmRequest& request,
                   RepresentationCache& cache, Progress& progress) {
    if (request.target) return buildTargetRdm(*collection, request, progress);
    const std::vector<CollectionEntry> entries = collection->representations();
    if (request.representation >= entries.size()) {
        throw InputError("The representation asked for is no longer open.");
    }
    const CollectionEntry& entry = entries[request.representation];
    const RepresentationInfo& info = entry.representation->info();
    RdmResult out;
    out.precomputed = info.kind == RepresentationKind::Rdm;

    SubProgress reading(progress, 0.0, 0.3);
    MatrixPtr x = cache.read(collection, entry, reading);
    if (request.prefix > 0 && !out.precomputed && request.prefix < x->cols()) {
        x = std::make_shared<const MatrixF>(x->leftCols(request.prefix));
    }
    const CategoryColumn* column = request.categoryColumn.empty()
                                       ? nullptr
                                       : collection->stimuli().column(request.categoryColumn);
    SubProgress ordering(progress, 0.3, 0.8);
    order::Ordering sequence = out.precomputed
                                   ? orderPrecomputed(*x, request.ordering, column, ordering)
                                   : order::computeOrdering(*x, request.measure, request.ordering,
                                                            column, kMaxClusteredStimuli, ordering);
    out.ordering = sequence.description;
    if (isIdentity(sequence.order)) sequence.order.clear();

    SubProgress building(progress, 0.8, 1.0);
    if (out.precomputed) {
        const std::string measure = info.rdmMeasure.empty() ? "dissimilarity" : info.rdmMeasure;
        std::vector<std::size_t> columns = sequence.order;
        out.source = std::make_shared<tiles::DenseTileSource>(
            MatrixF(*x), measure, std::move(sequence.order), std::move(columns));
    } else {
        out.source = std::make_shared<tiles::RepresentationTileSource>(
            *x, request.measure, std::move(sequence.order), building);
    }
    progress.report(1.0);
    return out;
}

}  // namespace repscope::gui
