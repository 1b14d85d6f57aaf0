#include "gui/tasks/jobs_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "gui/tasks/deferred_progress.h"

namespace repscope::gui {

JobsPanel::JobsPanel(TaskRunner* runner, QWidget* parent)
    : QWidget(parent), runner_(runner), list_(new QVBoxLayout), idle_(new QLabel(this)),
      cancelAll_(new QPushButton(tr("Cancel all"), this)) {
    auto* content = new QWidget(this);
    list_->setContentsMargins(4, 4, 4, 4);
    list_->setSpacing(6);
    idle_->setText(tr("No background work."));
    idle_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    list_->addWidget(idle_);
    list_->addStretch(1);
    content->setLayout(list_);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancelAll_);
    layout->addLayout(buttons);
    connect(cancelAll_, &QPushButton::clicked, runner_, &TaskRunner::cancelAll);
    connect(runner_, &TaskRunner::jobsChanged, this, &JobsPanel::refresh);
    refresh();
}

JobsPanel::Row JobsPanel::makeRow(const TaskRunner::Job& job) {
    Row row;
    row.id = job.id;
    row.widget = new QWidget;
    row.label = new QLabel(row.widget);
    row.label->setWordWrap(true);
    row.bar = new QProgressBar(row.widget);
    row.bar->setTextVisible(false);
    row.bar->setMaximumHeight(12);
    row.cancel = new QPushButton(tr("Cancel"), row.widget);
    row.cancel->setToolTip(tr("Stop this job; what it computed so far is discarded."));
    const TaskRunner::TaskId id = job.id;
    connect(row.cancel, &QPushButton::clicked, runner_, [this, id] { runner_->cancel(id); });
    auto* grid = new QGridLayout(row.widget);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(row.label, 0, 0);
    grid->addWidget(row.cancel, 0, 1, 2, 1, Qt::AlignVCenter);
    grid->addWidget(row.bar, 1, 0);
    grid->setColumnStretch(0, 1);
    return row;
}

void JobsPanel::updateRow(Row& row, const TaskRunner::Job& job) {
    QString state;
    if (job.cancelling) {
        state = tr("cancelling…");
    } else if (!job.running) {
        state = tr("queued");
    } else if (job.fraction > 0.0) {
        state = QStringLiteral("%1 %").arg(static_cast<int>(std::floor(job.fraction * 100.0)));
    } else {
        state = tr("running");
    }
    row.label->setText(QStringLiteral("%1 <span style='color: gray'>(%2)</span>")
                           .arg(job.description.toHtmlEscaped(), state));
    if (job.running && job.fraction <= 0.0) {
        row.bar->setRange(0, 0);  // busy indicator: the task reports no progress
    } else {
        row.bar->setRange(0, 1000);
        setProgressDeferred(row.bar, static_cast<int>(std::lround(job.fraction * 1000.0)));
    }
    row.cancel->setEnabled(!job.cancelling);
}

void JobsPanel::refresh() {
    const std::vector<TaskRunner::Job> jobs = runner_->jobs();
    bool same = jobs.size() == rows_.size();
    for (std::size_t i = 0; same && i < jobs.size(); ++i) same = jobs[i].id == rows_[i].id;
    if (!same) {
        for (Row& row : rows_) {
            list_->removeWidget(row.widget);
            delete row.widget;
        }
        rows_.clear();
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            rows_.push_back(makeRow(jobs[i]));
            list_->insertWidget(static_cast<int>(i), rows_.back().widget);
        }
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) updateRow(rows_[i], jobs[i]);
    idle_->setVisible(jobs.empty());
    cancelAll_->setEnabled(!jobs.empty());
}

}  // namespace repscope::gui
