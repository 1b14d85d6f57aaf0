#include "gui/embedding/embedding_dock.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

#include "gui/dock_action.h"
#include "gui/embedding/embedding_controller.h"
#include "gui/embedding/embedding_panel.h"

namespace repscope::gui {

EmbeddingDock::EmbeddingDock(QMainWindow* window, TaskRunner* tasks, AnalysisController* analysis)
    : QObject(window), window_(window), dock_(new QDockWidget(tr("Embedding checks"), window)),
      panel_(new EmbeddingPanel(dock_)),
      controller_(new EmbeddingController(analysis, tasks, panel_, this)) {
    dock_->setObjectName(QStringLiteral("embeddingDock"));
    dock_->setWidget(panel_);
    dock_->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    panel_->setMinimumSize(300, 320);
    keepOnScreenWhenShown(window, dock_);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &EmbeddingController::setActive);
    connect(dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible || sized_ || dock_->isFloating()) return;
        sized_ = true;
        window_->resizeDocks({dock_}, {480}, Qt::Horizontal);
    });
}

void EmbeddingDock::addViewActions(QMenu* menu) {
    QAction* toggle = dockViewAction(dock_, tr("&Embedding Checks"), QKeySequence(Qt::CTRL | Qt::Key_K));
    toggle->setToolTip(tr("Is the new model (B) backward compatible with the old one (A)? How many leading "
                          "dimensions keep its geometry? What drives its variance?"));
    menu->addAction(toggle);
}

}  // namespace repscope::gui
