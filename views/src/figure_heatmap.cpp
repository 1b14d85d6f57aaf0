// The heatmap content of a figure: cells (one image), category strips, labels or axis titles,
// optional values in the cells, colorbar and legend.
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

#include "figure_parts.h"
#include "heatmap_overlay.h"
#include "repscope/views/heatmap_geometry.h"

namespace repscope::views::detail {
namespace {

constexpr double kStrip = 10.0;
constexpr double kStripGap = 3.0;
constexpr double kAxisTitle = 20.0;
constexpr double kColumnGap = 22.0;
constexpr double kMinAnnotatedCell = 30.0;
constexpr int kMaxVectorImageSide = 4096;

std::size_t stimulusAt(const std::vector<std::size_t>& order, std::int64_t p) {
    return order.empty() ? static_cast<std::size_t>(p) : order[static_cast<std::size_t>(p)];
}

const CategoryColumn* columnFor(const Stimuli* stimuli, const std::string& name, std::int64_t n) {
    if (stimuli == nullptr || name.empty()) return nullptr;
    const CategoryColumn* c = stimuli->column(name);
    return c != nullptr && static_cast<std::int64_t>(c->codes.size()) == n ? c : nullptr;
}

bool labelsFor(const Stimuli* stimuli, std::int64_t n) {
    return stimuli != nullptr && static_cast<std::int64_t>(stimuli->count) == n && stimuli->hasLabels();
}

// The widest label of the stimuli, at most cap.
double widestLabel(const Stimuli& stimuli, const QFontMetricsF& m, double cap) {
    double w = 0.0;
    for (std::size_t i = 0; i < stimuli.count && w < cap; ++i) {
        w = std::max(w, m.horizontalAdvance(QString::fromStdString(stimuli.label(i))));
    }
    return std::min(cap, std::ceil(w));
}

// Cells of the whole matrix as an image: at the device's resolution on raster targets; on
// vector targets a whole number of pixels per stimulus (crisp cells when scaled) up to
// kMaxVectorImageSide per side.
struct Cells {
    QImage image;
    std::vector<tiles::TilePtr> tiles;
    ColorScale scale;  // with the automatic range filled in
    bool hasUndefined = false;
};

Cells renderCells(const tiles::TileSource& source, const ColorScale& wanted, double cellUnits,
                  double pixelsPerUnit, bool raster, Progress& progress) {
    const std::int64_t rows = source.rows();
    const std::int64_t cols = source.cols();
    const auto longest = static_cast<double>(std::max(rows, cols));
    double pixelsPerStimulus = cellUnits * pixelsPerUnit;
    if (!raster) {
        const double target = cellUnits * 2.0;
        const double cap = kMaxVectorImageSide / longest;
        pixelsPerStimulus = target >= 1.0 ? std::min(std::ceil(target), std::max(1.0, std::floor(cap)))
                                          : target;
        pixelsPerStimulus = std::min(pixelsPerStimulus, std::max(cap, 1e-9));
    }
    const QSize size(std::max(1, static_cast<int>(std::lround(static_cast<double>(cols) * pixelsPerStimulus))),
                     std::max(1, static_cast<int>(std::lround(static_cast<double>(rows) * pixelsPerStimulus))));
    HeatmapViewport vp;
    vp.scale = pixelsPerStimulus;
    const int level = levelForScale(vp.scale, source.coarsestLevel());
    const VisibleTiles visible = visibleTiles(vp, QSizeF(size), rows, cols, level);
    Cells out;
    out.tiles.reserve(visible.keys.size());
    for (std::size_t k = 0; k < visible.keys.size(); ++k) {
        out.tiles.push_back(source.compute(visible.keys[k], progress));
        progress.report(static_cast<double>(k + 1) / static_cast<double>(visible.keys.size()));
    }
    out.scale = wanted;
    // The whole matrix's smallest and largest value, as the view's default scale (the same
    // cells as the view reads it from, whatever the figure's resolution).
    if (out.scale.autoRange && !out.tiles.empty()) {
        std::tie(out.scale.low, out.scale.high) = level == rangeLevel(rows, cols)
                                                      ? tilesRange(out.tiles)
                                                      : wholeMatrixRange(source, progress);
    }
    out.image = QImage(size, QImage::Format_RGB32);
    out.image.fill(Qt::white);
    for (const tiles::TilePtr& t : out.tiles) {
        colourTile(out.image, QRectF(QPointF(0, 0), QSizeF(size)), out.image.rect(), vp, rows, cols,
                   *t, out.scale, SelectionMask{});
        out.hasUndefined = out.hasUndefined || t->anyUndefined();
    }
    return out;
}

// Category colours along one axis as runs of equal colour (vector rectangles). With more
// stimuli than half-units along the strip, each half-unit bin shows the category of the stimulus
// at its centre (as the view's strips do per pixel), so a large matrix makes at most two
// rectangles per unit instead of one per stimulus.
void paintStrip(QPainter& painter, const QRectF& strip, bool horizontal, std::int64_t n,
                const std::vector<std::size_t>& order, const CategoryColumn& column) {
    const double length = horizontal ? strip.width() : strip.height();
    const std::int64_t bins = std::min<std::int64_t>(n, std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(length * 2.0))));
    const double step = length / static_cast<double>(bins);
    const auto codeAt = [&](std::int64_t bin) {
        const std::int64_t p = bins == n ? bin : std::min(n - 1, static_cast<std::int64_t>((static_cast<double>(bin) + 0.5) * static_cast<double>(n) / static_cast<double>(bins)));
        return column.codes[stimulusAt(order, p)];
    };
    std::int64_t start = 0;
    std::int32_t code = codeAt(0);
    painter.setPen(Qt::NoPen);
    for (std::int64_t b = 1; b <= bins; ++b) {
        const std::int32_t next = b < bins ? codeAt(b) : code - 1;
        if (b < bins && next == code) continue;
        painter.setBrush(categoryColour(code));
        const double a0 = static_cast<double>(start) * step;
        const double a1 = static_cast<double>(b) * step;
        painter.drawRect(horizontal ? QRectF(strip.left() + a0, strip.top(), a1 - a0, strip.height())
                                    : QRectF(strip.left(), strip.top() + a0, strip.width(), a1 - a0));
        start = b;
        code = next;
    }
}

