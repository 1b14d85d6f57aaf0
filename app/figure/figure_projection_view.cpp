// The projection view of `repscope figure`: a 2-D PCA, classical MDS, t-SNE or UMAP of one
// representation (as `repscope project` computes it), points coloured by category.
#include <QString>
#include <cstdio>
#include <map>

#include "cli/inputs.h"
#include "figure_views.h"
#include "repscope/embed/mds.h"
#include "repscope/embed/pca.h"
#include "repscope/embed/tsne.h"
#include "repscope/embed/umap.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"

namespace repscope::figure {
namespace {

struct Projection {
    Eigen::MatrixXd coords;
    QString xTitle;
    QString yTitle;
    std::string detail;  // for the subtitle
};

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

Projection project(const cli::LoadedRepresentation& in, const cli::FigureRequest& request) {
    const bool stored = in.representation->info().kind == RepresentationKind::Rdm;
    Projection p;
    if (request.method == "mds") {
        embed::MdsOptions o;
        o.components = 2;
        o.findNegative = false;
        if (stored) {
            p.coords = embed::computeClassicalMds(in.values, o).coordinates;
            p.detail = "classical MDS of the stored RDM";
        } else if (request.measure == "euclidean") {
            p.coords = embed::classicalMdsOfEuclidean(in.values, o).coordinates;
            p.detail = "classical MDS of euclidean distances";
        } else {
            const metrics::RdmMeasure m = metrics::parseRdmMeasure(request.measure);
            p.coords = embed::computeClassicalMds(metrics::computeRdm(in.values, m, in.labels), o).coordinates;
            p.detail = "classical MDS of " + request.measure + " distances";
        }
        p.xTitle = QStringLiteral("MDS 1");
        p.yTitle = QStringLiteral("MDS 2");
        return p;
    }
    if (stored) throw InputError(in.name + " is a precomputed RDM; only --method mds projects it");
    if (request.method == "pca") {
        embed::PcaOptions o;
        o.components = 2;
        o.seed = request.seed;
        const embed::PcaResult r = embed::computePca(in.values, o);
        p.coords = r.coordinates;
        const auto ratio = [&](Eigen::Index k) {
            return k < r.explainedVarianceRatio.size() ? " (" + percent(r.explainedVarianceRatio(k)) + ")" : std::string();
        };
        p.xTitle = QString::fromStdString("PC 1" + ratio(0));
        p.yTitle = QString::fromStdString("PC 2" + ratio(1));
        p.detail = "PCA";
        return p;
    }
    if (request.method == "tsne") {
        embed::TsneOptions o;
        o.dims = 2;
        o.seed = request.seed;
        p.coords = embed::computeTsne(in.values, o).embedding;
        p.xTitle = QStringLiteral("t-SNE 1");
        p.yTitle = QStringLiteral("t-SNE 2");
        p.detail = "t-SNE (perplexity 30, seed " + std::to_string(request.seed) + ")";
        return p;
    }
    embed::UmapOptions o;
    o.dims = 2;
    o.seed = request.seed;
    p.coords = embed::computeUmap(in.values, o).embedding;
    p.xTitle = QStringLiteral("UMAP 1");
    p.yTitle = QStringLiteral("UMAP 2");
    p.detail = "UMAP (15 neighbours, seed " + std::to_string(request.seed) + ")";
    return p;
}

}  // namespace

views::Figure projectionFigure(const cli::FigureRequest& request) {
    cli::LoadedRepresentation in = cli::loadRepresentation(request.input);
    cli::applyNanPolicy({&in}, NanPolicy::Error);
    if (request.measureGiven && request.method != "mds") {
        throw InputError("--measure applies to --method mds only");
    }
    Projection p = project(in, request);
    auto stimuli = std::make_shared<Stimuli>(in.file->stimuli());
    views::ScatterContent content;
    content.points = std::move(p.coords);
    content.categoryColumn = defaultCategoryColumn(*stimuli);
    content.stimuli = std::move(stimuli);
    content.xTitle = p.xTitle;
    content.yTitle = p.yTitle;
    const RepresentationInfo& info = in.representation->info();
    static const std::map<std::string, std::string> kNames = {
        {"pca", "PCA"}, {"mds", "MDS"}, {"tsne", "t-SNE"}, {"umap", "UMAP"}};
    views::Figure f;
    f.title = QString::fromStdString(request.title.empty()
                                         ? kNames.at(request.method) + " of " + shortPath(info.path)
                                         : request.title);
    f.subtitle = QString::fromStdString(fileName(info.file) + " · " +
                                        std::to_string(content.points.rows()) + " stimuli · " + p.detail);
    f.content = std::move(content);
    return f;
}

}  // namespace repscope::figure
