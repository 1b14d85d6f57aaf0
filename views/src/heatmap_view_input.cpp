// HeatmapView: mouse, wheel, keys, tooltip and brushing.
#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTextDocument>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

#include "repscope/text.h"
#include "repscope/tiles/tile_cache.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/selection_model.h"

namespace repscope::views {

namespace {
constexpr double kZoomStep = 1.25;
}

void HeatmapView::zoomAbout(double factor, QPointF widgetPos) {
    const HeatmapLayout l = layout();
    viewport_.zoomAbout(factor, widgetPos.x() - l.matrix.left(), widgetPos.y() - l.matrix.top());
    fitPending_ = false;
    fitted_ = false;
    update();
}

void HeatmapView::panByPixels(QPointF delta) {
    viewport_.originX -= delta.x() / viewport_.scale;
    viewport_.originY -= delta.y() / viewport_.scale;
    fitPending_ = false;
    fitted_ = false;
    update();
}

std::optional<std::pair<std::int64_t, std::int64_t>> HeatmapView::cellAt(QPointF pos) const {
    if (!source_) return std::nullopt;
    const HeatmapLayout l = layout();
    if (!l.matrix.contains(pos)) return std::nullopt;
    const auto row = static_cast<std::int64_t>(std::floor(viewport_.toStimulusY(pos.y() - l.matrix.top())));
    const auto col = static_cast<std::int64_t>(std::floor(viewport_.toStimulusX(pos.x() - l.matrix.left())));
    if (row < 0 || col < 0 || row >= source_->rows() || col >= source_->cols()) return std::nullopt;
    return std::pair{row, col};
}

void HeatmapView::brushDisplayRanges(std::int64_t r0, std::int64_t r1, std::int64_t c0,
                                     std::int64_t c1, bool add) {
    if (!source_ || !selection_) return;
    std::vector<std::size_t> picked;
    const auto collect = [&](std::int64_t a, std::int64_t b, std::int64_t n,
                             const std::vector<std::size_t>& order) {
        for (std::int64_t p = std::max<std::int64_t>(0, a); p < std::min(b, n); ++p) {
            picked.push_back(order.empty() ? static_cast<std::size_t>(p) : order[static_cast<std::size_t>(p)]);
        }
    };
    collect(r0, r1, source_->rows(), source_->rowOrder());
    collect(c0, c1, source_->cols(), source_->colOrder());
    selection_->select(picked, add ? Selection::Mode::Add : Selection::Mode::Replace);
}

QString HeatmapView::tooltipText(QPointF pos) const {
    const auto cell = cellAt(pos);
    if (!cell) return {};
    const auto [p, q] = *cell;
    const auto stim = [&](std::int64_t d, const std::vector<std::size_t>& order) {
        return order.empty() ? static_cast<std::size_t>(d) : order[static_cast<std::size_t>(d)];
    };
    const std::size_t i = stim(p, source_->rowOrder());
    const std::size_t j = stim(q, source_->colOrder());
    const auto describe = [&](std::size_t s, const Stimuli* labels) {
        QString text = labels != nullptr && s < labels->count
                           ? QString::fromStdString(printable(labels->label(s)))
                           : QStringLiteral("#%1").arg(s);
        if (const CategoryColumn* c = categoryColumn();
            c != nullptr && s < c->codes.size() && c->codes[s] >= 0 &&
            static_cast<std::size_t>(c->codes[s]) < c->categories.size()) {
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(
                printable(c->categories[static_cast<std::size_t>(c->codes[s])])));
        }
        return text;
    };
    QString text = QStringLiteral("row: %1\ncolumn: %2\n").arg(describe(i, stimuli_.get()), describe(j, columnStimuli().get()));
    const int level = currentLevel();
    const tiles::TileKey key{level, (p >> level) / tiles::kTileSize, (q >> level) / tiles::kTileSize};
    const tiles::TilePtr tile = cache_->get(key);
    const QString measure = QString::fromStdString(source_->valueName());
    if (!tile) return text + measure + QStringLiteral(": computing…");
    const float v = tile->at(static_cast<int>((p >> level) % tiles::kTileSize),
                             static_cast<int>((q >> level) % tiles::kTileSize));
    text += QStringLiteral("%1: %2").arg(measure, std::isnan(v) ? QStringLiteral("undefined")
                                                                : QString::number(v, 'g', 5));
    if (level == 0) {
        if (const std::string why = source_->undefinedReason(p, q); !why.empty()) {
            text += QStringLiteral("\n(") + QString::fromStdString(printable(why)) + QLatin1Char(')');
        }
    }
    if (level > 0) {
        const std::string legend = source_->legend();
        text += QStringLiteral("\n(mean over a %1 × %1 block)").arg(1 << level);
        if (!legend.empty()) text += QStringLiteral("\n") + QString::fromStdString(legend);
    }
    return text;
}

