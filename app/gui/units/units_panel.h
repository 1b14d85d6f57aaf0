#pragma once
// The Unit matching dock: the focus pair's unit×unit correlation heatmap with units matched
// one-to-one (Hungarian) and reordered so that matched pairs lie on the diagonal, strongest
// first; a note with the score and what was left out.
#include <QWidget>
#include <memory>

#include "repscope/tiles/tile_source.h"

class QLabel;

namespace repscope::views {
class HeatmapView;
}

namespace repscope::gui {

class UnitsPanel : public QWidget {
    Q_OBJECT
public:
    explicit UnitsPanel(QWidget* parent);

    void setTitle(const QString& text);
    void setNote(const QString& text);
    [[nodiscard]] QString note() const;
    void showMatrix(std::shared_ptr<const tiles::TileSource> source);
    void clearMatrix();
    [[nodiscard]] views::HeatmapView* view() const { return view_; }

private:
    QLabel* title_;
    views::HeatmapView* view_;
    QLabel* note_;
};

}  // namespace repscope::gui
