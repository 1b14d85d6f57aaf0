#pragma once
// Writing a figure (figure.h) to a file: PNG, SVG or PDF by the file's extension. The file is
// written to a temporary file in the same directory and renamed into place, so a failure never
// leaves a partial file.
#include <QByteArray>
#include <QSize>
#include <QString>
#include <optional>

#include "repscope/progress.h"
#include "repscope/views/figure.h"

namespace repscope::views {

enum class FigureFormat { Png, Svg, Pdf };

// The format named by the path's extension (.png, .svg, .pdf; any case); nullopt otherwise.
[[nodiscard]] std::optional<FigureFormat> figureFormatOf(const QString& path);

// Limits on the size (logical units: PNG pixels at scale 1, SVG user units, PDF points).
inline constexpr int kMinFigureSide = 200;
inline constexpr int kMaxFigureSide = 8000;
inline constexpr int kMaxFigurePixels = 16000;  // PNG side × scale

// Throws InputError (one sentence) for a size outside the limits or a PNG scale other than
// 1, 2 or 4.
void checkFigureSize(QSize size, int pngScale);

// The file's bytes in a format (the SVG's and the PDF's documents, or the PNG's).
[[nodiscard]] QByteArray figureBytes(const Figure& figure, FigureFormat format, QSize size,
                                     int pngScale = 1, Progress& progress = silentProgress());

// Writes the figure to path atomically. Throws InputError for an unknown extension or a bad
// size, FileError when the file cannot be written, and what painting throws.
void writeFigure(const Figure& figure, const QString& path, QSize size, int pngScale = 1,
                 Progress& progress = silentProgress());

}  // namespace repscope::views
