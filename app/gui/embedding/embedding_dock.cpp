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
    : QObject(window), panel_(new EmbeddingPanel(nullptr)),
      controller_(new EmbeddingController(analysis, tasks, panel_, this)) {
    panel_->setMinimumSize(300, 320);
    dock_ = addSideDock(window, tr("Embedding checks"), QStringLiteral("embeddingDock"), panel_, 480);
    connect(dock_, &QDockWidget::visibilityChanged, controller_, &EmbeddingController::setActive);
}

void EmbeddingDock::addViewActions(QMenu* menu) {
    QAction* toggle = dockViewAction(dock_, tr("&Embedding Checks"), QKeySequence(Qt::CTRL | Qt::Key_K));
    toggle->setToolTip(tr("Is the new model (B) backward compatible with the old one (A)? How many leading "
                          "dimensions keep its geometry? What drives its variance?"));
    menu->addAction(toggle);
}

}  // namespace repscope::gui
