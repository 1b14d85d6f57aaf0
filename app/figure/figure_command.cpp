// `repscope figure` with the Qt GUI built: computes what the view shows (core, before any Qt GUI
// object exists), then paints it under a QGuiApplication on the "offscreen" platform, so that no
// display is needed.
#include <memory>

#include "cli/figure_command.h"
#include "figure_views.h"
#include "offscreen_gui.h"
#include "repscope/error.h"
#include "repscope/views/figure_file.h"

namespace repscope::cli {
namespace {

views::Figure buildFigure(const FigureRequest& request) {
    if (request.view == "rdm") return figure::rdmFigure(request);
    if (request.view == "matrix") return figure::matrixFigure(request);
    if (request.view == "units") return figure::unitsFigure(request);
    if (request.view == "projection") return figure::projectionFigure(request);
    if (request.view == "evaluation") return figure::evaluationFigure(request);
    if (request.view == "prefix" || request.view == "spectrum" || request.view == "compat") {
        return figure::embeddingFigure(request);
    }
    throw InputError("--view must be rdm, matrix, projection, units, evaluation, prefix, spectrum or compat, not '" +
                     request.view + "'");
}

}  // namespace

void requireFigureSupport() {}

FigureSummary renderFigure(const FigureRequest& request) {
    figure::requireWritableDirectory(request.out);
    const views::Figure figure = buildFigure(request);
    const std::unique_ptr<QGuiApplication> app = figure::offscreenGuiApplication();
    const QString out = QString::fromStdString(request.out);
    views::writeFigure(figure, out, QSize(request.width, request.height), request.scale);
    FigureSummary s;
    s.title = figure.title.toStdString();
    const views::FigureFormat format = views::figureFormatOf(out).value_or(views::FigureFormat::Png);
    s.format = format == views::FigureFormat::Png ? "png" : format == views::FigureFormat::Svg ? "svg" : "pdf";
    const int scale = format == views::FigureFormat::Png ? request.scale : 1;
    s.pixelWidth = request.width * scale;
    s.pixelHeight = request.height * scale;
    return s;
}

}  // namespace repscope::cli
