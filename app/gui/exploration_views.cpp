#include "gui/exploration_views.h"

#include <QAction>
#include <QDockWidget>

#include "gui/dock_action.h"
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>

#include "gui/inspector/inspector_controller.h"
#include "gui/inspector/inspector_panel.h"
#include "gui/inspector/spectrum_controller.h"
#include "gui/projection/neighbourhood_colouring.h"
#include "gui/projection/projection_controller.h"
#include "gui/projection/projection_panel.h"
#include "repscope/views/projection_view.h"

namespace repscope::gui {

ExplorationViews::ExplorationViews(QMainWindow* window, TaskRunner* tasks,
                                   AnalysisController* analysis, views::SelectionModel* selection)
    : QObject(window),
      projectionPanel_(new ProjectionPanel(window)),
      projection_(new ProjectionController(tasks, analysis, projectionPanel_, this)),
      inspectorPanel_(new InspectorPanel(window)),
      inspectorDock_(new QDockWidget(tr("Inspector"), window)),
      inspector_(new InspectorController(tasks, analysis, inspectorPanel_, this)),
      spectrum_(new SpectrumController(tasks, analysis, inspectorPanel_->spectrumSection(), this)),
      neighbourhood_(new NeighbourhoodColouring(tasks, analysis, projectionPanel_, this)) {
    projectionPanel_->view()->setSelectionModel(selection);
    inspectorPanel_->setSelectionModel(selection);
    inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock_->setWidget(inspectorPanel_);
    inspectorDock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    // The spectrum of A is computed only while the Inspector is on screen.
    connect(inspectorDock_, &QDockWidget::visibilityChanged, spectrum_, &SpectrumController::setActive);
    // A click on a point shows its neighbours.
    connect(projectionPanel_->view(), &views::ProjectionView::pointClicked, inspectorPanel_,
            [this](qint64 stimulus) {
                if (stimulus >= 0) inspectorPanel_->chooseStimulus(static_cast<std::size_t>(stimulus));
            });
}

void ExplorationViews::addViewActions(QMenu* menu) {
    QAction* projection = menu->addAction(tr("&Projection Panel"));
    projection->setCheckable(true);
    projection->setChecked(true);
    connect(projection, &QAction::toggled, projectionPanel_, &QWidget::setVisible);
    // Brings the Inspector to the front when it is a background tab (see dock_action.h).
    menu->addAction(dockViewAction(inspectorDock_, tr("&Inspector"), QKeySequence(Qt::CTRL | Qt::Key_I)));
}

}  // namespace repscope::gui
