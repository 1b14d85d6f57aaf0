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
    : QObject(window), dock_(new QDockWidget(tr("Unit matching"), window)),
      panel_(new UnitsPanel(dock_)),
      controller_(new UnitsController(analysis, tasks, panel_, this)) {
    dock_->setObjectName(QStringLiteral("unitsDock"));
    dock_->setWidget(panel_);
    dock_->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    panel_->setMinimumSize(240, 240);
    keepOnScreenWhenShown(window, dock_);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &UnitsController::setActive);
    // Shown for the first time: give it room beside the central views.
    connect(dock_, &QDockWidget::visibilityChanged, this, [this, window](bool visible) {
        if (!visible || sized_ || dock_->isFloating()) return;
        sized_ = true;
        window->resizeDocks({dock_}, {460}, Qt::Horizontal);
    });
}

void UnitsDock::addViewActions(QMenu* menu) {
    QAction* toggle = dockViewAction(dock_, tr("&Unit Matching"), QKeySequence(Qt::CTRL | Qt::Key_U));
    toggle->setToolTip(tr("The focus pair's units matched one-to-one, correlations reordered onto the diagonal"));
    menu->addAction(toggle);
}

}  // namespace repscope::gui
