#include "gui/task_runner.h"

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
    : QObject(parent), pool_(new QThreadPool(this)), poll_(new QTimer(this)) {
    // One worker: tasks finish in the order they were given, and HDF5 work is never concurrent.
    pool_->setMaxThreadCount(1);
    poll_->setInterval(100);
    connect(poll_, &QTimer::timeout, this, &TaskRunner::reportActivity);
}

TaskRunner::~TaskRunner() {
    cancelAll();
    // Workers post their outcome to this object: wait while it is still whole.
    pool_->waitForDone();
}

TaskRunner::TaskId TaskRunner::submit(const QString& description, Work work, Done done) {
    auto task = std::make_shared<Task>(Task{++lastId_, description, std::make_shared<Progress>()});
    tasks_.push_back(task);
    pool_->start([this, task, work = std::move(work), done = std::move(done)]() mutable {
        const TaskOutcome outcome = runGuarded(task->description, *task->progress, work);
        QMetaObject::invokeMethod(
            this, [this, task, outcome, done = std::move(done)] { finished(task, outcome, done); },
            Qt::QueuedConnection);
    });
    updateBusy();
    reportActivity();
    return task->id;
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
    const Task& current = *tasks_.front();
    emit activity(current.description, current.progress->fraction(), pendingCount());
}

}  // namespace repscope::gui
