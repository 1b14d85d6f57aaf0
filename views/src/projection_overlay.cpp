#include "projection_overlay.h"

#include <QFontMetricsF>
#include <QObject>
#include <algorithm>
#include <cmath>

#include "heatmap_overlay.h"

namespace repscope::views::detail {
namespace {

constexpr double kRowHeight = 16.0;
constexpr double kSwatch = 10.0;
constexpr double kPad = 6.0;
constexpr int kFontPixels = 11;

QString tickText(double v) { return QString::number(v, 'g', 4); }

}  // namespace

double legendWidth(const CategoryColumn& column, const QFont& font, double maxWidth) {
    if (column.categories.empty()) return 0.0;
    QFont f = font;
    f.setPixelSize(kFontPixels);
    const QFontMetricsF metrics(f);
    double width = metrics.horizontalAdvance(QObject::tr("… %1 more").arg(column.categories.size()));
    for (const std::string& c : column.categories) {
        width = std::max(width, metrics.horizontalAdvance(QString::fromStdString(c)));
    }
    return std::min(std::ceil(width) + kSwatch + 4.0 * kPad, maxWidth);
}

std::vector<LegendItem> legendLayout(const QRectF& room, const CategoryColumn& column) {
    std::vector<LegendItem> items;
    const std::size_t n = column.categories.size();
    if (n == 0 || room.width() <= 2.0 * kPad) return items;
    const auto rows = static_cast<std::size_t>(
        std::max(1.0, std::floor((room.height() - 2.0 * kPad) / kRowHeight)));
    const std::size_t shown = n <= rows ? n : std::max<std::size_t>(rows, 2) - 1;
    const double left = room.left() + kPad;
    const double width = room.width() - 2.0 * kPad;
    double y = room.top() + kPad;
    for (std::size_t c = 0; c < shown; ++c) {
        items.push_back({static_cast<std::int32_t>(c), QRectF(left, y, width, kRowHeight),
                         QString::fromStdString(column.categories[c])});
        y += kRowHeight;
    }
    if (shown < n) {
        items.push_back({-1, QRectF(left, y, width, kRowHeight), QObject::tr("… %1 more").arg(n - shown)});
    }
    return items;
}

void paintAxes(QPainter& painter, const QRectF& area, const ScatterViewport& vp) {
    painter.save();
    QFont f = painter.font();
    f.setPixelSize(kFontPixels);
    painter.setFont(f);
    painter.setPen(QColor(90, 90, 90));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    const QPointF lowData = vp.toData(QPointF(0.0, area.height()), area.size());
    const QPointF highData = vp.toData(QPointF(area.width(), 0.0), area.size());
    const int xTargets = std::max(3, static_cast<int>(area.width() / 80.0));
    const int yTargets = std::max(2, static_cast<int>(area.height() / 60.0));
    for (double v : niceTicks(lowData.x(), highData.x(), xTargets)) {
        const double x = area.left() + vp.toPixel(QPointF(v, 0.0), area.size()).x();
        painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4.0));
        painter.drawText(QRectF(x - 40.0, area.bottom() + 4.0, 80.0, 14.0), Qt::AlignHCenter | Qt::AlignTop,
                         tickText(v));
    }
    for (double v : niceTicks(lowData.y(), highData.y(), yTargets)) {
        const double y = area.top() + vp.toPixel(QPointF(0.0, v), area.size()).y();
        painter.drawLine(QPointF(area.left() - 4.0, y), QPointF(area.left(), y));
        painter.drawText(QRectF(0.0, y - 7.0, area.left() - 6.0, 14.0), Qt::AlignRight | Qt::AlignVCenter,
                         tickText(v));
    }
    painter.restore();
}

