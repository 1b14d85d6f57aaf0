#include "heatmap_overlay.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <limits>

#include "figure_parts.h"

namespace repscope::views::detail {

QColor categoryColour(std::int32_t code) {
    if (code < 0) return QColor(200, 200, 200);
    // Tableau 10, then golden-angle hues.
    static const QRgb kPalette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                    0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    if (code < 10) return QColor(kPalette[code]);
    return QColor::fromHsvF(std::fmod(code * 0.618034, 1.0), 0.55, 0.85);
}

namespace {

std::size_t stimulusAt(const std::vector<std::size_t>* order, std::int64_t p) {
    return order == nullptr || order->empty() ? static_cast<std::size_t>(p)
                                              : (*order)[static_cast<std::size_t>(p)];
}

// One strip: for each pixel along it, the category of the stimulus under the pixel's centre;
// a dark mark where the category changes from the previous pixel.
QImage stripImage(int length, double origin, double scale, std::int64_t n,
                  const std::vector<std::size_t>* order, const CategoryColumn* column) {
    QImage img(std::max(1, length), 1, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    std::int32_t previous = -2;
    for (int i = 0; i < length; ++i) {
        const auto p = static_cast<std::int64_t>(std::floor(origin + (i + 0.5) / scale));
        if (p < 0 || p >= n) {
            previous = -2;
            continue;
        }
        const std::size_t s = stimulusAt(order, p);
        const std::int32_t code =
            column != nullptr && s < column->codes.size() ? column->codes[s] : -1;
        QColor c = categoryColour(code);
        if (previous != -2 && code != previous) c = QColor(40, 40, 40);
        img.setPixel(i, 0, c.rgba());
        previous = code;
    }
    return img;
}

// Spaces inside parentheses made non-breaking, so that a wrapped title keeps "(1 − r)" whole.
QString keepParenthesesTogether(QString text) {
    int depth = 0;
    for (QChar& c : text) {
        if (c == QLatin1Char('(')) ++depth;
        if (c == QLatin1Char(')')) depth = std::max(0, depth - 1);
        if (depth > 0 && c == QLatin1Char(' ')) c = QChar(0x00A0);
    }
    return text;
}

}  // namespace

void paintOverlays(QPainter& painter, const OverlayInput& in) {
    const HeatmapLayout& l = in.layout;
    if (in.categories != nullptr) {
        const QImage top = stripImage(static_cast<int>(l.colStrip.width()), in.viewport.originX,
                                      in.viewport.scale, in.cols, in.colOrder, in.categories);
        painter.drawImage(l.colStrip, top);
        const QImage side = stripImage(static_cast<int>(l.rowStrip.height()), in.viewport.originY,
                                       in.viewport.scale, in.rows, in.rowOrder, in.categories);
        QTransform t;
        t.rotate(90);
        painter.drawImage(l.rowStrip, side.transformed(t));
    }
    // Axis titles in the strips' place (matrices without category strips, e.g. unit × unit).
    if (in.categories == nullptr && (!in.rowTitle.isEmpty() || !in.colTitle.isEmpty())) {
        const double w = std::clamp(in.viewport.toPixelX(static_cast<double>(in.cols)), 1.0, l.matrix.width());
        const double h = std::clamp(in.viewport.toPixelY(static_cast<double>(in.rows)), 1.0, l.matrix.height());
        QFont titleFont = painter.font();
        titleFont.setPixelSize(kOverlayFontPixels);
        painter.save();
        painter.setFont(titleFont);
        painter.setPen(QColor(60, 60, 60));
        const QFontMetricsF m(titleFont);
        // Each in its strip, between the axis labels and the matrix.
        painter.drawText(QRectF(l.matrix.left(), l.colStrip.top(), w, l.colStrip.height()), Qt::AlignCenter,
                         m.elidedText(in.colTitle, Qt::ElideRight, w));
        painter.translate(l.rowStrip.left(), l.matrix.top() + h);
        painter.rotate(-90.0);
        painter.drawText(QRectF(0.0, 0.0, h, l.rowStrip.width()), Qt::AlignCenter,
                         m.elidedText(in.rowTitle, Qt::ElideRight, h));
        painter.restore();
    }
    // Colorbar: high at the top, beside the matrix as drawn (a fitted matrix may be narrower or
    // shorter than its area), with room for the title above and the scale's note below.
    const double drawnRight = l.matrix.left() + std::clamp(in.viewport.toPixelX(static_cast<double>(in.cols)), 1.0, l.matrix.width());
    const double drawnHeight = std::clamp(in.viewport.toPixelY(static_cast<double>(in.rows)), 1.0, l.matrix.height());
    QRectF bar = l.colorbar;
    bar.moveLeft(std::min(bar.left(), drawnRight + 8.0));
    bar.setHeight(std::max(std::min(bar.height(), 100.0), std::min(bar.height(), drawnHeight - 64.0)));
    const int h = std::max(1, static_cast<int>(bar.height()));
    QImage ramp(1, h, QImage::Format_ARGB32);
    const ColorScale& s = in.scale;
    for (int y = 0; y < h; ++y) {
        const float v = s.high - (s.high - s.low) * (static_cast<float>(y) + 0.5F) / static_cast<float>(h);
        const auto c = s.colour8(v);
        ramp.setPixel(0, y, qRgb(c[0], c[1], c[2]));
    }
    painter.drawImage(bar, ramp);
    painter.setPen(QColor(60, 60, 60));
    painter.drawRect(bar);
    QFont font = painter.font();
    font.setPixelSize(kOverlayFontPixels);
    painter.setFont(font);
    // The exported figure's ticks (round values), placed where their colours are on the ramp.
    const std::vector<double> ticks = colorbarTicks(s, bar.height(), QFontMetricsF(font).height());
    const double span = static_cast<double>(s.high) - s.low;
    const double step = colorbarLabelStep(ticks, s);
    for (const double v : ticks) {
        const double f = span > 0.0 ? std::clamp((s.high - v) / span, 0.0, 1.0) : 0.5;
        const double y = bar.top() + f * bar.height();
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        painter.drawText(QRectF(bar.right() + 6, y - 8, 60, 16), Qt::AlignLeft | Qt::AlignVCenter,
                         tickText(v, step));
    }
    // The title wraps onto two lines within the space right of the matrix ("correlation
    // distance (1 − r)" is wider than the bar's column), never clipped at the view's edge.
    const double titleLeft = bar.left() - 6;
    const double titleWidth = std::max(60.0, painter.window().width() - 2.0 - titleLeft);
    painter.drawText(QRectF(titleLeft, bar.top() - 44, titleWidth, 34),
                     Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
                     keepParenthesesTogether(in.measure));
    double below = bar.bottom() + 8;
    if (in.hasUndefined) {
        paintUndefinedSwatch(painter, QRectF(bar.left(), below + 1, bar.width(), 10), s);
        painter.drawText(QRectF(bar.right() + 6, below - 2, titleWidth, 14), Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("undefined"));
        below += 16;
    }
    if (!in.scaleNote.isEmpty()) {
        painter.setPen(QColor(110, 110, 110));
        painter.drawText(QRectF(titleLeft, below, titleWidth, 44),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, in.scaleNote);
    }
}

std::pair<float, float> tilesRange(const std::vector<tiles::TilePtr>& tiles) {
    float low = std::numeric_limits<float>::infinity();
    float high = -std::numeric_limits<float>::infinity();
    for (const tiles::TilePtr& t : tiles) {
        if (t->rangeKnown) {  // found on the worker that made the tile
            if (std::isfinite(t->low)) {
                low = std::min(low, t->low);
                high = std::max(high, t->high);
            }
            continue;
        }
        for (const float v : t->values) {
            if (!std::isfinite(v)) continue;
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    if (!std::isfinite(low)) return {0.0F, 1.0F};
    std::vector<float> ends{low, high};
    return quantileRange(ends, 0.0, 1.0);
}

std::pair<float, float> wholeMatrixRange(const tiles::TileSource& source, Progress& progress) {
    std::vector<tiles::TilePtr> cells;
    for (const tiles::TileKey& key : allTiles(source.rows(), source.cols(), rangeLevel(source.rows(), source.cols()))) {
        cells.push_back(source.compute(key, progress));
    }
    return tilesRange(cells);
}

QString rangeNote(RangeMode mode, std::int64_t rows, std::int64_t cols) {
    if (mode == RangeMode::FitToView) return QStringLiteral("scale: fit to view");
    const int level = rangeLevel(rows, cols);
    if (level == 0) return QStringLiteral("scale: whole matrix");
    return QStringLiteral("scale: whole matrix (%1\u00d7%1 means)").arg(1 << level);
}

int axisLabelFontPixels(double cellPixels) {
    return std::clamp(static_cast<int>(std::floor(cellPixels * 0.9)), kMinLabelFontPixels, kOverlayFontPixels);
}

QString axisLabel(const Stimuli& stimuli, std::size_t s, const CategoryColumn* column) {
    if (s >= stimuli.count) return {};
    const std::string& label = stimuli.label(s);
    if (column != nullptr && s < column->codes.size() && column->codes[s] >= 0 &&
        static_cast<std::size_t>(column->codes[s]) < column->categories.size()) {
        const std::string& category = column->categories[static_cast<std::size_t>(column->codes[s])];
        if (!category.empty() && label.size() > category.size() + 1 && label.starts_with(category) &&
            label[category.size()] == '/') {
            return QString::fromStdString(label.substr(category.size() + 1));
        }
    }
    return QString::fromStdString(label);
}

void paintAxisLabels(QPainter& painter, const OverlayInput& in, const Stimuli& rowStimuli,
                     const Stimuli& colStimuli) {
    const HeatmapLayout& l = in.layout;
    const HeatmapViewport& vp = in.viewport;
    if (vp.scale < kMinViewLabelledCell || (l.rowLabels.isEmpty() && l.colLabels.isEmpty())) return;
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(axisLabelFontPixels(vp.scale));
    painter.setFont(font);
    painter.setPen(QColor(40, 40, 40));
    const QFontMetricsF metrics(font);
    const auto visible = [&](double origin, double extent, std::int64_t n) {
        const auto first = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(origin)));
        const auto last = std::min<std::int64_t>(n, static_cast<std::int64_t>(std::ceil(origin + extent / vp.scale)));
        return std::pair{first, last};
    };
    const auto text = [&](const Stimuli& stimuli, const std::vector<std::size_t>* order, std::int64_t p,
                          double width) {
        return metrics.elidedText(axisLabel(stimuli, stimulusAt(order, p), in.categories),
                                  Qt::ElideMiddle, width);
    };
    if (!l.rowLabels.isEmpty()) {
        painter.setClipRect(l.rowLabels);
        const auto [r0, r1] = visible(vp.originY, l.matrix.height(), in.rows);
        for (std::int64_t p = r0; p < r1; ++p) {
            const double y = l.matrix.top() + vp.toPixelY(static_cast<double>(p));
            const QRectF cell(l.rowLabels.left(), y, l.rowLabels.width(), vp.scale);
            painter.drawText(cell, Qt::AlignRight | Qt::AlignVCenter, text(rowStimuli, in.rowOrder, p, cell.width()));
        }
    }
    if (!l.colLabels.isEmpty()) {
        painter.setClipRect(l.colLabels);
        const auto [c0, c1] = visible(vp.originX, l.matrix.width(), in.cols);
        for (std::int64_t p = c0; p < c1; ++p) {
            const double x = l.matrix.left() + vp.toPixelX(static_cast<double>(p));
            painter.save();
            // Rotated a quarter turn anticlockwise: the text starts at the strip and reads upwards.
            painter.translate(x, l.colLabels.bottom());
            painter.rotate(-90.0);
            const QRectF cell(0.0, 0.0, l.colLabels.height(), vp.scale);
            painter.drawText(cell, Qt::AlignLeft | Qt::AlignVCenter, text(colStimuli, in.colOrder, p, cell.width()));
            painter.restore();
        }
    }
    painter.restore();
}

SelectionMask buildSelectionMask(const tiles::TileSource& source, const Selection& selection,
                                 int level) {
    SelectionMask mask;
    if (selection.empty()) return mask;
    mask.level = level;
    const auto fill = [&](std::vector<std::uint8_t>& m, std::int64_t n,
                          const std::vector<std::size_t>& order) {
        m.assign(static_cast<std::size_t>(tiles::cellsAtLevel(n, level)), 0);
        for (std::int64_t p = 0; p < n; ++p) {
            if (selection.contains(stimulusAt(&order, p))) m[static_cast<std::size_t>(p >> level)] = 1;
        }
    };
    fill(mask.rows, source.rows(), source.rowOrder());
    fill(mask.cols, source.cols(), source.colOrder());
    return mask;
}

std::pair<float, float> visibleRange(const std::vector<tiles::TilePtr>& drawn,
                                     const HeatmapViewport& vp, QSizeF area) {
    constexpr double kSamples = 65536.0;
    const double ax = std::max(0.0, vp.originX);
    const double ay = std::max(0.0, vp.originY);
    const double bx = vp.toStimulusX(area.width());
    const double by = vp.toStimulusY(area.height());
    // The visible cells of each tile, as index ranges: cell k (block [k·2^l, (k+1)·2^l)) shows
    // when floor(a / 2^l) <= k < ceil(b / 2^l).
    struct Span {
        const tiles::Tile* tile;
        int r0, r1, c0, c1;
    };
    std::vector<Span> spans;
    double total = 0.0;
    for (const tiles::TilePtr& t : drawn) {
        const double cell = std::ldexp(1.0, t->key.level);
        const double rowBase = static_cast<double>(t->key.row * tiles::kTileSize);
        const double colBase = static_cast<double>(t->key.col * tiles::kTileSize);
        auto clampIndex = [](double v, int n) { return static_cast<int>(std::clamp(v, 0.0, double(n))); };
        const Span s{t.get(), clampIndex(std::floor(ay / cell) - rowBase, t->rows),
                     clampIndex(std::ceil(by / cell) - rowBase, t->rows),
                     clampIndex(std::floor(ax / cell) - colBase, t->cols),
                     clampIndex(std::ceil(bx / cell) - colBase, t->cols)};
        if (s.r1 <= s.r0 || s.c1 <= s.c0) continue;
        spans.push_back(s);
        total += double(s.r1 - s.r0) * double(s.c1 - s.c0);
    }
    // Up to ~65536 samples on a regular grid of the visible cells (every step-th row and column).
    const int step = std::max(1, static_cast<int>(std::floor(std::sqrt(total / kSamples))));
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(std::min(total, 4.0 * kSamples)) + 16);
    for (const Span& s : spans) {
        for (int r = s.r0; r < s.r1; r += step) {
            for (int c = s.c0; c < s.c1; c += step) values.push_back(s.tile->at(r, c));
        }
    }
    return quantileRange(values, 0.01, 0.99);
}

void paintUndefinedSwatch(QPainter& painter, const QRectF& swatch, const ColorScale& scale) {
    const auto nan = scale.nanColour;
    const QColor base(nan[0], nan[1], nan[2]);
    painter.save();
    painter.fillRect(swatch, base);
    painter.setClipRect(swatch, Qt::IntersectClip);
    painter.setPen(QPen(QColor(static_cast<int>(nan[0] * kHatchShade), static_cast<int>(nan[1] * kHatchShade),
                               static_cast<int>(nan[2] * kHatchShade)),
                        kHatchWidth));
    // The same "\" stripes as the cells: x − y constant.
    for (double x = swatch.left() - swatch.height(); x < swatch.right() + swatch.height(); x += kHatchPeriod) {
        painter.drawLine(QPointF(x, swatch.top()), QPointF(x + swatch.height(), swatch.bottom()));
    }
    painter.restore();
    painter.save();
    painter.setPen(QColor(120, 120, 120));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(swatch);
    painter.restore();
}

void colourTile(QImage& image, const QRectF& area, const QRect& clip, const HeatmapViewport& vp,
                std::int64_t rows, std::int64_t cols, const tiles::Tile& tile,
                const ColorScale& scale, const SelectionMask& mask) {
    const int level = tile.key.level;
    const std::int64_t firstX = (tile.key.col * tiles::kTileSize) << level;
    const std::int64_t firstY = (tile.key.row * tiles::kTileSize) << level;
    const std::int64_t endX = std::min(cols, (tile.key.col * tiles::kTileSize + tile.cols) << level);
    const std::int64_t endY = std::min(rows, (tile.key.row * tiles::kTileSize + tile.rows) << level);
    const double x0 = area.left() + vp.toPixelX(static_cast<double>(firstX));
    const double x1 = area.left() + vp.toPixelX(static_cast<double>(endX));
    const double y0 = area.top() + vp.toPixelY(static_cast<double>(firstY));
    const double y1 = area.top() + vp.toPixelY(static_cast<double>(endY));
    // Pixels whose centre lies in [x0, x1) × [y0, y1), as the rasteriser decides.
    const int px0 = std::max(clip.left(), static_cast<int>(std::ceil(x0 - 0.5)));
    const int px1 = std::min(clip.right() + 1, static_cast<int>(std::ceil(x1 - 0.5)));
    const int py0 = std::max(clip.top(), static_cast<int>(std::ceil(y0 - 0.5)));
    const int py1 = std::min(clip.bottom() + 1, static_cast<int>(std::ceil(y1 - 0.5)));
    const auto selected = [&](const std::vector<std::uint8_t>& m, std::int64_t stim) {
        const auto cell = static_cast<std::size_t>(stim >> mask.level);
        return cell < m.size() && m[cell] != 0;
    };
    for (int py = py0; py < py1; ++py) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(py));
        const auto localY = static_cast<float>((py + 0.5 - y0) / vp.scale);
        const auto ly = static_cast<std::int64_t>(std::floor(localY));
        const int cy = std::clamp(static_cast<int>(ly >> level), 0, tile.rows - 1);
        const bool rowSel = !mask.empty() && selected(mask.rows, firstY + ly);
        for (int px = px0; px < px1; ++px) {
            const auto localX = static_cast<float>((px + 0.5 - x0) / vp.scale);
            const auto lx = static_cast<std::int64_t>(std::floor(localX));
            const int cx = std::clamp(static_cast<int>(lx >> level), 0, tile.cols - 1);
            const float v = tile.at(cy, cx);
            auto c = scale.colour(v);
            if (!mask.empty() && !rowSel && !selected(mask.cols, firstX + lx)) {
                for (std::size_t k = 0; k < 3; ++k) c[k] += kDim * (kDimColour[k] - c[k]);
            }
            // After dimming, as the shader's drawing pass does.
            if (std::isnan(v) && hatchedPixel(px, py)) {
                for (float& channel : c) channel *= kHatchShade;
            }
            line[px] = qRgb(static_cast<int>(std::lround(c[0])), static_cast<int>(std::lround(c[1])),
                            static_cast<int>(std::lround(c[2])));
        }
    }
}

}  // namespace repscope::views::detail
