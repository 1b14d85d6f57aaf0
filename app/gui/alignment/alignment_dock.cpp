#include "gui/alignment/alignment_dock.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

#include "gui/alignment/alignment_controller.h"
#include "gui/alignment/alignment_panel.h"
#include "gui/dock_action.h"

namespace repscope::gui {

AlignmentDock::AlignmentDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis,
                             views::SelectionModel* selection)
    : QObject(window), panel_(new AlignmentPanel(nullptr)),
      controller_(new AlignmentController(analysis, tasks, panel_, selection, this)) {
    panel_->setMinimumSize(300, 320);
    dock_ = addSideDock(window, tr("Alignment"), QStringLiteral("alignmentDock"), panel_, 480);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &AlignmentController::setActive);
}

void AlignmentDock::addViewActions(QMenu* menu) {
    QAction* toggle = dockViewAction(dock_, tr("&Alignment"), QKeySequence(Qt::CTRL | Qt::Key_L));
    toggle->setToolTip(tr("Every model layer evaluated against a subject RDM set or ratings: bars with noise "
                          "ceiling and significance, and the layer profile"));
    menu->addAction(toggle);
}

void AlignmentDock::addTripletFile(const QString& path) {
    controller_->addTripletFile(path);
    if (!hadTarget_) {
        dock_->show();
        dock_->raise();
    }
    hadTarget_ = true;
}

void AlignmentDock::collectionChanged() {
    const std::shared_ptr<const Collection>& c = controller_->collectionOf();
    if (!c || c->files().empty()) controller_->clearTripletFiles();
    const bool hasTarget = controller_->collectionChanged();
    if (hasTarget && !hadTarget_) {
        dock_->show();
        dock_->raise();
    }
    hadTarget_ = hasTarget;
}

}  // namespace repscope::gui
