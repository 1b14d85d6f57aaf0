#pragma once
// The "Projection" panel: a 2-D projection of one side of the focus pair (A or B, a toggle) in a
// ProjectionView, with the method (PCA, MDS, t-SNE, UMAP), the column that colours the points,
// a lasso toggle, a layer slider that moves through the layers of the shown representation's
// model, and a note line. ProjectionController computes what the panel asks for.
#include <QString>
#include <QStringList>
#include <QWidget>

#include "gui/projection/projection_tasks.h"
#include "gui/analysis/rdm_panel.h"

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace repscope::views {
class ProjectionView;
}

namespace repscope::gui {

class ElidedLabel;

class StaleOverlay;

class ProjectionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProjectionPanel(QWidget* parent);

    [[nodiscard]] ProjectionMethod method() const;
    void setMethod(ProjectionMethod method);
    [[nodiscard]] FocusSide side() const;
    // Checks the side's button without emitting sideChanged.
    void setSide(FocusSide side);
    void setFocusNames(const QString& a, const QString& b);

    // The category columns offered for colouring ("" = none) and the one chosen, without
    // emitting colourColumnChanged.
    void setColourColumns(const QStringList& columns, const QString& current);
    [[nodiscard]] QString colourColumn() const;
    // "Colour by" is the per-stimulus neighbourhood change between A and B (not a column).
    [[nodiscard]] bool colourByNeighbourhood() const;

    // The layers the slider moves through (names), the one at the slider, and whether moving is
    // possible yet (the aligned layers are computed after the first projection). Emits nothing.
    void setLayers(const QStringList& names, int current, bool enabled);
    [[nodiscard]] int layer() const;
    [[nodiscard]] QSlider* layerSlider() const { return slider_; }

    void setNote(const QString& text);
    [[nodiscard]] QString note() const;

    // What the points on screen are ("mlp_a/hidden1", "PCA"): the title names them, whatever
    // the side, method or slider say while something else computes. Empty: nothing shown.
    void setShown(const QString& representation, const QString& method);
    [[nodiscard]] QString shownMethod() const { return shownMethod_; }
    // The name of what the points show (with a prefix, if any); empty when none.
    [[nodiscard]] QString shownName() const { return shownName_; }
    // Something else is being computed: the shown points are dimmed under a banner naming both.
    void setPending(const QString& text);
    void clearPending();
    [[nodiscard]] bool isPending() const;
    // Puts the method chooser back to the shown method without emitting methodChanged (after a
    // cancelled computation).
    void revertMethod();

    [[nodiscard]] views::ProjectionView* view() const { return view_; }
    [[nodiscard]] QLabel* focusLabel() const { return focus_; }

signals:
    void methodChanged();
    void colourColumnChanged(const QString& column);
    // The user chose (true) or left (false) colouring by neighbourhood change.
    void neighbourhoodColouringChanged(bool on);
    void sideChanged(repscope::gui::FocusSide side);
    // The user moved the layer slider.
    void layerChanged(int layer);

private:
    void updateFocusLabel();
    void updateLayerLabel();

    QComboBox* methodCombo_;
    QComboBox* colourCombo_;
    QToolButton* lassoButton_;
    QToolButton* aButton_;
    QToolButton* bButton_;
    QLabel* focus_;
    QSlider* slider_;
    ElidedLabel* layerLabel_;
    views::ProjectionView* view_;
    QLabel* note_;
    QString nameA_;
    QString nameB_;
    QString shownName_;
    QString shownMethod_;
    StaleOverlay* pending_;
    QStringList layerNames_;
};

}  // namespace repscope::gui