void paintRowLabels(QPainter& painter, const QRectF& area, double cell, std::int64_t rows,
                    const std::vector<std::size_t>& order, const Stimuli& stimuli, const QFont& font) {
    const QFontMetricsF m(font);
    painter.setFont(font);
    painter.setPen(kTextColour);
    for (std::int64_t p = 0; p < rows; ++p) {
        const QRectF r(area.left(), area.top() + static_cast<double>(p) * cell, area.width(), cell);
        painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                         m.elidedText(QString::fromStdString(stimuli.label(stimulusAt(order, p))),
                                      Qt::ElideMiddle, area.width()));
    }
}

// Reads upwards, starting at the bottom of area.
void paintColumnLabels(QPainter& painter, const QRectF& area, double cell, std::int64_t cols,
                       const std::vector<std::size_t>& order, const Stimuli& stimuli,
                       const QFont& font) {
    const QFontMetricsF m(font);
    painter.setFont(font);
    painter.setPen(kTextColour);
    for (std::int64_t p = 0; p < cols; ++p) {
        painter.save();
        painter.translate(area.left() + static_cast<double>(p) * cell, area.bottom());
        painter.rotate(-90.0);
        const QRectF r(0.0, 0.0, area.height(), cell);
        painter.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                         m.elidedText(QString::fromStdString(stimuli.label(stimulusAt(order, p))),
                                      Qt::ElideMiddle, area.height()));
        painter.restore();
    }
}

void paintAxisTitle(QPainter& painter, const QRectF& area, const QString& text, bool vertical) {
    if (text.isEmpty()) return;
    const QFont font = figureFont(kLabelPixels);
    const QFontMetricsF m(font);
    painter.save();
    painter.setFont(font);
    painter.setPen(kMutedColour);
    if (vertical) {
        painter.translate(area.left(), area.bottom());
        painter.rotate(-90.0);
        const QRectF r(0.0, 0.0, area.height(), area.width());
        painter.drawText(r, Qt::AlignCenter, m.elidedText(text, Qt::ElideRight, area.height()));
    } else {
        painter.drawText(area, Qt::AlignCenter, m.elidedText(text, Qt::ElideRight, area.width()));
    }
    painter.restore();
}

