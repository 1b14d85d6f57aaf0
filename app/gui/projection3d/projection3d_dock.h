#pragma once
// The main window's 3-D view: the 3-D panel in a dock next to the 2-D projection (right side,
// hidden until asked for from the View menu, so that nobody waits for 3-D embeddings they do
// not look at), its controller, and the wiring to the shared stimulus selection. Keeps this
// out of main_window.cpp.
#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace repscope::views {
class SelectionModel;
}

namespace repscope::gui {

class AnalysisController;
class Projection3DController;
class Projection3DPanel;
class TaskRunner;

class Projection3DDock : public QObject {
    Q_OBJECT
public:
    // Adds the dock to `window` (hidden).
    Projection3DDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis,
                     views::SelectionModel* selection);

    [[nodiscard]] QDockWidget* dock() const { return dock_; }
    [[nodiscard]] Projection3DPanel* panel() const { return panel_; }
    [[nodiscard]] Projection3DController* controller() const { return controller_; }
    // The View menu entry that shows and hides the 3-D view.
    void addViewActions(QMenu* menu);

private:
    QDockWidget* dock_;
    Projection3DPanel* panel_;
    Projection3DController* controller_;
};

}  // namespace repscope::gui
