#include "gui/tasks/task_runner.h"

#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <exception>

#include "repscope/error.h"

namespace repscope::gui {
namespace {

TaskOutcome runGuarded(const QString& description, Progress& progress, const TaskRunner::Work& work) {
    TaskOutcome outcome;
    if (progress.isCancelled()) {
        outcome.cancelled = true;
        return outcome;
    }
    try {
        work(progress);
        outcome.cancelled = progress.isCancelled();
    } catch (const Cancelled&) {
        outcome.cancelled = true;
    } catch (const Error& e) {
        outcome.error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        outcome.error = QStringLiteral("%1 failed unexpectedly: %2.").arg(description, QString::fromStdString(e.what()));
    } catch (...) {
        outcome.error = QStringLiteral("%1 failed with an unknown error.").arg(description);
    }
    return outcome;
}

}  // namespace

TaskRunner::TaskRunner(QObject* parent)
    : QObject(parent), ordered_(new QThreadPool(this)), concurrent_(new QThreadPool(this)),
      poll_(new QTimer(this)) {
    // Ordered: one worker, so files open in the order they were given.
    ordered_->setMaxThreadCount(1);
    // Concurrent: analyses read immutable snapshots through thread-safe caches (HDF5 itself
    // serialises its calls). Two workers even on two cores: the point is that a short task
    // starts at once, not that long ones finish sooner.
    concurrent_->setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 2, 4));
    poll_->setInterval(100);
    connect(poll_, &QTimer::timeout, this, &TaskRunner::reportActivity);
}

TaskRunner::~TaskRunner() {
    cancelAll();
    // Workers post their outcome to this object: wait while it is still whole.
    ordered_->waitForDone();
    concurrent_->waitForDone();
}

TaskRunner::TaskId TaskRunner::submit(const QString& description, Work work, Done done, Lane lane) {
    auto task = std::make_shared<Task>();
    task->id = ++lastId_;
    task->description = description;
    task->progress = std::make_shared<Progress>();
    tasks_.push_back(task);
    QThreadPool* pool = lane == Lane::Ordered ? ordered_ : concurrent_;
    pool->start([this, task, work = std::move(work), done = std::move(done)]() mutable {
        task->running->store(true);
        const TaskOutcome outcome = runGuarded(task->description, *task->progress, work);
        QMetaObject::invokeMethod(
            this, [this, task, outcome, done = std::move(done)] { finished(task, outcome, done); },
            Qt::QueuedConnection);
    });
    updateBusy();
    reportActivity();
    emit jobsChanged();
    return task->id;
}

std::vector<TaskRunner::Job> TaskRunner::jobs() const {
    std::vector<Job> out;
    out.reserve(tasks_.size());
    for (const std::shared_ptr<Task>& t : tasks_) {
        out.push_back({t->id, t->description, t->progress->fraction(), t->running->load(),
                       t->progress->isCancelled()});
    }
    return out;
}

void TaskRunner::cancel(TaskId id) {
    for (const std::shared_ptr<Task>& task : tasks_) {
        if (task->id == id) task->progress->cancel();
    }
}

void TaskRunner::cancelAll() {
    for (const std::shared_ptr<Task>& task : tasks_) task->progress->cancel();
}

void TaskRunner::finished(const std::shared_ptr<Task>& task, const TaskOutcome& outcome,
                          const Done& done) {
    tasks_.erase(std::remove(tasks_.begin(), tasks_.end(), task), tasks_.end());
    // Done may submit follow-up work (the demo opens its file): only then decide about idleness.
    if (done) done(outcome);
    updateBusy();
    reportActivity();
    emit jobsChanged();
}

void TaskRunner::updateBusy() {
    const bool busy = !tasks_.empty();
    if (busy == busy_) return;
    busy_ = busy;
    if (busy) {
        poll_->start();
    } else {
        poll_->stop();
    }
    emit busyChanged(busy);
}

void TaskRunner::reportActivity() {
    if (tasks_.empty()) return;
    // The status bar shows the oldest running task (or the oldest queued one).
    const auto running = std::find_if(tasks_.begin(), tasks_.end(),
                                      [](const auto& t) { return t->running->load(); });
    const Task& current = running != tasks_.end() ? **running : *tasks_.front();
    emit activity(current.description, current.progress->fraction(), pendingCount());
    emit jobsChanged();
}

}  // namespace repscope::gui
