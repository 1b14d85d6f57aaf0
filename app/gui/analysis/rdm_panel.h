#pragma once
// The "RDM" panel: the RDM of one side of the focus pair (A or B, a toggle; T: the Alignment
// view's target when it has one) in a HeatmapView,
// with its RDM measure, stimulus ordering, colormap and colour range (whole matrix or fitted to
// the zoomed view), the focus pair's names, and a note line.
// The colormap is applied here; the measure, ordering and side are requests that
// AnalysisController computes in the background and hands back through showRdm().
#include <QString>
#include <QWidget>
#include <memory>
#include <string>

#include "gui/analysis/focus_side.h"
#include "repscope/metrics/rdm.h"
#include "repscope/order/seriation.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace repscope::views {
class HeatmapView;
}

namespace repscope::gui {

class RdmPanel : public QWidget {
    Q_OBJECT
public:
    explicit RdmPanel(QWidget* parent);

    [[nodiscard]] metrics::RdmMeasure measure() const;
    [[nodiscard]] order::OrderingMethod ordering() const;
    // "original order", "grouped by category", "clustered order": for status lines.
    [[nodiscard]] QString orderingText() const;
    [[nodiscard]] FocusSide side() const;
    // Checks the side's button without emitting sideChanged.
    void setSide(FocusSide side);
    // The focus pair's names (B may be empty when there is one representation).
    void setFocusNames(const QString& a, const QString& b);
    // The alignment target the "T" side shows (the Alignment view sets it; empty hides T).
    void setTargetName(const QString& name);
    // Checks T without emitting sideChanged (a request from a controller).
    void showTarget();
    // T is checked: the view shows the alignment target, not side().
    [[nodiscard]] bool targetShown() const;
    [[nodiscard]] const QString& targetName() const { return targetName_; }
    // Precomputed RDMs have no measure to choose.
    void setMeasureEnabled(bool enabled);

    void showRdm(std::shared_ptr<const tiles::TileSource> source,
                 std::shared_ptr<const Stimuli> stimuli, const std::string& categoryColumn);
    void clearRdm();
    void setNote(const QString& text);
    [[nodiscard]] QString note() const;

    [[nodiscard]] views::HeatmapView* view() const { return view_; }
    [[nodiscard]] QLabel* focusLabel() const { return focus_; }

signals:
    // The measure or the ordering changed.
    void settingsChanged();
    // The A/B toggle changed.
    void sideChanged(repscope::gui::FocusSide side);

private:
    void updateFocusLabel();

    QComboBox* measureCombo_;
    QComboBox* orderingCombo_;
    QComboBox* colormapCombo_;
    QToolButton* fitButton_;  // checked: colours fitted to the zoomed view, else the whole matrix
    QToolButton* aButton_;
    QToolButton* bButton_;
    QToolButton* tButton_;  // the alignment target; hidden while there is none
    QLabel* focus_;
    views::HeatmapView* view_;
    QLabel* note_;
    QString nameA_;
    QString nameB_;
    QString targetName_;
};

}  // namespace repscope::gui
