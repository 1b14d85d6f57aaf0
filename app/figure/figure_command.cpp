// `repscope figure` with the Qt GUI built: computes what the view shows (core, before any Qt GUI
// object exists), then paints it under a QGuiApplication on the "offscreen" platform, so that no
// display is needed.
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/figure_command.h"
#include "figure_views.h"
#include "repscope/error.h"
#include "repscope/views/figure_file.h"

namespace repscope::cli {
namespace {

// Fails early, before the computation, when the output cannot be written where it should go.
void requireWritableDirectory(const std::string& out) {
    const QFileInfo file(QString::fromStdString(out));
    const QFileInfo dir(file.absolutePath());
    if (!dir.isDir()) {
        throw FileError("cannot write " + out + ": the directory " + dir.filePath().toStdString() +
                        " does not exist");
    }
    if (!dir.isWritable()) {
        throw FileError("cannot write " + out + ": the directory " + dir.filePath().toStdString() +
                        " is not writable");
    }
    if (file.isDir()) throw FileError("cannot write " + out + ": it is a directory");
}

views::Figure buildFigure(const FigureRequest& request) {
    if (request.view == "rdm") return figure::rdmFigure(request);
    if (request.view == "matrix") return figure::matrixFigure(request);
    if (request.view == "units") return figure::unitsFigure(request);
    if (request.view == "projection") return figure::projectionFigure(request);
    throw InputError("--view must be rdm, matrix, projection or units, not '" + request.view + "'");
}

// Qt's warnings about the environment (no XDG_RUNTIME_DIR, ...) do not concern the figure: stderr
// keeps to the command's own lines. Critical and fatal messages still go through.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg) std::cerr << message.toStdString() << "\n";
}

// A QGuiApplication for painting text, on the offscreen platform unless the user chose another.
std::unique_ptr<QGuiApplication> guiApplication() {
    if (QGuiApplication::instance() != nullptr) return nullptr;
    qInstallMessageHandler(quietQtMessages);
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "repscope";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

}  // namespace

void requireFigureSupport() {}

FigureSummary renderFigure(const FigureRequest& request) {
    requireWritableDirectory(request.out);
    const views::Figure figure = buildFigure(request);
    const std::unique_ptr<QGuiApplication> app = guiApplication();
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
