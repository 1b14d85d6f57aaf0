#include "gui/tasks/activity_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <algorithm>
#include <cmath>

#include "gui/elided_label.h"
#include "gui/tasks/deferred_progress.h"

namespace repscope::gui {

ActivityWidget::ActivityWidget(QWidget* parent)
    : QWidget(parent), label_(new ElidedLabel(this)), bar_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)) {
    label_->setObjectName(QStringLiteral("activityLabel"));
    // A long activity is cut with "…" at the status bar's edge (whole in its tooltip), never
    // widening the window.
    label_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label_->setMinimumWidth(80);
    bar_->setObjectName(QStringLiteral("activityProgress"));
    bar_->setFixedWidth(220);
    bar_->setTextVisible(false);
    cancel_->setObjectName(QStringLiteral("activityCancel"));
    cancel_->setToolTip(tr("Stop the background work (files being opened are not added)"));
    connect(cancel_, &QPushButton::clicked, this, &ActivityWidget::cancelRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
}

void ActivityWidget::setActivity(const QString& description, double fraction, int pending) {
    QString text = description;
    if (pending > 1) text += tr(" (+%1 queued)").arg(pending - 1);
    label_->setFullText(text);
    if (fraction <= 0.0) {
        bar_->setRange(0, 0);  // busy indicator
    } else {
        bar_->setRange(0, 1000);
        setProgressDeferred(bar_, static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000.0)));
    }
}

}  // namespace repscope::gui
