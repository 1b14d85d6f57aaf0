#pragma once
// A chart (chart.h) on screen: painted with QPainter from the same layout as figures, with the
// item under the mouse highlighted (its per-subject dots shown) and its tooltip, and a click
// handing back the item's id. Shared by the dock views that draw bars and lines.
#include <QString>
#include <QWidget>
#include <optional>

#include "repscope/views/chart.h"

namespace repscope::views {

class ChartView : public QWidget {
    Q_OBJECT
public:
    explicit ChartView(QWidget* parent = nullptr);

    void setContent(ChartContent content);
    [[nodiscard]] const ChartContent& content() const { return content_; }
    // The layout of the content in the widget as it is now.
    [[nodiscard]] ChartGeometry chartGeometry() const;
    // Text shown over the chart (dimming it) while it is out of date, e.g. "computing…"; empty:
    // none.
    void setOverlayText(const QString& text);
    [[nodiscard]] QString overlayText() const { return overlay_; }
    // The item drawn highlighted (hovered).
    [[nodiscard]] std::optional<ChartHit> highlighted() const { return hover_; }
    // The plain-text tooltip of an item (empty when there is none).
    [[nodiscard]] QString tooltipAt(QPointF at) const;

    [[nodiscard]] QSize minimumSizeHint() const override { return {220, 160}; }
    [[nodiscard]] QSize sizeHint() const override { return {420, 360}; }

signals:
    // A bar or point was clicked: its ChartItem::id.
    void itemClicked(int id);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    [[nodiscard]] QRectF chartArea() const;
    [[nodiscard]] const ChartItem* itemOf(const ChartHit& hit) const;

    ChartContent content_;
    QString overlay_;
    std::optional<ChartHit> hover_;
};

}  // namespace repscope::views
