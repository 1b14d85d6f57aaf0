#pragma once
// Runs blocking core work (opening files, training the demo, analyses) off the GUI thread and
// hands each outcome back on the GUI thread. Two lanes: Ordered tasks (opening files) run one at
// a time in submission order; Concurrent tasks (analyses on immutable collection snapshots) run
// side by side on a few workers, so a quick RDM does not wait behind a long layer matrix.
#include <QObject>
#include <QString>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

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

    enum class Lane { Ordered, Concurrent };

    // A queued or running task, for the Jobs panel.
    struct Job {
        TaskId id = 0;
        QString description;
        double fraction = 0.0;  // 0 when the task reports no progress
        bool running = false;
        bool cancelling = false;
    };

    explicit TaskRunner(QObject* parent);
    // Cancels what is queued and waits for the running task (core work checks its Progress).
    ~TaskRunner() override;

    TaskId submit(const QString& description, Work work, Done done, Lane lane = Lane::Concurrent);
    // Asks one task to stop (nothing when it has finished); its Done sees cancelled = true.
    void cancel(TaskId id);
    // Asks every queued and running task to stop; their Done sees cancelled = true.
    void cancelAll();

    [[nodiscard]] bool isBusy() const { return !tasks_.empty(); }
    [[nodiscard]] int pendingCount() const { return static_cast<int>(tasks_.size()); }
    // Queued and running tasks in submission order.
    [[nodiscard]] std::vector<Job> jobs() const;

signals:
    void busyChanged(bool busy);
    // While busy, about ten times a second: the running task, its progress (0 when it reports
    // none) and how many tasks are queued or running.
    void activity(const QString& description, double fraction, int pending);
    // A task was submitted or finished, or (while busy, ten times a second) progress moved.
    void jobsChanged();

private:
    struct Task {
        TaskId id = 0;
        QString description;
        std::shared_ptr<Progress> progress;
        std::shared_ptr<std::atomic<bool>> running = std::make_shared<std::atomic<bool>>(false);
    };
    void finished(const std::shared_ptr<Task>& task, const TaskOutcome& outcome, const Done& done);
    void reportActivity();
    void updateBusy();

    QThreadPool* ordered_;     // one worker
    QThreadPool* concurrent_;  // a few workers
    QTimer* poll_;
    std::deque<std::shared_ptr<Task>> tasks_;  // GUI thread only; submission order
    bool busy_ = false;
    TaskId lastId_ = 0;
};

}  // namespace repscope::gui
