#pragma once
// The main window's Embedding checks view: the panel in a dock (right side, hidden until asked
// for from the View menu; computed only while shown) and its controller.
#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace repscope::gui {

class AnalysisController;
class EmbeddingController;
class EmbeddingPanel;
class TaskRunner;

class EmbeddingDock : public QObject {
    Q_OBJECT
public:
    EmbeddingDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis);

    [[nodiscard]] QDockWidget* dock() const { return dock_; }
    [[nodiscard]] EmbeddingPanel* panel() const { return panel_; }
    [[nodiscard]] EmbeddingController* controller() const { return controller_; }
    void addViewActions(QMenu* menu);

private:
    EmbeddingPanel* panel_;
    EmbeddingController* controller_;
    QDockWidget* dock_ = nullptr;
};

}  // namespace repscope::gui
