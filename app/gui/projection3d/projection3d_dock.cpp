#include "gui/projection3d/projection3d_dock.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>

#include "gui/dock_action.h"
#include "gui/projection3d/projection3d_controller.h"
#include "gui/projection3d/projection3d_panel.h"
#include "repscope/views/scatter3d_view.h"

namespace repscope::gui {

Projection3DDock::Projection3DDock(QMainWindow* window, TaskRunner* tasks,
                                   AnalysisController* analysis, views::SelectionModel* selection)
    : QObject(window),
      dock_(new QDockWidget(tr("3-D View"), window)),
      panel_(new Projection3DPanel(dock_)),
      controller_(new Projection3DController(tasks, analysis, panel_, this)) {
    dock_->setObjectName(QStringLiteral("projection3dDock"));
    dock_->setWidget(panel_);
    dock_->setAllowedAreas(Qt::AllDockWidgetAreas);
    panel_->view()->setSelectionModel(selection);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    keepOnScreenWhenShown(window, dock_);
    // Computed while on screen only.
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &Projection3DController::setActive);
}

void Projection3DDock::addViewActions(QMenu* menu) {
    menu->addAction(dockViewAction(dock_, tr("&3-D View"), QKeySequence(Qt::CTRL | Qt::Key_3)));
}

}  // namespace repscope::gui
