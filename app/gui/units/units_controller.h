#pragma once
// Keeps the Unit matching dock on the focus pair: when the pair changes (and the dock is shown)
// it matches the units of A and B in a TaskRunner task — reading both through the shared
// representation cache — and shows the reordered correlations; a newer pair cancels an older
// request.
#include <QObject>
#include <QPointer>
#include <Eigen/Core>
#include <memory>

#include "gui/tasks/task_runner.h"
#include "repscope/tiles/tile_source.h"

namespace repscope::gui {

class AnalysisController;
class UnitsPanel;

// Above this many units on either side the matching (Hungarian, cubic) is not started.
inline constexpr Eigen::Index kMaxMatchedUnits = 2048;

class UnitsController : public QObject {
    Q_OBJECT
public:
    UnitsController(AnalysisController* analysis, TaskRunner* tasks, UnitsPanel* panel, QObject* parent);

    // Work only while the dock is visible; turning it on computes the current pair.
    void setActive(bool active);
    [[nodiscard]] bool active() const { return active_; }

signals:
    void unitsShown();

private:
    void request();

    AnalysisController* analysis_;
    TaskRunner* tasks_;
    UnitsPanel* panel_;
    bool active_ = false;
    bool stale_ = true;
    quint64 requestId_ = 0;
    TaskRunner::TaskId task_ = 0;
};

}  // namespace repscope::gui
