#include "report_figures.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "repscope/embed/mds.h"
#include "repscope/embed/pca.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/order/seriation.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"
#include "repscope/views/figure.h"

namespace repscope::report {
namespace {

// As the GUI and `repscope figure`: clustering is O(N²) memory and about a second at this size.
constexpr std::size_t kMaxClusteredStimuli = 2000;
constexpr std::size_t kMaxColourCategories = 64;
constexpr int kImageScale = 2;

QString q(const std::string& s) { return QString::fromStdString(s); }

ReportFigure painted(const views::Figure& f, int width, int height, Progress& progress) {
    ReportFigure out;
    out.caption = f.title + (f.subtitle.isEmpty() ? QString() : QStringLiteral(" — ") + f.subtitle);
    out.widthPx = width;
    out.heightPx = height;
    out.image = views::renderFigureImage(f, QSize(width, height), kImageScale, progress);
    return out;
}

ReportFigure unavailable(const QString& caption, const std::string& why) {
    ReportFigure out;
    out.caption = caption;
    out.note = why;
    return out;
}

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

}  // namespace

std::string colourColumn(const Stimuli& stimuli) {
    if (stimuli.column("category") != nullptr) return "category";
    for (const CategoryColumn& c : stimuli.columns) {
        if (c.categories.size() >= 2 && c.categories.size() <= kMaxColourCategories) return c.name;
    }
    return {};
}

std::string withoutLeadingSlash(const std::string& path) {
    return path.size() > 1 && path.front() == '/' ? path.substr(1) : path;
}

std::string baseName(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

ReportFigure layerMatrixFigure(const MetricSection& section, const std::vector<std::string>& models) {
    const metrics::MetricInfo& metric = *section.metric;
    auto labels = std::make_shared<Stimuli>();
    labels->labels = section.labels;
    labels->count = section.labels.size();
    CategoryColumn column;
    column.name = "model";
    std::map<std::string, std::int32_t> codes;
    for (const std::string& m : models) {
        const auto [it, added] = codes.emplace(m, static_cast<std::int32_t>(codes.size()));
        if (added) column.categories.push_back(m.empty() ? "(no model)" : m);
        column.codes.push_back(it->second);
    }
    labels->columns.push_back(std::move(column));

    views::HeatmapContent content;
    content.source = std::make_shared<tiles::DenseTileSource>(section.values.cast<float>(), metric.name);
    content.scale.colormap = views::Colormap::Viridis;
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
    content.rowAxisTitle = content.colAxisTitle = QStringLiteral("representations");
    views::Figure f;
    f.title = q("Layer matrix: " + metric.name);
    f.subtitle = q(std::to_string(section.labels.size()) + " representations · " + metric.description);
    f.content = std::move(content);
    return painted(f, kMatrixFigureWidth, kMatrixFigureHeight, silentProgress());
}

ReportFigure rdmFigure(const RepresentationInfo& info, const MatrixF& values,
                       const std::shared_ptr<const Stimuli>& stimuli, Progress& progress) {
    const QString caption = q("RDM of " + withoutLeadingSlash(info.path));
    const std::string column = colourColumn(*stimuli);
    const CategoryColumn* categories = column.empty() ? nullptr : stimuli->column(column);
    views::HeatmapContent content;
    std::string measureText;
    std::string orderText;
    try {
        if (info.kind == RepresentationKind::Rdm) {
            measureText = info.rdmMeasure.empty() ? "dissimilarity" : info.rdmMeasure;
            orderText = "stored order";
            content.source = std::make_shared<tiles::DenseTileSource>(MatrixF(values), measureText);
        } else {
            const metrics::RdmMeasure measure = metrics::RdmMeasure::Correlation;
            order::Ordering ordering = order::computeOrdering(
                values, measure, order::OrderingMethod::Clustered, categories, kMaxClusteredStimuli, progress);
            measureText = std::string(metrics::rdmMeasureName(measure)) + " distance";
            orderText = ordering.description;
            content.source = std::make_shared<tiles::RepresentationTileSource>(values, measure,
                                                                               std::move(ordering.order));
        }
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& e) {
        return unavailable(caption, e.what());
    }
    content.scale.colormap = views::Colormap::Viridis;
    content.valueName = q(measureText);
    content.rowStimuli = stimuli;
    content.categoryColumn = column;
    content.rowAxisTitle = content.colAxisTitle = QStringLiteral("%1 stimuli").arg(values.rows());
    views::Figure f;
    f.title = caption;
    f.subtitle = q(baseName(info.file) + " · " + measureText + " · " + orderText);
    f.content = std::move(content);
    return painted(f, kLayerFigureWidth, kLayerFigureHeight, progress);
}

ReportFigure projectionFigure(const RepresentationInfo& info, const MatrixF& values,
                              const std::shared_ptr<const Stimuli>& stimuli, Progress& progress) {
    const bool stored = info.kind == RepresentationKind::Rdm;
    const QString caption = q((stored ? "MDS of " : "PCA of ") + withoutLeadingSlash(info.path));
    views::ScatterContent content;
    std::string detail;
    try {
        if (stored) {
            embed::MdsOptions o;
            o.components = 2;
            o.findNegative = false;
            content.points = embed::computeClassicalMds(values, o, progress).coordinates;
            content.xTitle = QStringLiteral("MDS 1");
            content.yTitle = QStringLiteral("MDS 2");
            detail = "classical MDS of the stored RDM";
        } else {
            embed::PcaOptions o;
            o.components = 2;
            const embed::PcaResult r = embed::computePca(values, o, progress);
            content.points = r.coordinates;
            const auto ratio = [&](Eigen::Index k) {
                return k < r.explainedVarianceRatio.size() ? " (" + percent(r.explainedVarianceRatio(k)) + ")"
                                                           : std::string();
            };
            content.xTitle = q("PC 1" + ratio(0));
            content.yTitle = q("PC 2" + ratio(1));
            detail = "PCA, 2 components";
        }
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& e) {
        return unavailable(caption, e.what());
    }
    content.categoryColumn = colourColumn(*stimuli);
    content.stimuli = stimuli;
    views::Figure f;
    f.title = caption;
    f.subtitle = q(baseName(info.file) + " · " + std::to_string(values.rows()) + " stimuli · " + detail);
    f.content = std::move(content);
    return painted(f, kLayerFigureWidth, kLayerFigureHeight, progress);
}

}  // namespace repscope::report
