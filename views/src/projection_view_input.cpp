// ProjectionView: mouse, wheel, keys, hover, brushing and the legend.
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>
#include <limits>

#include "projection_overlay.h"
#include "repscope/views/projection_view.h"
#include "repscope/views/selection_model.h"

namespace repscope::views {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kHoverSlack = 3.0;  // pixels beyond a point's radius that still hit it
}  // namespace

void ProjectionView::zoomAbout(double factor, QPointF widgetPos) {
    const QRectF area = plotArea();
    viewport_.zoomAbout(factor, widgetPos - area.topLeft(), area.size());
    fitPending_ = false;
    fitted_ = false;
    update();
}

void ProjectionView::panByPixels(QPointF delta) {
    viewport_.centreX -= delta.x() / viewport_.scale;
    viewport_.centreY += delta.y() / viewport_.scale;
    fitPending_ = false;
    fitted_ = false;
    update();
}

std::optional<std::size_t> ProjectionView::pointAt(QPointF widgetPos) const {
    if (target_.rows() == 0 || !plotArea().contains(widgetPos)) return std::nullopt;
    const double reach = pointSize() / 2.0 + kHoverSlack;
    // In data units, so that the loop does no mapping per point.
    const QPointF d = toData(widgetPos);
    const double reachData = reach / viewport_.scale;
    double best = reachData * reachData;
    std::optional<std::size_t> found;
    for (Eigen::Index i = 0; i < target_.rows(); ++i) {
        const double dx = target_(i, 0) - d.x();
        const double dy = target_(i, 1) - d.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= best) {
            best = d2;
            found = static_cast<std::size_t>(i);
        }
    }
    return found;
}

QString ProjectionView::tooltipText(QPointF widgetPos) const {
    const auto i = pointAt(widgetPos);
    if (!i) return {};
    QString text = stimuli_ && *i < stimuli_->count ? QString::fromStdString(stimuli_->label(*i))
                                                    : QStringLiteral("#%1").arg(*i);
    if (const CategoryColumn* c = categoryColumn(); c != nullptr && c->codes[*i] >= 0) {
        text += QStringLiteral(" (%1)").arg(
            QString::fromStdString(c->categories[static_cast<std::size_t>(c->codes[*i])]));
    }
    return text;
}

std::vector<ProjectionView::LegendEntry> ProjectionView::legendEntries() const {
    std::vector<LegendEntry> entries;
    const CategoryColumn* column = categoryColumn();
    if (column == nullptr || target_.rows() == 0 || showsValues()) return entries;
    for (const detail::LegendItem& item : detail::legendLayout(legendRoom(), *column)) {
        if (item.code >= 0) entries.push_back({item.code, item.rect});
    }
    return entries;
}

void ProjectionView::brushRectangle(QPointF dataA, QPointF dataB, bool add) {
    if (!selection_) return;
    selection_->select(pointsInRectangle(target_, dataA, dataB),
                       add ? Selection::Mode::Add : Selection::Mode::Replace);
}

void ProjectionView::brushPolygon(const std::vector<QPointF>& dataPolygon, bool add) {
    if (!selection_) return;
    selection_->select(pointsInPolygon(target_, dataPolygon),
                       add ? Selection::Mode::Add : Selection::Mode::Replace);
}

void ProjectionView::selectCategory(std::int32_t code, bool add) {
    const CategoryColumn* column = categoryColumn();
    if (!selection_ || column == nullptr) return;
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < column->codes.size(); ++i) {
        if (column->codes[i] == code) members.push_back(i);
    }
    selection_->select(members, add ? Selection::Mode::Add : Selection::Mode::Replace);
}

