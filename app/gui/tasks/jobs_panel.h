#pragma once
// The Jobs dock: every queued and running background task with its progress and its own Cancel
// button, and Cancel all. Follows TaskRunner::jobsChanged.
#include <QWidget>
#include <vector>

#include "gui/tasks/task_runner.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace repscope::gui {

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    JobsPanel(TaskRunner* runner, QWidget* parent);

    // Rows shown now (tests): one per queued or running task.
    [[nodiscard]] int rowCount() const { return static_cast<int>(rows_.size()); }

private:
    struct Row {
        TaskRunner::TaskId id = 0;
        QWidget* widget = nullptr;
        QLabel* label = nullptr;
        QProgressBar* bar = nullptr;
        QPushButton* cancel = nullptr;
    };
    void refresh();
    Row makeRow(const TaskRunner::Job& job);
    static void updateRow(Row& row, const TaskRunner::Job& job);

    TaskRunner* runner_;
    QVBoxLayout* list_;
    QLabel* idle_;
    QPushButton* cancelAll_;
    std::vector<Row> rows_;
};

}  // namespace repscope::gui
