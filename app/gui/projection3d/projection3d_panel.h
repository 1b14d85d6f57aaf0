#pragma once
// The "3-D" panel: a 3-D projection of one side of the focus pair (A or B, a toggle) in a
// Scatter3DView, with the method (PCA, MDS, t-SNE, UMAP), the column that colours the points, a
// toggle for the representational trajectories of the selected stimuli through the model's
// layers, a button that fits the camera, and a note line (progress, errors).
// Projection3DController computes what the panel asks for.
#include <QString>
#include <QStringList>
#include <QWidget>

#include "gui/projection/projection_tasks.h"
#include "gui/analysis/rdm_panel.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace repscope::views {
class Scatter3DView;
}

namespace repscope::gui {

class Projection3DPanel : public QWidget {
    Q_OBJECT
public:
    explicit Projection3DPanel(QWidget* parent);

    [[nodiscard]] ProjectionMethod method() const;
    void setMethod(ProjectionMethod method);
    [[nodiscard]] FocusSide side() const;
    // Checks the side's button without emitting sideChanged.
    void setSide(FocusSide side);
    void setFocusNames(const QString& a, const QString& b);

    // The category columns offered for colouring ("" = none) and the one chosen; emits nothing.
    void setColourColumns(const QStringList& columns, const QString& current);
    [[nodiscard]] QString colourColumn() const;

    void setNote(const QString& text);
    [[nodiscard]] QString note() const;

    [[nodiscard]] views::Scatter3DView* view() const { return view_; }
    [[nodiscard]] QToolButton* trajectoriesButton() const { return trajectoriesButton_; }

signals:
    void methodChanged();
    void sideChanged(repscope::gui::FocusSide side);

private:
    void updateFocusLabel();

    QComboBox* methodCombo_;
    QComboBox* colourCombo_;
    QToolButton* trajectoriesButton_;
    QToolButton* fitButton_;
    QToolButton* aButton_;
    QToolButton* bButton_;
    QLabel* focus_;
    views::Scatter3DView* view_;
    QLabel* note_;
    QString nameA_;
    QString nameB_;
};

}  // namespace repscope::gui
