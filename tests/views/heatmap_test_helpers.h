#pragma once
// Helpers for the heatmap view tests: a shown view with a small known matrix, complete frames,
// pixel expectations from the colour scale, and the actual image saved on failure.
#include <QDir>
#include <QImage>
#include <QOpenGLWidget>
#include <QPainter>
#include <QtTest>
#include <cmath>
#include <memory>

#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::test {

// n×n matrix with distinct values in [0, 1] and a NaN cell at (1, 2).
inline MatrixF knownMatrix(int n) {
    MatrixF m(n, n);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) m(i, j) = static_cast<float>(i * n + j) / static_cast<float>(n * n - 1);
    }
    m(1, 2) = std::nanf("");
    return m;
}

// Renders until a frame drew every tile at the wanted level.
inline QImage completeFrame(views::HeatmapView& view) {
    QImage img;
    for (int i = 0; i < 100; ++i) {
        img = view.grabFramebuffer();
        if (view.lastFrameComplete()) return img;
        view.waitForTiles();
        QCoreApplication::processEvents();
    }
    return img;
}

// The window as on screen: QWidget::grab() leaves out what GL views draw (HeatmapView's QPainter
// strips, colorbar and labels too), so each visible GL view's framebuffer is drawn over it —
// a heatmap's once its frame is complete.
inline QImage windowImage(QWidget& window) {
    QImage image = window.grab().toImage();
    QPainter painter(&image);
    for (QOpenGLWidget* view : window.findChildren<QOpenGLWidget*>()) {
        if (!view->isVisible()) continue;
        auto* heatmap = qobject_cast<views::HeatmapView*>(view);
        painter.drawImage(view->mapTo(&window, QPoint(0, 0)),
                          heatmap != nullptr ? completeFrame(*heatmap) : view->grabFramebuffer());
    }
    return image;
}

// Pixel centre of display cell (row, col) in widget coordinates.
inline QPoint cellCentre(const views::HeatmapView& view, double row, double col) {
    const views::HeatmapLayout l = view.layout();
    const views::HeatmapViewport& vp = view.viewport();
    return QPoint(static_cast<int>(std::floor(l.matrix.left() + vp.toPixelX(col + 0.5))),
                  static_cast<int>(std::floor(l.matrix.top() + vp.toPixelY(row + 0.5))));
}

inline int channelDistance(QRgb a, std::array<float, 3> b) {
    return std::max({std::abs(qRed(a) - static_cast<int>(std::lround(b[0]))),
                     std::abs(qGreen(a) - static_cast<int>(std::lround(b[1]))),
                     std::abs(qBlue(a) - static_cast<int>(std::lround(b[2])))});
}

// Saves the image in the working directory (next to the test's output) and returns its path.
inline QString saveActual(const QImage& img, const QString& name) {
    const QString path = QDir::current().absoluteFilePath(name + QStringLiteral("_actual.png"));
    img.save(path);
    return path;
}

}  // namespace repscope::test
