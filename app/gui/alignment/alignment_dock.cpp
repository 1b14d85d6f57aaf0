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
    : QObject(window), window_(window), dock_(new QDockWidget(tr("Alignment"), window)),
      panel_(new AlignmentPanel(dock_)),
      controller_(new AlignmentController(analysis, tasks, panel_, selection, this)) {
    dock_->setObjectName(QStringLiteral("alignmentDock"));
    dock_->setWidget(panel_);
    dock_->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    panel_->setMinimumSize(300, 320);
    keepOnScreenWhenShown(window, dock_);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &AlignmentController::setActive);
    connect(dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible || sized_ || dock_->isFloating()) return;
        sized_ = true;
        window_->resizeDocks({dock_}, {480}, Qt::Horizontal);
    });
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
