#include "gui/units/units_dock.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

#include "gui/dock_action.h"
#include "gui/units/units_controller.h"
#include "gui/units/units_panel.h"

namespace repscope::gui {

UnitsDock::UnitsDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis)
    : QObject(window), panel_(new UnitsPanel(nullptr)),
      controller_(new UnitsController(analysis, tasks, panel_, this)) {
    panel_->setMinimumSize(240, 240);
    dock_ = addSideDock(window, tr("Unit matching"), QStringLiteral("unitsDock"), panel_, 460);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &UnitsController::setActive);
}

void UnitsDock::addViewActions(QMenu* menu) {
    QAction* toggle = dockViewAction(dock_, tr("&Unit Matching"), QKeySequence(Qt::CTRL | Qt::Key_U));
    toggle->setToolTip(tr("The focus pair's units matched one-to-one, correlations reordered onto the diagonal"));
    menu->addAction(toggle);
}

}  // namespace repscope::gui
