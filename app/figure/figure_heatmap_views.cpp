// The heatmap views of `repscope figure`: rdm, matrix and units.
#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <numeric>

#include "cli/inputs.h"
#include "figure_views.h"
#include "repscope/collection.h"
#include "repscope/error.h"
#include "repscope/metrics/layer_matrix.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/unit_match.h"
#include "repscope/order/seriation.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"

namespace repscope::figure {
namespace {

// As in the GUI: clustering all stimuli is O(N²) memory and about a second at this size.
constexpr std::size_t kMaxClusteredStimuli = 2000;
constexpr std::size_t kMaxStripCategories = 64;

QString q(const std::string& s) { return QString::fromStdString(s); }

order::OrderingMethod orderingMethod(const std::string& name) {
    if (name == "original") return order::OrderingMethod::Original;
    if (name == "category") return order::OrderingMethod::ByCategory;
    return order::OrderingMethod::Clustered;
}

views::ColorScale colorScale(const cli::FigureRequest& request, views::Colormap fallback) {
    views::ColorScale scale;
    scale.colormap = request.colormap.empty() ? fallback : views::parseColormap(request.colormap);
    return scale;
}

// Orderings of a stored RDM: clustering uses its own (symmetrised) dissimilarities.
order::Ordering orderStoredRdm(const MatrixF& rdm, order::OrderingMethod method,
                               const CategoryColumn* column) {
    const auto n = static_cast<std::size_t>(rdm.rows());
    order::Ordering out{std::vector<std::size_t>(n), "original order"};
    std::iota(out.order.begin(), out.order.end(), std::size_t{0});
    if (method == order::OrderingMethod::Original) return out;
    if (method == order::OrderingMethod::Clustered && n <= kMaxClusteredStimuli) {
        Eigen::MatrixXd d = rdm.cast<double>();
        d = 0.5 * (d + d.transpose()).eval();
        const double largest = d.array().isFinite().select(d.array(), 0.0).maxCoeff();
        d = d.array().isFinite().select(d.array(), largest).matrix();
        d.diagonal().setZero();
        out.order = order::optimalLeafOrder(order::averageLinkage(d), d);
        out.description = "average-linkage clustering of " + std::to_string(n) + " stimuli, optimal leaf order";
        return out;
    }
    if (column == nullptr || column->codes.size() != n) {
        out.description = "original order (no category column)";
        return out;
    }
    out.order = order::categoryOrder(*column);
    out.description = "grouped by " + column->name;
    return out;
}

}  // namespace

std::string defaultCategoryColumn(const Stimuli& stimuli) {
    if (stimuli.column("category") != nullptr) return "category";
    for (const CategoryColumn& c : stimuli.columns) {
        if (c.categories.size() >= 2 && c.categories.size() <= kMaxStripCategories) return c.name;
    }
    return {};
}

std::string shortPath(const std::string& path) {
    return path.size() > 1 && path.front() == '/' ? path.substr(1) : path;
}

std::string fileName(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

views::Figure rdmFigure(const cli::FigureRequest& request) {
    cli::LoadedRepresentation in = cli::loadRepresentation(request.input);
    cli::applyNanPolicy({&in}, NanPolicy::Error);
    const RepresentationInfo& info = in.representation->info();
    auto stimuli = std::make_shared<Stimuli>(in.file->stimuli());
    const std::string column = defaultCategoryColumn(*stimuli);
    const CategoryColumn* categories = column.empty() ? nullptr : stimuli->column(column);
    const order::OrderingMethod method = orderingMethod(request.ordering);
    const bool stored = info.kind == RepresentationKind::Rdm;
    if (stored && request.measureGiven) {
        throw InputError(in.name + " is a precomputed RDM; --measure does not apply to it");
    }
    const metrics::RdmMeasure measure = metrics::parseRdmMeasure(request.measure);
    order::Ordering ordering = stored ? orderStoredRdm(in.values, method, categories)
                                      : order::computeOrdering(in.values, measure, method, categories,
                                                               kMaxClusteredStimuli);
    std::shared_ptr<const tiles::TileSource> source;
    std::string measureText;
    if (stored) {
        measureText = info.rdmMeasure.empty() ? "dissimilarity" : info.rdmMeasure;
        std::vector<std::size_t> columns = ordering.order;
        source = std::make_shared<tiles::DenseTileSource>(MatrixF(in.values), measureText,
                                                          std::move(ordering.order), std::move(columns));
    } else {
        measureText = std::string(metrics::rdmMeasureName(measure)) + " distance";
        source = std::make_shared<tiles::RepresentationTileSource>(in.values, measure,
                                                                   std::move(ordering.order));
    }
    views::HeatmapContent content;
    content.source = source;
    content.scale = colorScale(request, views::Colormap::Viridis);
    content.valueName = q(measureText);
    content.rowStimuli = stimuli;
    content.categoryColumn = column;
    const QString axis = QStringLiteral("%1 stimuli").arg(source->rows());
    content.rowAxisTitle = axis;
    content.colAxisTitle = axis;
    views::Figure f;
    f.title = q(request.title.empty() ? "RDM of " + shortPath(info.path) : request.title);
    f.subtitle = q(fileName(info.file) + " · " + measureText + " · " + std::to_string(source->rows()) +
                   " stimuli · " + ordering.description);
    f.content = std::move(content);
    return f;
}

views::Figure matrixFigure(const cli::FigureRequest& request) {
    const QualifiedPath where = request.input.find(":/") != std::string::npos
                                    ? splitQualifiedPath(request.input)
                                    : QualifiedPath{request.input, "/"};
    const metrics::MetricInfo& metric = metrics::metric(request.metric);
    Collection collection;
    collection.add(DataFile::open(where.file));
    const std::string group = where.path == "/" || where.path.back() == '/' ? where.path : where.path + "/";
    std::vector<cli::LoadedRepresentation> inputs;
    auto labels = std::make_shared<Stimuli>();
    CategoryColumn models;
    models.name = "model";
    std::map<std::string, std::int32_t> codes;
    const std::size_t n = collection.stimulusCount();
    std::size_t under = 0;
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (info.path.rfind(group, 0) != 0 && info.path != where.path) continue;
        ++under;
        const bool rdm = info.kind == RepresentationKind::Rdm;
        if (rdm && !metric.compareRdms) {
            std::cerr << "skipping " << info.qualifiedName() << ": a precomputed RDM cannot enter "
                      << metric.name << "\n";
            continue;
        }
        if (!rdm && metric.accepts.needsFewerFeaturesThanStimuli && info.d >= n) {
            std::cerr << "skipping " << info.qualifiedName() << ": " << metric.name
                      << " needs fewer features than stimuli\n";
            continue;
        }
        cli::LoadedRepresentation in;
        in.file = collection.files()[e.fileIndex];
        in.representation = e.representation;
        in.values = collection.read(e);
        in.name = info.qualifiedName();
        for (std::size_t i = 0; i < n; ++i) in.labels.push_back(collection.stimuli().label(i));
        inputs.push_back(std::move(in));
        labels->labels.push_back(shortPath(info.path));
        const auto [it, added] = codes.emplace(info.model, static_cast<std::int32_t>(codes.size()));
        if (added) models.categories.push_back(info.model.empty() ? "(no model)" : info.model);
        models.codes.push_back(it->second);
    }
    if (under == 0) throw InputError("no representation of " + where.file + " is under " + where.path);
    if (inputs.empty()) {
        throw InputError("no representation of " + request.input + " can enter " + metric.name);
    }
    std::vector<cli::LoadedRepresentation*> pointers;
    for (auto& in : inputs) pointers.push_back(&in);
    cli::applyNanPolicy(pointers, NanPolicy::Error);
    std::vector<metrics::LayerOperand> operands;
    for (const auto& in : inputs) {
        operands.push_back({&in.values, in.representation->info().kind == RepresentationKind::Rdm, &in.labels,
                            in.name});
    }
    const metrics::LayerMatrix matrix = metrics::computeLayerMatrix(metric, operands);
    for (const auto& u : matrix.undefined) {
        std::cerr << "undefined: " << inputs[static_cast<std::size_t>(u.row)].name << " vs "
                  << inputs[static_cast<std::size_t>(u.column)].name << ": " << u.message << "\n";
    }
    labels->count = inputs.size();
    labels->columns.push_back(std::move(models));

    views::HeatmapContent content;
    content.source = std::make_shared<tiles::DenseTileSource>(matrix.values.cast<float>(), metric.name);
    content.scale = colorScale(request, views::Colormap::Viridis);
    content.scale.autoRange = !std::isfinite(metric.lowest) || !std::isfinite(metric.highest) ||
                              metric.highest <= metric.lowest;
    if (!content.scale.autoRange) {
        content.scale.low = static_cast<float>(metric.lowest);
        content.scale.high = static_cast<float>(metric.highest);
        content.scale.centre = 0.5F * (content.scale.low + content.scale.high);
    }
    content.rowStimuli = labels;
    content.categoryColumn = codes.size() >= 2 ? "model" : "";
    content.annotateCells = true;
    views::Figure f;
    f.title = q(request.title.empty() ? "Layer matrix: " + metric.name : request.title);
    f.subtitle = q(fileName(where.file) + " · " + std::to_string(inputs.size()) +
                   " representations × " + std::to_string(n) + " stimuli · " + metric.description);
    f.content = std::move(content);
    return f;
}

views::Figure unitsFigure(const cli::FigureRequest& request) {
    cli::LoadedRepresentation a = cli::loadRepresentation(request.input);
    cli::LoadedRepresentation b = cli::loadRepresentation(request.with);
    for (const auto* in : {&a, &b}) {
        if (in->representation->info().kind == RepresentationKind::Rdm) {
            throw InputError(in->name + " is a precomputed RDM; unit matching needs units (features)");
        }
    }
    cli::requireSameStimuli(a, b);
    cli::applyNanPolicy({&a, &b}, NanPolicy::Error);
    const metrics::UnitMatch match = metrics::unitMatch(a.values, b.values);
    const auto unitLabels = [](const std::vector<Eigen::Index>& order) {
        auto s = std::make_shared<Stimuli>();
        s->count = order.size();
        for (Eigen::Index u : order) s->labels.push_back("unit " + std::to_string(u));
        return s;
    };
    const std::string nameA = shortPath(a.representation->info().path);
    const std::string nameB = shortPath(b.representation->info().path);
    views::HeatmapContent content;
    content.source = std::make_shared<tiles::DenseTileSource>(match.reordered.cast<float>(), "correlation");
    content.scale = colorScale(request, views::Colormap::RdBu);
    content.scale.autoRange = false;
    content.scale.low = -1.0F;
    content.scale.high = 1.0F;
    content.scale.centre = 0.0F;
    content.valueName = QStringLiteral("Pearson r of units");
    content.rowStimuli = unitLabels(match.rowOrder);
    content.colStimuli = unitLabels(match.colOrder);
    content.rowAxisTitle = q("units of " + nameA + " (matched order)");
    content.colAxisTitle = q("units of " + nameB + " (matched order)");
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", match.score);
    views::Figure f;
    f.title = q(request.title.empty() ? "Unit matching: " + nameA + " vs " + nameB : request.title);
    // Constant (dead) units have no correlation and count as 0 (metrics.md): their rows and
    // columns look like "uncorrelated" in the picture, so the subtitle says how many there are,
    // as the window's note does.
    std::string constant;
    if (match.constantUnitsX + match.constantUnitsY > 0) {
        constant = " · constant units (no correlation, counted as 0): " +
                   std::to_string(match.constantUnitsX) + " in A, " +
                   std::to_string(match.constantUnitsY) + " in B";
    }
    // Before the reading hint, which a narrow figure elides first.
    f.subtitle = q("unit_match " + std::string(score) + " · " + std::to_string(match.correlations.rows()) +
                   " × " + std::to_string(match.correlations.cols()) + " units" + constant +
                   " · matched pairs on the diagonal, strongest first");
    f.content = std::move(content);
    return f;
}

}  // namespace repscope::figure
