#pragma once
// Internal: the pieces every figure is made of (fonts, title, axis ticks, colorbar, legend) and
// the two kinds of content, painted in logical units (figure.h).
#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <vector>

#include "repscope/progress.h"
#include "repscope/stimuli.h"
#include "repscope/views/colormap.h"
#include "repscope/views/figure.h"

namespace repscope::views::detail {

inline constexpr double kFigureMargin = 16.0;
inline constexpr int kTitlePixels = 18;
inline constexpr int kSubtitlePixels = 12;
inline constexpr int kLabelPixels = 12;
inline constexpr int kTickPixels = 11;
inline const QColor kTextColour{30, 30, 30};
inline const QColor kMutedColour{100, 100, 100};
inline const QColor kFrameColour{120, 120, 120};

[[nodiscard]] QFont figureFont(int pixels, bool bold = false);

// Title (bold) and subtitle (muted) at the top of a figure of the given width, elided to fit.
// Returns the y coordinate below them.
double paintTitle(QPainter& painter, const QString& title, const QString& subtitle, double width);

// About `count` round values (steps of 1, 2 or 5 × 10^k) within [lo, hi].
[[nodiscard]] std::vector<double> niceTicks(double lo, double hi, int count);
// A tick value with as many decimals as the step between ticks needs.
[[nodiscard]] QString tickText(double value, double step);
// The colorbar's ticks, the same in a figure and on screen: about five round values within the
// scale, fewer when a bar `barPixels` tall would put labels `labelPixels` high closer than their
// height; the scale's two ends when no two round values fit (the top end alone when a bar is
// shorter than two labels).
[[nodiscard]] std::vector<double> colorbarTicks(const ColorScale& scale, double barPixels,
                                                double labelPixels);
// The step tickText needs for the colorbar's labels: the ticks' own step for round values; for
// the scale's ends (not round: 0.2857) a hundredth of the range, so that they read 0.29, not 0.
[[nodiscard]] double colorbarLabelStep(const std::vector<double>& ticks, const ColorScale& scale);
// The step between consecutive ticks (`single` for fewer than two), for tickText.
[[nodiscard]] double tickStep(const std::vector<double>& ticks, double single = 1.0);

// True when the device draws pixels (QImage); false for SVG and PDF.
[[nodiscard]] bool isRasterTarget(const QPainter& painter);
// Device pixels per logical unit along x.
[[nodiscard]] double deviceScale(const QPainter& painter);

struct LegendEntry {
    QColor colour;
    QString text;
};
// Colours and "name (count)" of a category column's categories (stimuli without a category are
// one more entry, "(none)", when there are any).
[[nodiscard]] std::vector<LegendEntry> categoryEntries(const CategoryColumn& column);
// Width a legend needs (title and entries), at most maxWidth.
[[nodiscard]] double legendWidth(const QString& title, const std::vector<LegendEntry>& entries,
                                 double maxWidth);
// The legend in area, top-left aligned: its title, then one swatch and text per entry; entries
// that do not fit become "… and k more". Returns the height used.
double paintLegend(QPainter& painter, const QRectF& area, const QString& title,
                   const std::vector<LegendEntry>& entries, bool roundSwatches);

// Width of the colorbar's column (bar, ticks, their labels) for the given scale and caption.
[[nodiscard]] double colorbarWidth(const ColorScale& scale, const QString& caption);
// The caption above `bar`, the colour ramp in bar (high at the top, vector gradient) and ticks
// with values to its right.
void paintColorbar(QPainter& painter, const QRectF& bar, const ColorScale& scale,
                   const QString& caption);

// Contents, painted into area (the figure below its title).
void paintHeatmapContent(QPainter& painter, const HeatmapContent& content, const QRectF& area,
                         Progress& progress);
void paintScatterContent(QPainter& painter, const ScatterContent& content, const QRectF& area);

}  // namespace repscope::views::detail
