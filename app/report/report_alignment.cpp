// The report's "Alignment with T" section: every model evaluated against an RDM set, as the
// Alignment view and `repscope evaluate` do, with the bars figure (views/evaluation_chart.h).
#include "report_content.h"
#include "report_figures.h"
#include "repscope/views/evaluation_chart.h"
#include "repscope/views/figure.h"

namespace repscope::report {

namespace {

std::string referenceOf(alignment::Comparator c) {
    using alignment::Comparator;
    switch (c) {
        case Comparator::Spearman:
            return "Spearman rank correlation of the two RDMs' upper triangles (rsatoolbox 'spearman'; "
                   "Nili et al. 2014, PLoS Comput Biol 10:e1003553)";
        case Comparator::Pearson:
            return "Pearson correlation of the two RDMs' upper triangles (rsatoolbox 'corr')";
        case Comparator::KendallTauA:
            return "Kendall's tau-a of the upper triangles (rsatoolbox 'tau-a'; Nili et al. 2014)";
        case Comparator::RhoA:
            return "Spearman's rho without tie correction (rsatoolbox 'rho-a'; Nili et al. 2014)";
        case Comparator::Cosine:
            return "cosine of the two RDMs' upper triangles (rsatoolbox 'cosine')";
        case Comparator::CorrCov:
            return "whitened Pearson correlation with sigma_k = I: G = -1/2 H D H after subtracting each RDM's "
                   "mean (rsatoolbox 'corr_cov'; Diedrichsen et al. 2021, Neurons, Behavior, Data analysis, "
                   "and Theory)";
        case Comparator::CosineCov:
            return "whitened cosine with sigma_k = I: <G1, G2>_F / (|G1|_F |G2|_F), G = -1/2 H D H (rsatoolbox "
                   "'cosine_cov'; Diedrichsen et al. 2021)";
    }
    return {};
}

}  // namespace

AlignmentSection alignmentSection(const Collection& collection, const ReportOptions& options, Progress& progress) {
    alignment::CollectionEvaluationOptions o;
    o.evaluation.comparator = options.comparator;
    o.evaluation.bootstrap = options.bootstrap;
    o.measure = options.rdmMeasure;
    o.excludeTargetFile = options.excludeTargetFile;
    const alignment::CollectionEvaluation e =
        alignment::evaluateCollection(collection, *options.alignmentTarget, o, progress);
    AlignmentSection s;
    s.target = baseName(collection.files()[options.alignmentTarget->fileIndex]->path()) + ":" +
               options.alignmentTarget->path;
    s.comparator = std::string(alignment::comparatorName(options.comparator));
    s.comparatorReference = referenceOf(options.comparator);
    s.rdmMeasure = std::string(metrics::rdmMeasureName(options.rdmMeasure));
    s.subjects = e.subjects.size();
    s.stimuli = e.n;
    if (e.result.noiseCeiling) s.noiseCeiling = std::pair{e.result.noiseCeiling->lower, e.result.noiseCeiling->upper};
    const views::EvaluationNames names = views::evaluationNames(e);
    for (std::size_t m = 0; m < e.result.models.size(); ++m) {
        const alignment::ModelScore& score = e.result.models[m];
        AlignmentRow row{names.names[m].toStdString(), score.mean, score.sem, score.test.t, score.test.p, score.pFdr, {}};
        if (score.ci95) row.ci95 = std::pair{score.ci95->lo, score.ci95->hi};
        s.rows.push_back(std::move(row));
    }
    views::EvaluationChartOptions chart;
    chart.errors = options.bootstrap > 0 ? views::EvaluationErrorBars::Bootstrap : views::EvaluationErrorBars::Sem;
    const views::Figure figure{QStringLiteral("Alignment with %1").arg(QString::fromStdString(s.target)),
                               QStringLiteral("%1 · %2 subjects · %3 stimuli · model RDMs: %4")
                                   .arg(views::comparatorTitle(options.comparator))
                                   .arg(s.subjects)
                                   .arg(s.stimuli)
                                   .arg(QString::fromStdString(s.rdmMeasure)),
                               views::evaluationBars(e, options.comparator, chart)};
    const int height = std::clamp(160 + 22 * static_cast<int>(s.rows.size()), 320, 1400);
    s.figure.caption = QStringLiteral("Each model's mean %1 with the subjects' RDMs; grey band: noise ceiling")
                           .arg(QString::fromStdString(s.comparator));
    s.figure.widthPx = kMatrixFigureWidth;
    s.figure.heightPx = height;
    s.figure.image = views::renderFigureImage(figure, {kMatrixFigureWidth, height}, 2);
    return s;
}

}  // namespace repscope::report
