#include "gui/report/report_export.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <memory>

#include "gui/report/report_dialog.h"
#include "report/report_content.h"
#include "report/report_file.h"
#include "repscope/error.h"

namespace repscope::gui {

ReportExporter::ReportExporter(TaskRunner* tasks, CurrentCollection current, QWidget* window)
    : QObject(window), tasks_(tasks), current_(std::move(current)), window_(window),
      export_(new QAction(tr("Export &Report…"), this)) {
    setObjectName(QStringLiteral("reportExporter"));
    export_->setObjectName(QStringLiteral("exportReportAction"));
    export_->setToolTip(tr("Write an HTML or PDF report: summary, layer matrices, RDMs, projections, provenance"));
    connect(export_, &QAction::triggered, this, &ReportExporter::exportInteractively);
}

TaskRunner::TaskId ReportExporter::exportTo(const QString& path, const std::vector<std::string>& metrics) {
    if (current_().files().empty()) {
        emit message(tr("Nothing to report: no file is open."));
        return 0;
    }
    if (!report::reportFormatOf(path)) {
        emit message(tr("The report must end in .html or .pdf, not %1.").arg(QFileInfo(path).fileName()));
        return 0;
    }
    // The task works on its own copy of the collection: the window may replace its own meanwhile.
    const auto snapshot = std::make_shared<const Collection>(current_());
    report::ReportOptions options;
    options.metrics = metrics;
    const QString name = QFileInfo(path).fileName();
    return tasks_->submit(
        tr("Writing the report %1").arg(name),
        [snapshot, options, path](Progress& progress) {
            const report::Report r = report::buildReport(*snapshot, options, progress);
            progress.throwIfCancelled();
            report::writeReport(r, path);
        },
        [this, path, name](const TaskOutcome& outcome) {
            QString error = outcome.error;
            if (outcome.cancelled) error = tr("Writing the report %1 was cancelled.").arg(name);
            emit message(error.isEmpty() ? tr("Wrote the report %1.").arg(QDir::toNativeSeparators(path)) : error);
            emit finished(path, error);
        });
}

void ReportExporter::exportInteractively() {
    if (current_().files().empty()) {
        emit message(tr("Nothing to report: no file is open."));
        return;
    }
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastReportDir"), QDir::homePath()).toString();
    ReportDialog dialog(QDir(dir).filePath(QStringLiteral("repscope-report.html")), window_);
    if (dialog.exec() != QDialog::Accepted) return;
    settings.setValue(QStringLiteral("lastReportDir"), QFileInfo(dialog.path()).absolutePath());
    exportTo(dialog.path(), dialog.metrics());
}

}  // namespace repscope::gui
