#include "repscope/views/chart_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTextDocument>
#include <QToolTip>
#include <algorithm>

namespace repscope::views {

ChartView::ChartView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, true);
}

void ChartView::setContent(ChartContent content) {
    content_ = std::move(content);
    hover_.reset();
    update();
}

void ChartView::setOverlayText(const QString& text) {
    if (overlay_ == text) return;
    overlay_ = text;
    update();
}

QRectF ChartView::chartArea() const { return QRectF(rect()).adjusted(8, 4, -8, -4); }

ChartGeometry ChartView::chartGeometry() const { return layoutChart(content_, chartArea()); }

const ChartItem* ChartView::itemOf(const ChartHit& hit) const {
    if (content_.kind == ChartKind::Bars) {
        return hit.index < content_.bars.size() ? &content_.bars[hit.index] : nullptr;
    }
    if (hit.series >= content_.series.size()) return nullptr;
    const auto& points = content_.series[hit.series].points;
    return hit.index < points.size() ? &points[hit.index] : nullptr;
}

QString ChartView::tooltipAt(QPointF at) const {
    const auto hit = hitTestChart(content_, chartGeometry(), at);
    const ChartItem* item = hit ? itemOf(*hit) : nullptr;
    return item ? item->tooltip : QString();
}

void ChartView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    // Nothing to plot (a message instead): no empty axes with a made-up range behind it.
    const bool hasData = !content_.bars.empty() ||
                         std::any_of(content_.series.begin(), content_.series.end(),
                                     [](const ChartSeries& s) { return !s.points.empty(); });
    if (hasData) paintChart(p, content_, chartArea(), hover_);
    if (!overlay_.isEmpty()) {
        p.fillRect(rect(), QColor(255, 255, 255, 170));
        p.setPen(QColor(60, 60, 60));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, overlay_);
    }
}

void ChartView::mouseMoveEvent(QMouseEvent* event) {
    const auto hit = hitTestChart(content_, chartGeometry(), event->position());
    const bool same = hit.has_value() == hover_.has_value() &&
                      (!hit || (hit->series == hover_->series && hit->index == hover_->index));
    if (!same) {
        hover_ = hit;
        update();
    }
    setCursor(hit && itemOf(*hit) && itemOf(*hit)->id >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ChartView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const auto hit = hitTestChart(content_, chartGeometry(), event->position());
    const ChartItem* item = hit ? itemOf(*hit) : nullptr;
    if (item && item->id >= 0) emit itemClicked(item->id);
}

void ChartView::leaveEvent(QEvent*) {
    if (hover_) {
        hover_.reset();
        update();
    }
}

bool ChartView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            // Plain text: labels from files never render as HTML.
            QToolTip::showText(help->globalPos(), Qt::convertFromPlainText(text, Qt::WhiteSpacePre), this);
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace repscope::views