void annotateCells(QPainter& painter, const QRectF& matrix, double cell, const Cells& cells) {
    const int pixels = std::clamp(static_cast<int>(cell * 0.28), 8, kLabelPixels);
    painter.setFont(figureFont(pixels));
    for (const tiles::TilePtr& t : cells.tiles) {
        if (t->key.level != 0) return;
        for (int r = 0; r < t->rows; ++r) {
            for (int c = 0; c < t->cols; ++c) {
                const float v = t->at(r, c);
                const double x = static_cast<double>(t->key.col * tiles::kTileSize + c) * cell;
                const double y = static_cast<double>(t->key.row * tiles::kTileSize + r) * cell;
                const auto rgb = cells.scale.colour(v);
                const double luminance = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255.0;
                painter.setPen(luminance > 0.5 ? QColor(20, 20, 20) : QColor(245, 245, 245));
                const QString text = std::isfinite(v) ? tickText(v, 0.01) : QStringLiteral("–");
                painter.drawText(QRectF(matrix.left() + x, matrix.top() + y, cell, cell),
                                 Qt::AlignCenter, text);
            }
        }
    }
}

}  // namespace

void paintHeatmapContent(QPainter& painter, const HeatmapContent& content, const QRectF& area,
                         Progress& progress) {
    if (!content.source || content.source->rows() <= 0 || content.source->cols() <= 0) {
        painter.setPen(kMutedColour);
        painter.setFont(figureFont(kLabelPixels));
        painter.drawText(area, Qt::AlignCenter, QStringLiteral("nothing to show"));
        return;
    }
    const tiles::TileSource& source = *content.source;
    const std::int64_t rows = source.rows();
    const std::int64_t cols = source.cols();
    const Stimuli* rowStimuli = content.rowStimuli.get();
    const Stimuli* colStimuli =
        content.colStimuli ? content.colStimuli.get() : (rows == cols ? rowStimuli : nullptr);
    const CategoryColumn* rowCategories = columnFor(rowStimuli, content.categoryColumn, rows);
    const CategoryColumn* colCategories = columnFor(colStimuli, content.categoryColumn, cols);
    const bool strips = rowCategories != nullptr || colCategories != nullptr;
    const CategoryColumn* legendColumn = rowCategories != nullptr ? rowCategories : colCategories;
    std::vector<LegendEntry> legend;
    if (legendColumn != nullptr && legendColumn->categories.size() >= 2) {
        legend = categoryEntries(*legendColumn);
    }
    const QString caption = content.valueName.isEmpty()
                                ? QString::fromStdString(source.valueName())
                                : content.valueName;

    // The right-hand column: colorbar and legend. An automatic range is known only once the
    // cells are computed, which needs the layout: room for the widest tick text there can be.
    ColorScale guess = content.scale;
    if (guess.autoRange) {
        guess.low = -1.5e5F;
        guess.high = -1.0e5F;
    }
    const double rightWidth =
        std::max(colorbarWidth(guess, caption),
                 legend.empty() ? 0.0
                                : legendWidth(QString::fromStdString(legendColumn->name), legend,
                                              std::max(120.0, area.width() * 0.25)));
    const double stripRoom = strips ? kStrip + kStripGap : 0.0;
    const auto cellFor = [&](double left, double top) {
        const double w = area.width() - left - stripRoom - kColumnGap - rightWidth;
        const double h = area.height() - top - stripRoom;
        return std::max(0.01, std::min(w / static_cast<double>(cols), h / static_cast<double>(rows)));
    };

    // Labels when the cells are tall enough to read them, with the axis titles beside them;
    // axis titles alone otherwise.
    const bool rowLabels = labelsFor(rowStimuli, rows);
    const bool colLabels = labelsFor(colStimuli, cols);
    const double rowTitleRoom = content.rowAxisTitle.isEmpty() ? 0.0 : kAxisTitle;
    const double colTitleRoom = content.colAxisTitle.isEmpty() ? 0.0 : kAxisTitle;
    double cell = cellFor(kAxisTitle, kAxisTitle);
    double labelLeft = 0.0;
    double labelTop = 0.0;
    int labelPixels = kLabelPixels;
    if ((rowLabels || colLabels) && cell >= kMinLabelledCell) {
        const double cap = std::max(60.0, std::min(area.width(), area.height()) * 0.3);
        const auto widest = [&](int pixels) {
            const QFontMetricsF m(figureFont(pixels));
            return std::pair{rowLabels ? widestLabel(*rowStimuli, m, cap) + 6.0 + rowTitleRoom : kAxisTitle,
                             colLabels ? widestLabel(*colStimuli, m, cap) + 6.0 + colTitleRoom : kAxisTitle};
        };
        std::tie(labelLeft, labelTop) = widest(labelPixels);
        cell = cellFor(labelLeft, labelTop);
        labelPixels = std::clamp(static_cast<int>(cell * 0.75), 8, kLabelPixels);
        std::tie(labelLeft, labelTop) = widest(labelPixels);
        cell = cellFor(labelLeft, labelTop);
    }
    const bool showLabels = labelLeft > 0.0 && cell >= kMinLabelledCell * 0.75;
    if (!showLabels) {
        labelLeft = kAxisTitle;
        labelTop = kAxisTitle;
        cell = cellFor(labelLeft, labelTop);
    }
    const bool raster = isRasterTarget(painter);
    const double scale = deviceScale(painter);
    // On raster targets the matrix starts and ends on whole device pixels.
    const auto snap = [&](double v) { return raster ? std::round(v * scale) / scale : v; };
    const double matrixWidth = snap(cell * static_cast<double>(cols));
    const double matrixHeight = snap(cell * static_cast<double>(rows));
    const double blockWidth = labelLeft + stripRoom + matrixWidth + kColumnGap + rightWidth;
    const double x0 = snap(area.left() + std::max(0.0, (area.width() - blockWidth) / 2.0));
    const QRectF matrix(snap(x0 + labelLeft + stripRoom), snap(area.top() + labelTop + stripRoom),
                        matrixWidth, matrixHeight);
    cell = matrix.width() / static_cast<double>(cols);

    Cells cells = renderCells(source, content.scale, cell, scale, raster, progress);
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(matrix, cells.image);
    painter.restore();
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kFrameColour, 0.6));
    painter.drawRect(matrix);
    if (content.annotateCells && cell >= kMinAnnotatedCell) annotateCells(painter, matrix, cell, cells);

    if (rowCategories != nullptr) {
        paintStrip(painter, QRectF(matrix.left() - stripRoom, matrix.top(), kStrip, matrix.height()),
                   false, rows, source.rowOrder(), *rowCategories);
    }
    if (colCategories != nullptr) {
        paintStrip(painter, QRectF(matrix.left(), matrix.top() - stripRoom, matrix.width(), kStrip),
                   true, cols, source.colOrder(), *colCategories);
    }
    const QRectF leftArea(x0, matrix.top(), labelLeft - 4.0, matrix.height());
    const QRectF topArea(matrix.left(), area.top(), matrix.width(), labelTop - 4.0);
    if (showLabels && rowLabels) {
        paintAxisTitle(painter, QRectF(x0, matrix.top(), rowTitleRoom, matrix.height()), content.rowAxisTitle, true);
        paintRowLabels(painter, leftArea.adjusted(rowTitleRoom, 0, 0, 0), cell, rows, source.rowOrder(),
                       *rowStimuli, figureFont(labelPixels));
    } else {
        paintAxisTitle(painter, leftArea, content.rowAxisTitle, true);
    }
    if (showLabels && colLabels) {
        paintAxisTitle(painter, QRectF(matrix.left(), area.top(), matrix.width(), colTitleRoom), content.colAxisTitle, false);
        paintColumnLabels(painter, topArea.adjusted(0, colTitleRoom, 0, 0), cell, cols, source.colOrder(),
                          *colStimuli, figureFont(labelPixels));
    } else {
        paintAxisTitle(painter, topArea, content.colAxisTitle, false);
    }

    // Colorbar beside the matrix, the legend below it.
    const double barLeft = matrix.right() + kColumnGap;
    const double barTop = matrix.top() + 30.0;
    const double room = area.bottom() - barTop;
    const double wanted = legend.empty() ? std::min(matrix.height() - 30.0, 360.0)
                                         : std::min(matrix.height() * 0.5, 260.0);
    const double barHeight = std::max(std::min(80.0, room), std::min(wanted, room));
    paintColorbar(painter, QRectF(barLeft, barTop, 16.0, barHeight), cells.scale, caption);
    double y = barTop + barHeight + 12.0;
    if (cells.hasUndefined) {
        paintUndefinedSwatch(painter, QRectF(barLeft, y + 3.0, 16.0, 11.0), cells.scale);
        painter.setPen(kTextColour);
        painter.setFont(figureFont(kLabelPixels));
        painter.drawText(QRectF(barLeft + 22.0, y, rightWidth - 22.0, 18.0), Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("undefined"));
        y += 20.0;
    }
    if (!legend.empty()) {
        y += 10.0;
        paintLegend(painter, QRectF(barLeft, y, rightWidth, area.bottom() - y),
                    QString::fromStdString(legendColumn->name), legend, false);
    }
}

}  // namespace repscope::views::detail
