#pragma once
// The main window's Alignment view: the panel in a dock (right side, hidden until asked for from
// the View menu, or until the collection first holds an RDM set: then it opens by itself, so a
// user who drops models and subjects sees the evaluation without asking) and its controller.
#include <QObject>
#include <QString>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace repscope::views {
class SelectionModel;
}

namespace repscope::gui {

class AlignmentController;
class AlignmentPanel;
class AnalysisController;
class TaskRunner;

class AlignmentDock : public QObject {
    Q_OBJECT
public:
    AlignmentDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis,
                  views::SelectionModel* selection);

    [[nodiscard]] QDockWidget* dock() const { return dock_; }
    [[nodiscard]] AlignmentPanel* panel() const { return panel_; }
    [[nodiscard]] AlignmentController* controller() const { return controller_; }
    void addViewActions(QMenu* menu);
    // After the collection changed: lists the targets; opens the dock the first time there is one.
    void collectionChanged();
    // A dropped or opened file of odd-one-out judgements: a target (the dock opens).
    void addTripletFile(const QString& path);

private:
    AlignmentPanel* panel_;
    AlignmentController* controller_;
    QDockWidget* dock_ = nullptr;
    bool hadTarget_ = false;
};

}  // namespace repscope::gui
