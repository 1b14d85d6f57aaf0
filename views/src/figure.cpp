#include "repscope/views/figure.h"

#include "figure_parts.h"

namespace repscope::views {

void paintFigure(QPainter& painter, const Figure& figure, QSizeF size, Progress& progress) {
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const double top = detail::paintTitle(painter, figure.title, figure.subtitle, size.width());
    const QRectF area(detail::kFigureMargin, top, size.width() - 2 * detail::kFigureMargin,
                      size.height() - top - detail::kFigureMargin);
    if (const auto* heatmap = std::get_if<HeatmapContent>(&figure.content)) {
        detail::paintHeatmapContent(painter, *heatmap, area, progress);
    } else if (const auto* scatter = std::get_if<ScatterContent>(&figure.content)) {
        detail::paintScatterContent(painter, *scatter, area);
    } else if (const auto* chart = std::get_if<ChartContent>(&figure.content)) {
        paintChart(painter, *chart, area);
    } else if (const auto* picture = std::get_if<ImageContent>(&figure.content)) {
        if (!picture->image.isNull()) {
            const QSizeF fitted = QSizeF(picture->image.size()).scaled(area.size(), Qt::KeepAspectRatio);
            const QRectF target(area.left() + (area.width() - fitted.width()) / 2.0, area.top(),
                                fitted.width(), fitted.height());
            painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter.drawImage(target, picture->image);
        }
    }
    painter.restore();
}

QImage renderFigureImage(const Figure& figure, QSize size, int scale, Progress& progress) {
    QImage image(size * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintFigure(painter, figure, QSizeF(size), progress);
    painter.end();
    return image;
}

}  // namespace repscope::views
