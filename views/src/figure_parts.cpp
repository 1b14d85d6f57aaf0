#include "figure_parts.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPaintEngine>
#include <algorithm>
#include <cmath>
#include <limits>

#include "heatmap_overlay.h"

namespace repscope::views::detail {

QFont figureFont(int pixels, bool bold) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

double paintTitle(QPainter& painter, const QString& title, const QString& subtitle, double width) {
    double y = kFigureMargin;
    const double textWidth = std::max(10.0, width - 2 * kFigureMargin);
    if (!title.isEmpty()) {
        const QFont font = figureFont(kTitlePixels, true);
        const QFontMetricsF m(font);
        painter.setFont(font);
        painter.setPen(kTextColour);
        painter.drawText(QRectF(kFigureMargin, y, textWidth, m.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         m.elidedText(title, Qt::ElideRight, textWidth));
        y += m.height() + 2.0;
    }
    if (!subtitle.isEmpty()) {
        const QFont font = figureFont(kSubtitlePixels);
        const QFontMetricsF m(font);
        painter.setFont(font);
        painter.setPen(kMutedColour);
        painter.drawText(QRectF(kFigureMargin, y, textWidth, m.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         m.elidedText(subtitle, Qt::ElideRight, textWidth));
        y += m.height();
    }
    return y + 10.0;
}

namespace {

double niceStep(double range, int count) {
    const double raw = range / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

}  // namespace

std::vector<double> niceTicks(double lo, double hi, int count) {
    std::vector<double> ticks;
    if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo) return ticks;
    const double step = niceStep(hi - lo, count);
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + step * 1e-9 && ticks.size() < 64; v += step) {
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return ticks;
}

QString tickText(double value, double step) {
    const int decimals =
        step > 0.0 && step < 1.0 ? std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 8) : 0;
    if (std::abs(value) >= 1e5 || (std::abs(value) < 1e-4 && value != 0.0 && decimals > 6)) {
        return QString::number(value, 'g', 3);
    }
    QString text = QString::number(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-'))) text.replace(0, 1, QChar(0x2212));  // minus sign
    return text;
}

bool isRasterTarget(const QPainter& painter) {
    const QPaintEngine* engine = painter.paintEngine();
    return engine != nullptr && engine->type() == QPaintEngine::Raster;
}

double deviceScale(const QPainter& painter) {
    const QTransform t = painter.deviceTransform();
    return std::max(1e-6, std::hypot(t.m11(), t.m12()));
}

std::vector<LegendEntry> categoryEntries(const CategoryColumn& column) {
    std::vector<LegendEntry> entries;
    const std::vector<std::size_t> counts = column.counts();
    for (std::size_t k = 0; k < column.categories.size(); ++k) {
        const std::size_t n = k < counts.size() ? counts[k] : 0;
        entries.push_back({categoryColour(static_cast<std::int32_t>(k)),
                           QStringLiteral("%1 (%2)")
                               .arg(QString::fromStdString(column.categories[k]))
                               .arg(n)});
    }
    const auto missing = static_cast<std::size_t>(
        std::count_if(column.codes.begin(), column.codes.end(), [](std::int32_t c) { return c < 0; }));
    if (missing > 0) entries.push_back({categoryColour(-1), QStringLiteral("(none) (%1)").arg(missing)});
    return entries;
}

namespace {
constexpr double kSwatch = 10.0;
constexpr double kSwatchGap = 6.0;
constexpr double kLegendRow = 17.0;
}  // namespace

double legendWidth(const QString& title, const std::vector<LegendEntry>& entries, double maxWidth) {
    const QFontMetricsF titleMetrics(figureFont(kLabelPixels, true));
    const QFontMetricsF m(figureFont(kLabelPixels));
    double w = titleMetrics.horizontalAdvance(title);
    for (const LegendEntry& e : entries) {
        w = std::max(w, kSwatch + kSwatchGap + m.horizontalAdvance(e.text));
    }
    return std::min(maxWidth, std::ceil(w) + 2.0);
}

double paintLegend(QPainter& painter, const QRectF& area, const QString& title,
                   const std::vector<LegendEntry>& entries, bool roundSwatches) {
    painter.save();
    double y = area.top();
    if (!title.isEmpty()) {
        const QFont font = figureFont(kLabelPixels, true);
        const QFontMetricsF m(font);
        painter.setFont(font);
        painter.setPen(kTextColour);
        painter.drawText(QRectF(area.left(), y, area.width(), kLegendRow),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         m.elidedText(title, Qt::ElideRight, area.width()));
        y += kLegendRow + 2.0;
    }
    const QFont font = figureFont(kLabelPixels);
    const QFontMetricsF m(font);
    painter.setFont(font);
    const auto rowsThatFit = static_cast<std::size_t>(std::max(0.0, std::floor((area.bottom() - y) / kLegendRow)));
    const std::size_t shown =
        entries.size() <= rowsThatFit ? entries.size() : (rowsThatFit > 0 ? rowsThatFit - 1 : 0);
    const double textX = area.left() + kSwatch + kSwatchGap;
    const double textWidth = std::max(1.0, area.right() - textX);
    for (std::size_t k = 0; k < shown; ++k) {
        const QRectF swatch(area.left(), y + (kLegendRow - kSwatch) / 2, kSwatch, kSwatch);
        painter.setPen(Qt::NoPen);
        painter.setBrush(entries[k].colour);
        if (roundSwatches) {
            painter.setRenderHint(QPainter::Antialiasing, true);
            painter.drawEllipse(swatch);
        } else {
            painter.drawRect(swatch);
        }
        painter.setPen(kTextColour);
        painter.drawText(QRectF(textX, y, textWidth, kLegendRow), Qt::AlignLeft | Qt::AlignVCenter,
                         m.elidedText(entries[k].text, Qt::ElideRight, textWidth));
        y += kLegendRow;
    }
    if (shown < entries.size() && rowsThatFit > 0) {
        painter.setPen(kMutedColour);
        painter.drawText(QRectF(area.left(), y, area.width(), kLegendRow),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("… and %1 more").arg(entries.size() - shown));
        y += kLegendRow;
    }
    painter.restore();
    return y - area.top();
}

namespace {

constexpr double kBarWidth = 16.0;
constexpr double kTickLength = 4.0;
constexpr double kCaptionHeight = 18.0;

}  // namespace

double tickStep(const std::vector<double>& ticks, double single) {
    return ticks.size() >= 2 ? std::abs(ticks[1] - ticks[0]) : single;
}

std::vector<double> colorbarTicks(const ColorScale& scale, double barPixels, double labelPixels) {
    const double low = scale.low;
    const double high = scale.high;
    const double span = high - low;
    if (!(span > 0.0) || !std::isfinite(span)) return {low, high};
    // Labels are centred on their ticks: neighbours need a label's height between them.
    const auto fits = [&](double step) { return step / span * barPixels >= labelPixels; };
    for (int count = 5; count >= 2; --count) {
        std::vector<double> ticks = niceTicks(low, high, count);
        if (ticks.size() < 2) break;
        if (fits(tickStep(ticks))) return ticks;
    }
    if (fits(span)) return {low, high};
    return {high};
}

double colorbarLabelStep(const std::vector<double>& ticks, const ColorScale& scale) {
    const double span = static_cast<double>(scale.high) - scale.low;
    const bool ends = ticks.size() <= 1 || (ticks.size() == 2 && ticks.front() == static_cast<double>(scale.low) &&
                                            ticks.back() == static_cast<double>(scale.high));
    if (!ends) return tickStep(ticks);
    return span > 0.0 && std::isfinite(span) ? span / 100.0 : 1.0;
}

double colorbarWidth(const ColorScale& scale, const QString& caption) {
    const QFontMetricsF m(figureFont(kTickPixels));
    // The widest labels any bar height gives (the most ticks, finest step).
    const std::vector<double> ticks = colorbarTicks(scale, std::numeric_limits<double>::infinity(), 0.0);
    double text = 0.0;
    for (double t : ticks) text = std::max(text, m.horizontalAdvance(tickText(t, tickStep(ticks))));
    // A short bar shows the scale's ends instead, with their own decimals.
    const std::vector<double> ends{scale.low, scale.high};
    for (double t : ends) text = std::max(text, m.horizontalAdvance(tickText(t, colorbarLabelStep(ends, scale))));
    const double captionWidth = QFontMetricsF(figureFont(kLabelPixels)).horizontalAdvance(caption);
    return std::max(kBarWidth + kTickLength + 4.0 + std::ceil(text), std::min(captionWidth, 160.0));
}

void paintColorbar(QPainter& painter, const QRectF& bar, const ColorScale& scale,
                   const QString& caption) {
    painter.save();
    const QFont captionFont = figureFont(kLabelPixels);
    painter.setFont(captionFont);
    painter.setPen(kTextColour);
    const QFontMetricsF cm(captionFont);
    const double captionWidth = std::max(bar.width(), 160.0);
    painter.drawText(QRectF(bar.left(), bar.top() - kCaptionHeight - 9.0, captionWidth, kCaptionHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     cm.elidedText(caption, Qt::ElideRight, captionWidth));
    // A gradient, so that SVG and PDF keep the ramp as a vector shape.
    QLinearGradient ramp(bar.topLeft(), bar.bottomLeft());
    constexpr int kStops = 64;
    for (int i = 0; i <= kStops; ++i) {
        const double f = static_cast<double>(i) / kStops;
        const float v = scale.high - static_cast<float>(f) * (scale.high - scale.low);
        const auto c = scale.colour8(v);
        ramp.setColorAt(f, QColor(c[0], c[1], c[2]));
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(ramp);
    painter.drawRect(bar);
    // The frame lies just outside the ramp, so that both ends of the colormap stay visible.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kFrameColour, 0.8));
    painter.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5));

    const QFont font = figureFont(kTickPixels);
    painter.setFont(font);
    const QFontMetricsF m(font);
    const std::vector<double> ticks = colorbarTicks(scale, bar.height(), m.height());
    const double span = static_cast<double>(scale.high) - scale.low;
    for (double t : ticks) {
        const double f = span > 0.0 ? (scale.high - t) / span : 0.0;
        const double y = bar.top() + std::clamp(f, 0.0, 1.0) * bar.height();
        painter.setPen(QPen(kFrameColour, 0.8));
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + kTickLength, y));
        painter.setPen(kTextColour);
        painter.drawText(QRectF(bar.right() + kTickLength + 3.0, y - m.height() / 2, 80.0, m.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, tickText(t, colorbarLabelStep(ticks, scale)));
    }
    painter.restore();
}

}  // namespace repscope::views::detail
