#include "repscope/views/figure_file.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "repscope/error.h"

namespace repscope::views {
namespace {

// PDF device pixels per point: fine enough for hairlines and the cells' image placement.
constexpr int kPdfResolution = 288;

std::string text(const QString& s) { return s.toStdString(); }

}  // namespace

std::optional<FigureFormat> figureFormatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return FigureFormat::Png;
    if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
    return std::nullopt;
}

void checkFigureSize(QSize size, int pngScale) {
    if (size.width() < kMinFigureSide || size.height() < kMinFigureSide ||
        size.width() > kMaxFigureSide || size.height() > kMaxFigureSide) {
        throw InputError("the figure size must be between " + std::to_string(kMinFigureSide) +
                         " and " + std::to_string(kMaxFigureSide) + " on each side, not " +
                         std::to_string(size.width()) + "x" + std::to_string(size.height()));
    }
    if (pngScale != 1 && pngScale != 2 && pngScale != 4) {
        throw InputError("the PNG scale must be 1, 2 or 4, not " + std::to_string(pngScale));
    }
    if (std::max(size.width(), size.height()) * pngScale > kMaxFigurePixels) {
        throw InputError("a " + std::to_string(size.width()) + "x" + std::to_string(size.height()) +
                         " figure at scale " + std::to_string(pngScale) + " exceeds " +
                         std::to_string(kMaxFigurePixels) + " pixels on a side");
    }
}

QByteArray figureBytes(const Figure& figure, FigureFormat format, QSize size, int pngScale,
                       Progress& progress) {
    checkFigureSize(size, format == FigureFormat::Png ? pngScale : 1);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
        case FigureFormat::Png: {
            const QImage image = renderFigureImage(figure, size, pngScale, progress);
            if (!image.save(&buffer, "PNG")) throw Error("the PNG image could not be encoded");
            break;
        }
        case FigureFormat::Svg: {
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(size);
            svg.setViewBox(QRect(QPoint(0, 0), size));
            svg.setTitle(figure.title);
            svg.setDescription(figure.subtitle);
            QPainter painter(&svg);
            paintFigure(painter, figure, QSizeF(size), progress);
            painter.end();
            break;
        }
        case FigureFormat::Pdf: {
            QPdfWriter pdf(&buffer);
            pdf.setCreator(QStringLiteral("RepScope"));
            pdf.setTitle(figure.title);
            pdf.setResolution(kPdfResolution);
            pdf.setPageLayout(QPageLayout(
                QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch),
                QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
            QPainter painter(&pdf);
            painter.scale(kPdfResolution / 72.0, kPdfResolution / 72.0);
            paintFigure(painter, figure, QSizeF(size), progress);
            painter.end();
            break;
        }
    }
    return bytes;
}

void writeFigure(const Figure& figure, const QString& path, QSize size, int pngScale,
                 Progress& progress) {
    const std::optional<FigureFormat> format = figureFormatOf(path);
    if (!format) {
        throw InputError("cannot tell the picture format of " + text(path) +
                         ": the name must end in .png, .svg or .pdf");
    }
    const QByteArray bytes = figureBytes(figure, *format, size, pngScale, progress);
    // QSaveFile writes a temporary file next to path and renames it into place on commit.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw FileError("cannot write " + text(path) + ": " + text(file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        const QString why = file.errorString();
        file.cancelWriting();
        throw FileError("cannot write " + text(path) + ": " + text(why));
    }
}

}  // namespace repscope::views
