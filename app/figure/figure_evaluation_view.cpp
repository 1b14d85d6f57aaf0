// `repscope figure FILE... --view evaluation --target T`: the Alignment view's picture, from the
// same evaluation and chart builders (views/evaluation_chart.h).
#include <iostream>

#include "cli/evaluation_input.h"
#include "figure_views.h"
#include "repscope/error.h"
#include "repscope/text.h"
#include "repscope/views/evaluation_chart.h"

namespace repscope::figure {

views::Figure evaluationFigure(const cli::FigureRequest& request) {
    cli::EvaluationFiles files = cli::openEvaluationFiles(request.inputs, request.target);
    for (const auto& line : files.collection.alignmentReport()) std::cerr << printable(line) << "\n";
    alignment::CollectionEvaluationOptions options;
    options.evaluation.comparator = alignment::parseComparator(request.comparator);
    options.evaluation.bootstrap = request.bootstrap;
    options.evaluation.seed = request.seed;
    options.measure = metrics::parseRdmMeasure(request.rdmMeasure);
    options.excludeTargetFile = !files.targetIsModelFile;
    const alignment::CollectionEvaluation e =
        alignment::evaluateCollection(files.collection, files.target, options);

    views::EvaluationChartOptions chart;
    chart.sortByValue = request.sort == "value";
    chart.errors = request.errors == "bootstrap" ? views::EvaluationErrorBars::Bootstrap
                   : request.errors == "none"    ? views::EvaluationErrorBars::None
                                                 : views::EvaluationErrorBars::Sem;
    views::Figure f;
    const std::string target = fileName(files.collection.files()[files.target.fileIndex]->path()) + ":" +
                               files.target.path;
    f.title = request.title.empty() ? QStringLiteral("Alignment with %1").arg(QString::fromStdString(printable(target)))
                                    : QString::fromStdString(printable(request.title));
    f.subtitle = QStringLiteral("%1 (%2) · %3 subjects · %4 stimuli · model RDMs: %5")
                     .arg(views::comparatorTitle(options.evaluation.comparator),
                          QString::fromStdString(request.comparator))
                     .arg(e.subjects.size())
                     .arg(e.n)
                     .arg(QString::fromStdString(request.rdmMeasure));
    f.content = request.layout == "profile" ? views::evaluationProfile(e, options.evaluation.comparator, chart)
                                            : views::evaluationBars(e, options.evaluation.comparator, chart);
    return f;
}

}  // namespace repscope::figure