void ProjectionView::mousePressEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    dragStart_ = dragLast_ = pos;
    hovered_.reset();
    if (e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && spaceHeld_)) {
        drag_ = DragMode::Pan;
        return;
    }
    if (e->button() != Qt::LeftButton || target_.rows() == 0) {
        drag_ = DragMode::None;
        return QOpenGLWidget::mousePressEvent(e);
    }
    const bool add = (e->modifiers() & Qt::ShiftModifier) != 0;
    for (const LegendEntry& entry : legendEntries()) {
        if (entry.rect.contains(pos)) {
            drag_ = DragMode::None;
            selectCategory(entry.code, add);
            return;
        }
    }
    if (!plotArea().contains(pos)) {
        drag_ = DragMode::None;
        return;
    }
    const bool lasso = lassoMode_ || (e->modifiers() & Qt::AltModifier) != 0;
    drag_ = lasso ? DragMode::Lasso : DragMode::BrushRect;
    dragMoved_ = false;
    lasso_.assign(1, pos);
}

void ProjectionView::mouseMoveEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    // A lasso may end where it began: what makes a drag is having gone somewhere.
    if ((pos - dragStart_).manhattanLength() >= QApplication::startDragDistance()) dragMoved_ = true;
    switch (drag_) {
        case DragMode::Pan:
            panByPixels(pos - dragLast_);
            break;
        case DragMode::Lasso:
            if ((pos - lasso_.back()).manhattanLength() >= 2.0) lasso_.push_back(pos);
            update();
            break;
        case DragMode::BrushRect:
            update();
            break;
        case DragMode::None: {
            const auto hit = pointAt(pos);
            if (hit != hovered_ || (hit && pos != hoverPos_)) {
                hovered_ = hit;
                hoverPos_ = pos;
                update();
            }
            break;
        }
    }
    dragLast_ = pos;
}

void ProjectionView::mouseReleaseEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    dragLast_ = pos;
    const DragMode mode = drag_;
    drag_ = DragMode::None;
    if (mode == DragMode::None || mode == DragMode::Pan) return QOpenGLWidget::mouseReleaseEvent(e);
    const bool add = (e->modifiers() & Qt::ShiftModifier) != 0;
    if (!dragMoved_ && (pos - dragStart_).manhattanLength() < QApplication::startDragDistance()) {
        // A click: the point under it, or (without Shift) nothing.
        if (const auto hit = pointAt(dragStart_)) {
            if (selection_) selection_->select({*hit}, add ? Selection::Mode::Add : Selection::Mode::Replace);
            emit pointClicked(static_cast<qint64>(*hit));
        } else if (!add && selection_) {
            selection_->clear();
        }
        update();
        return;
    }
    if (mode == DragMode::BrushRect) {
        brushRectangle(toData(dragStart_), toData(pos), add);
    } else {
        lasso_.push_back(pos);
        std::vector<QPointF> polygon;
        polygon.reserve(lasso_.size());
        for (const QPointF& p : lasso_) polygon.push_back(toData(p));
        brushPolygon(polygon, add);
    }
    lasso_.clear();
    update();
}

void ProjectionView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) fitToView();
}

void ProjectionView::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0.0) zoomAbout(std::pow(kZoomStep, steps), e->position());
    e->accept();
}

void ProjectionView::keyPressEvent(QKeyEvent* e) {
    const QPointF centre = plotArea().center();
    switch (e->key()) {
        case Qt::Key_Space:
            if (!e->isAutoRepeat()) spaceHeld_ = true;
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomAbout(kZoomStep, centre); break;
        case Qt::Key_Minus: zoomAbout(1.0 / kZoomStep, centre); break;
        case Qt::Key_Home: fitToView(); break;
        case Qt::Key_Escape:
            if (selection_) selection_->clear();
            break;
        default: QOpenGLWidget::keyPressEvent(e); return;
    }
    e->accept();
}

void ProjectionView::keyReleaseEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
        spaceHeld_ = false;
        e->accept();
        return;
    }
    QOpenGLWidget::keyReleaseEvent(e);
}

void ProjectionView::leaveEvent(QEvent* e) {
    if (hovered_) {
        hovered_.reset();
        update();
    }
    QOpenGLWidget::leaveEvent(e);
}

}  // namespace repscope::views
