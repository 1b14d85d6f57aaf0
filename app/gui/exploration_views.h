#pragma once
// The main window's exploration views: the Projection panel (placed by the window next to the
// heatmaps) and the Inspector dock, with their controllers, wired to the analysis controller's
// focus pair and to the window's shared stimulus selection. Keeps this wiring out of
// main_window.cpp.
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace repscope::views {
class SelectionModel;
}

namespace repscope::gui {

class AnalysisController;
class InspectorController;
class InspectorPanel;
class SpectrumController;
class NeighbourhoodColouring;
class ProjectionController;
class ProjectionPanel;
class TaskRunner;

class ExplorationViews : public QObject {
    Q_OBJECT
public:
    ExplorationViews(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis,
                     views::SelectionModel* selection);

    [[nodiscard]] ProjectionPanel* projectionPanel() const { return projectionPanel_; }
    [[nodiscard]] ProjectionController* projection() const { return projection_; }
    [[nodiscard]] InspectorPanel* inspectorPanel() const { return inspectorPanel_; }
    [[nodiscard]] QDockWidget* inspectorDock() const { return inspectorDock_; }
    [[nodiscard]] InspectorController* inspector() const { return inspector_; }
    [[nodiscard]] SpectrumController* spectrum() const { return spectrum_; }
    [[nodiscard]] NeighbourhoodColouring* neighbourhood() const { return neighbourhood_; }
    // View menu entries that show and hide the Projection panel and the Inspector.
    void addViewActions(QMenu* menu);

private:
    ProjectionPanel* projectionPanel_;
    ProjectionController* projection_;
    InspectorPanel* inspectorPanel_;
    QDockWidget* inspectorDock_;
    InspectorController* inspector_;
    SpectrumController* spectrum_;
    NeighbourhoodColouring* neighbourhood_;
};

}  // namespace repscope::gui