bool HeatmapView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = tooltipText(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            // Labels come from files: shown as plain text, never interpreted as markup.
            QToolTip::showText(help->globalPos(), Qt::convertFromPlainText(text, Qt::WhiteSpacePre),
                               this);
        }
        return true;
    }
    return QOpenGLWidget::event(e);
}

void HeatmapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton || !source_) return QOpenGLWidget::mousePressEvent(e);
    const HeatmapLayout l = layout();
    const QPointF pos = e->position();
    dragStart_ = dragLast_ = pos;
    if (l.rowStrip.contains(pos)) {
        drag_ = DragMode::BrushRows;
    } else if (l.colStrip.contains(pos)) {
        drag_ = DragMode::BrushCols;
    } else if (l.matrix.contains(pos)) {
        drag_ = (e->modifiers() & Qt::ShiftModifier) != 0 ? DragMode::BrushRect : DragMode::Pan;
    } else {
        drag_ = DragMode::None;
    }
}

void HeatmapView::mouseMoveEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (drag_ == DragMode::Pan) {
        panByPixels(pos - dragLast_);
    } else if (drag_ != DragMode::None) {
        update();
    }
    dragLast_ = pos;
}

void HeatmapView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QOpenGLWidget::mouseReleaseEvent(e);
    dragLast_ = e->position();
    const DragMode mode = drag_;
    drag_ = DragMode::None;
    if (mode == DragMode::Pan && source_ &&
        (dragLast_ - dragStart_).manhattanLength() < QApplication::startDragDistance()) {
        if (const auto cell = cellAt(dragStart_)) emit cellClicked(cell->first, cell->second);
        return;
    }
    if (mode == DragMode::None || mode == DragMode::Pan || !source_) return;
    const HeatmapLayout l = layout();
    const bool add = (e->modifiers() & Qt::ControlModifier) != 0;
    // Stimuli whose cells the band touches, along each axis.
    const auto span = [](double a, double b) {
        return std::pair{static_cast<std::int64_t>(std::floor(std::min(a, b))),
                         static_cast<std::int64_t>(std::floor(std::max(a, b))) + 1};
    };
    const auto [r0, r1] = span(viewport_.toStimulusY(dragStart_.y() - l.matrix.top()),
                               viewport_.toStimulusY(dragLast_.y() - l.matrix.top()));
    const auto [c0, c1] = span(viewport_.toStimulusX(dragStart_.x() - l.matrix.left()),
                               viewport_.toStimulusX(dragLast_.x() - l.matrix.left()));
    if (mode == DragMode::BrushRows) brushDisplayRanges(r0, r1, 0, 0, add);
    if (mode == DragMode::BrushCols) brushDisplayRanges(0, 0, c0, c1, add);
    if (mode == DragMode::BrushRect) brushDisplayRanges(r0, r1, c0, c1, add);
    update();
}

void HeatmapView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) fitToView();
}

void HeatmapView::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0.0) zoomAbout(std::pow(kZoomStep, steps), e->position());
    e->accept();
}

void HeatmapView::keyPressEvent(QKeyEvent* e) {
    const HeatmapLayout l = layout();
    const QPointF centre = l.matrix.center();
    const double stepX = l.matrix.width() * 0.1;
    const double stepY = l.matrix.height() * 0.1;
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomAbout(kZoomStep, centre); break;
        case Qt::Key_Minus: zoomAbout(1.0 / kZoomStep, centre); break;
        case Qt::Key_Left: panByPixels({stepX, 0}); break;
        case Qt::Key_Right: panByPixels({-stepX, 0}); break;
        case Qt::Key_Up: panByPixels({0, stepY}); break;
        case Qt::Key_Down: panByPixels({0, -stepY}); break;
        case Qt::Key_Home: fitToView(); break;
        case Qt::Key_Escape:
            if (selection_) selection_->clear();
            break;
        default: QOpenGLWidget::keyPressEvent(e); return;
    }
    e->accept();
}

}  // namespace repscope::views
