#pragma once
// File ▸ Export Report…: asks where to write the report and which metrics it holds
// (ReportDialog), then builds and writes it as a background task on the window's TaskRunner
// from a snapshot of the current collection; the status bar says when it is written or why not.
#include <QObject>
#include <QString>
#include <functional>
#include <string>
#include <vector>

#include "gui/tasks/task_runner.h"
#include "repscope/collection.h"

class QAction;
class QWidget;

namespace repscope::gui {

class ReportExporter : public QObject {
    Q_OBJECT
public:
    using CurrentCollection = std::function<const Collection&()>;

    // `window` parents the dialog and owns this object.
    ReportExporter(TaskRunner* tasks, CurrentCollection current, QWidget* window);

    [[nodiscard]] QAction* exportAction() const { return export_; }

    // Submits the report of the current collection to `path` (.html or .pdf) with these metrics
    // (empty: the defaults). Returns the task's id, or 0 when nothing was submitted (no file open,
    // bad suffix; message() says why).
    TaskRunner::TaskId exportTo(const QString& path, const std::vector<std::string>& metrics);

signals:
    // A line for the status bar (what was written, or why not).
    void message(const QString& text);
    // After a submitted report task ended; `error` is empty when the file was written.
    void finished(const QString& path, const QString& error);

private:
    void exportInteractively();

    TaskRunner* tasks_;
    CurrentCollection current_;
    QWidget* window_;
    QAction* export_;
};

}  // namespace repscope::gui
