#pragma once
// The main window's Unit matching view: the units panel in a dock (right side, hidden until
// asked for from the View menu — matching units is cubic in their number, so it runs only while
// the dock is shown) and its controller. Keeps this out of main_window.cpp.
#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace repscope::gui {

class AnalysisController;
class TaskRunner;
class UnitsController;
class UnitsPanel;

class UnitsDock : public QObject {
    Q_OBJECT
public:
    // Adds the dock to `window` (hidden).
    UnitsDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis);

    [[nodiscard]] QDockWidget* dock() const { return dock_; }
    [[nodiscard]] UnitsPanel* panel() const { return panel_; }
    [[nodiscard]] UnitsController* controller() const { return controller_; }
    void addViewActions(QMenu* menu);

private:
    UnitsPanel* panel_;
    UnitsController* controller_;
    QDockWidget* dock_ = nullptr;
};

}  // namespace repscope::gui
