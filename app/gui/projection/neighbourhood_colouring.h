#pragma once
// Colours the projection by how much each stimulus's neighbourhood changed between focus A and
// focus B: the share of its k = 10 nearest neighbours (cosine; metrics/knn.h) that A and B have
// in common, computed in a TaskRunner task while the panel asks for it, again when the focus
// pair changes (a newer pair cancels an older request).
#include <QObject>

#include "gui/tasks/task_runner.h"

namespace repscope::gui {

class AnalysisController;
class ProjectionPanel;

inline constexpr int kNeighbourhoodK = 10;

class NeighbourhoodColouring : public QObject {
    Q_OBJECT
public:
    NeighbourhoodColouring(TaskRunner* tasks, AnalysisController* analysis, ProjectionPanel* panel,
                           QObject* parent);

signals:
    void coloured();  // values were handed to the view

private:
    void request();

    TaskRunner* tasks_;
    AnalysisController* analysis_;
    ProjectionPanel* panel_;
    quint64 requestId_ = 0;
    TaskRunner::TaskId task_ = 0;
};

}  // namespace repscope::gui
