#pragma once
// Runs blocking core work (opening files, training the demo, analyses) off the GUI thread, one
// task at a time in submission order, and hands each outcome back on the GUI thread.
#include <QObject>
#include <QString>
#include <deque>
#include <functional>
#include <memory>

#include "repscope/progress.h"

class QThreadPool;
class QTimer;

namespace repscope::gui {

struct TaskOutcome {
    bool cancelled = false;  // cancelAll() was called before or while the task ran
    QString error;           // one sentence, empty on success
};

class TaskRunner : public QObject {
    Q_OBJECT
public:
    // Runs on the worker thread; may throw (repscope::Error's what() becomes TaskOutcome::error).
    using Work = std::function<void(Progress&)>;
    // Runs on the GUI thread after the work, whatever happened.
    using Done = std::function<void(const TaskOutcome&)>;

    // Identifies a submitted task for cancel(); never 0.
    using TaskId = quint64;

    explicit TaskRunner(QObject* parent);
    // Cancels what is queued and waits for the running task (core work checks its Progress).
    ~TaskRunner() override;

    TaskId submit(const QString& description, Work work, Done done);
    // Asks one task to stop (nothing when it has finished); its Done sees cancelled = true.
    void cancel(TaskId id);
    // Asks every queued and running task to stop; their Done sees cancelled = true.
    void cancelAll();

    [[nodiscard]] bool isBusy() const { return !tasks_.empty(); }
    [[nodiscard]] int pendingCount() const { return static_cast<int>(tasks_.size()); }

signals:
    void busyChanged(bool busy);
    // While busy, about ten times a second: the running task, its progress (0 when it reports
    // none) and how many tasks are queued or running.
    void activity(const QString& description, double fraction, int pending);

private:
    struct Task {
        TaskId id = 0;
        QString description;
        std::shared_ptr<Progress> progress;
    };
    void finished(const std::shared_ptr<Task>& task, const TaskOutcome& outcome, const Done& done);
    void reportActivity();
    void updateBusy();

    QThreadPool* pool_;
    QTimer* poll_;
    std::deque<std::shared_ptr<Task>> tasks_;  // GUI thread only; the front one is running
    bool busy_ = false;
    TaskId lastId_ = 0;
};

}  // namespace repscope::gui