void paintLegend(QPainter& painter, const std::vector<LegendItem>& items) {
    if (items.empty()) return;
    painter.save();
    QRectF panel;
    for (const LegendItem& item : items) panel = panel.united(item.rect);
    painter.setPen(QColor(180, 180, 180));
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRect(panel.adjusted(-2.0, -3.0, 2.0, 3.0));
    QFont f = painter.font();
    f.setPixelSize(kFontPixels);
    painter.setFont(f);
    const QFontMetricsF metrics(f);
    for (const LegendItem& item : items) {
        const QRectF r = item.rect;
        double textLeft = r.left() + kPad;
        if (item.code >= 0) {
            painter.setPen(QColor(60, 60, 60));
            painter.setBrush(categoryColour(item.code));
            painter.drawEllipse(QRectF(r.left() + kPad, r.center().y() - kSwatch / 2.0, kSwatch, kSwatch));
            textLeft += kSwatch + kPad;
        }
        painter.setPen(QColor(30, 30, 30));
        const QRectF text(textLeft, r.top(), r.right() - textLeft - 2.0, r.height());
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(item.text, Qt::ElideRight, text.width()));
    }
    painter.restore();
}

void paintHoverCard(QPainter& painter, QPointF at, const QRectF& bounds, const QString& title,
                    const QString& detail, const QImage& thumbnail) {
    constexpr double kThumb = 56.0;
    painter.save();
    QFont bold = painter.font();
    bold.setPixelSize(12);
    bold.setBold(true);
    QFont plain = bold;
    plain.setBold(false);
    plain.setPixelSize(kFontPixels);
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF plainMetrics(plain);
    const double textWidth = std::min(260.0, std::max(boldMetrics.horizontalAdvance(title),
                                                      plainMetrics.horizontalAdvance(detail)));
    const double thumbWidth = thumbnail.isNull() ? 0.0 : kThumb + kPad;
    const double height = std::max(thumbnail.isNull() ? 0.0 : kThumb, detail.isEmpty() ? 16.0 : 32.0) + 2 * kPad;
    const double width = thumbWidth + textWidth + 2 * kPad;
    QRectF card(at + QPointF(14.0, 14.0), QSizeF(width, height));
    if (card.right() > bounds.right()) card.moveRight(at.x() - 10.0);
    if (card.bottom() > bounds.bottom()) card.moveBottom(at.y() - 10.0);
    card.moveLeft(std::max(card.left(), bounds.left()));
    card.moveTop(std::max(card.top(), bounds.top()));
    painter.setPen(QColor(120, 120, 120));
    painter.setBrush(QColor(255, 255, 240, 240));
    painter.drawRoundedRect(card, 3.0, 3.0);
    double x = card.left() + kPad;
    if (!thumbnail.isNull()) {
        painter.drawImage(QRectF(x, card.top() + kPad, kThumb, kThumb), thumbnail);
        x += kThumb + kPad;
    }
    painter.setPen(QColor(20, 20, 20));
    painter.setFont(bold);
    painter.drawText(QRectF(x, card.top() + kPad, textWidth, 16.0), Qt::AlignLeft | Qt::AlignVCenter,
                     boldMetrics.elidedText(title, Qt::ElideRight, textWidth));
    if (!detail.isEmpty()) {
        painter.setFont(plain);
        painter.drawText(QRectF(x, card.top() + kPad + 16.0, textWidth, 16.0),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         plainMetrics.elidedText(detail, Qt::ElideRight, textWidth));
    }
    painter.restore();
}

QImage thumbnailImage(const Stimuli& stimuli, std::size_t i) {
    const Thumbnails& t = stimuli.thumbnails;
    if (t.empty() || i >= stimuli.count || (t.channels != 1 && t.channels != 3)) return {};
    const std::size_t bytes = t.bytesPerImage();
    if ((i + 1) * bytes > t.pixels.size()) return {};
    const QImage view(t.pixels.data() + i * bytes, t.width, t.height, t.width * t.channels,
                      t.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    return view.copy();  // the image must not point into the stimuli after they go
}

}  // namespace repscope::views::detail
