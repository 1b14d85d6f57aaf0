#pragma once
// Wires the Inspector to the open collection and the focus pair: it hands the panel the
// collection's stimuli, and computes the chosen stimulus's nearest neighbours in A and in B as
// a TaskRunner task (representations come from the shared cache; a newer request cancels the
// older task and drops its late result).
#include <QObject>
#include <QPointer>
#include <memory>

#include "gui/tasks/task_runner.h"
#include "repscope/collection.h"

namespace repscope::gui {

class AnalysisController;
class InspectorPanel;

class InspectorController : public QObject {
    Q_OBJECT
public:
    InspectorController(TaskRunner* tasks, AnalysisController* analysis, InspectorPanel* panel,
                        QObject* parent);
    ~InspectorController() override;
    InspectorController(const InspectorController&) = delete;
    InspectorController& operator=(const InspectorController&) = delete;

    static constexpr int kNeighbours = 10;

signals:
    // After neighbours were put on screen.
    void neighboursShown();

private:
    void focusChanged();
    void requestNeighbours();

    QPointer<TaskRunner> tasks_;
    AnalysisController* analysis_;
    InspectorPanel* panel_;
    std::shared_ptr<const Collection> collection_;
    TaskRunner::TaskId task_ = 0;
    quint64 request_ = 0;
};

}  // namespace repscope::gui
