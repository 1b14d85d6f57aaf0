#include "gui/dock_action.h"

#include <QAction>
#include <QDockWidget>
#include <QSignalBlocker>

namespace repscope::gui {

QAction* dockViewAction(QDockWidget* dock, const QString& text, const QKeySequence& shortcut) {
    auto* action = new QAction(text, dock);
    action->setObjectName(dock->objectName() + QStringLiteral("ViewAction"));
    action->setCheckable(true);
    action->setChecked(!dock->isHidden());
    action->setShortcut(shortcut);
    // Follows the dock when it is closed or shown some other way (its title bar, a session).
    QObject::connect(dock->toggleViewAction(), &QAction::toggled, action, [action](bool on) {
        const QSignalBlocker block(action);
        action->setChecked(on);
    });
    QObject::connect(action, &QAction::triggered, dock, [dock, action] {
        if (dock->isHidden()) {
            dock->show();
            dock->raise();
        } else if (dock->visibleRegion().isEmpty()) {
            dock->raise();  // a background tab: to the front, not away
        } else {
            dock->hide();
        }
        const QSignalBlocker block(action);
        action->setChecked(!dock->isHidden());
    });
    return action;
}

}  // namespace repscope::gui
