// Scatter3DView: mouse, wheel and keys. Drags go to VTK's trackball camera style; a click picks.
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

#include <vtkGenericRenderWindowInteractor.h>

#include "repscope/views/scatter3d_view.h"
#include "repscope/views/selection_model.h"
#include "scatter3d_scene.h"

namespace repscope::views {

namespace {
constexpr double kPickSlack = 3.0;  // widget pixels beyond a point's radius that still hit it
}  // namespace

std::optional<std::size_t> Scatter3DView::pointAt(QPointF widgetPos) const {
    if (points_.rows() == 0 || !rect().contains(widgetPos.toPoint())) return std::nullopt;
    const qreal dpr = devicePixelRatioF();
    const double reach = (pointSize() / 2.0 + kPickSlack) * dpr;
    return pickNearestToRay(points_,
                            scene_->rayThrough(widgetPos.x() * dpr, widgetPos.y() * dpr, reach));
}

void Scatter3DView::forwardPosition(const QMouseEvent* e) {
    const qreal dpr = devicePixelRatioF();
    const QPointF p = e->position() * dpr;
    scene_->interactor()->SetEventInformationFlipY(
        static_cast<int>(std::lround(p.x())), static_cast<int>(std::lround(p.y())),
        (e->modifiers() & Qt::ControlModifier) != 0 ? 1 : 0,
        (e->modifiers() & Qt::ShiftModifier) != 0 ? 1 : 0);
}

void Scatter3DView::mousePressEvent(QMouseEvent* e) {
    if (pressed_ != Qt::NoButton) return;  // one drag at a time
    syncSize();
    forwardPosition(e);
    vtkGenericRenderWindowInteractor* interactor = scene_->interactor();
    switch (e->button()) {
        case Qt::LeftButton: interactor->LeftButtonPressEvent(); break;
        case Qt::MiddleButton: interactor->MiddleButtonPressEvent(); break;
        case Qt::RightButton: interactor->RightButtonPressEvent(); break;
        default: return QOpenGLWidget::mousePressEvent(e);
    }
    pressed_ = e->button();
    pressPos_ = e->position();
    dragMoved_ = false;
    e->accept();
}

void Scatter3DView::mouseMoveEvent(QMouseEvent* e) {
    if (pressed_ == Qt::NoButton) return QOpenGLWidget::mouseMoveEvent(e);
    if ((e->position() - pressPos_).manhattanLength() >= QApplication::startDragDistance()) {
        dragMoved_ = true;
        cameraFitted_ = false;  // the user's camera: kept through resizes
    }
    forwardPosition(e);
    scene_->interactor()->MouseMoveEvent();
    e->accept();
}

void Scatter3DView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != pressed_ || pressed_ == Qt::NoButton)
        return QOpenGLWidget::mouseReleaseEvent(e);
    forwardPosition(e);
    vtkGenericRenderWindowInteractor* interactor = scene_->interactor();
    switch (pressed_) {
        case Qt::LeftButton: interactor->LeftButtonReleaseEvent(); break;
        case Qt::MiddleButton: interactor->MiddleButtonReleaseEvent(); break;
        default: interactor->RightButtonReleaseEvent(); break;
    }
    const bool click = pressed_ == Qt::LeftButton && !dragMoved_;
    pressed_ = Qt::NoButton;
    e->accept();
    if (!click) return;
    // A click: the point under it, or (without Shift) nothing.
    const bool add = (e->modifiers() & Qt::ShiftModifier) != 0;
    if (const auto hit = pointAt(pressPos_)) {
        if (selection_) selection_->select({*hit}, add ? Selection::Mode::Add : Selection::Mode::Replace);
        emit pointClicked(static_cast<qint64>(*hit));
    } else if (!add && selection_) {
        selection_->clear();
    }
    update();
}

void Scatter3DView::wheelEvent(QWheelEvent* e) {
    const int delta = e->angleDelta().y();
    if (delta == 0) return QOpenGLWidget::wheelEvent(e);
    syncSize();
    cameraFitted_ = false;
    const qreal dpr = devicePixelRatioF();
    const QPointF p = e->position() * dpr;
    vtkGenericRenderWindowInteractor* interactor = scene_->interactor();
    interactor->SetEventInformationFlipY(static_cast<int>(std::lround(p.x())),
                                         static_cast<int>(std::lround(p.y())));
    if (delta > 0) {
        interactor->MouseWheelForwardEvent();
    } else {
        interactor->MouseWheelBackwardEvent();
    }
    e->accept();
}

void Scatter3DView::keyPressEvent(QKeyEvent* e) {
    switch (e->key()) {
        case Qt::Key_Home:
        case Qt::Key_R: resetCamera(); break;
        case Qt::Key_Escape:
            if (selection_) selection_->clear();
            break;
        default: QOpenGLWidget::keyPressEvent(e); return;
    }
    e->accept();
}

}  // namespace repscope::views
