#include "gui/dock_action.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QSignalBlocker>
#include <QTimer>
#include <QVariant>
#include <algorithm>

namespace repscope::gui {

QDockWidget* addSideDock(QMainWindow* window, const QString& title, const QString& objectName, QWidget* panel,
                         int firstWidth) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(objectName);
    panel->setParent(dock);
    dock->setWidget(panel);
    dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    keepOnScreenWhenShown(window, dock);
    auto sized = std::make_shared<bool>(false);
    QObject::connect(dock, &QDockWidget::visibilityChanged, dock, [window, dock, firstWidth, sized](bool visible) {
        if (!visible || *sized || dock->isFloating()) return;
        *sized = true;
        window->resizeDocks({dock}, {firstWidth}, Qt::Horizontal);
    });
    return dock;
}

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

namespace {
const char* const kPreferredWidth = "repscopePreferredWidth";
}  // namespace

void setPreferredWidth(QDockWidget* dock, int width) { dock->setProperty(kPreferredWidth, width); }

void keepOnScreenWhenShown(QMainWindow* window, QDockWidget* dock) {
    QObject::connect(dock, &QDockWidget::visibilityChanged, window, [window, dock](bool visible) {
        if (dock->isFloating()) return;
        const Qt::DockWidgetArea area = window->dockWidgetArea(dock);
        if (!visible) {
            // Closed: the docks it squeezed get their width back once nothing is open beside them.
            QTimer::singleShot(0, window, [window, area] {
                QList<QDockWidget*> docks;
                QList<int> widths;
                for (QDockWidget* other : window->findChildren<QDockWidget*>()) {
                    if (window->dockWidgetArea(other) == area && other->isVisible() && !other->isFloating()) return;
                }
                for (QDockWidget* other : window->findChildren<QDockWidget*>()) {
                    const int preferred = other->property(kPreferredWidth).toInt();
                    if (other->isHidden() || other->isFloating() || other->width() >= preferred) continue;
                    docks << other;
                    widths << preferred;
                }
                if (!docks.isEmpty()) window->resizeDocks(docks, widths, Qt::Horizontal);
            });
            return;
        }

        // Beside the docks already open when the window has room for it at its present width;
        // else a tab of one of them (the window never grows to make room).
        // (The window's minimum may not count the new dock yet: it is added, erring towards tabs.)
        if (window->tabifiedDockWidgets(dock).isEmpty() &&
            window->minimumSizeHint().width() + dock->minimumSizeHint().width() + 8 > window->width()) {
            for (QDockWidget* other : window->findChildren<QDockWidget*>()) {
                if (other == dock || other->isHidden() || other->isFloating() ||
                    window->dockWidgetArea(other) != area) {
                    continue;
                }
                window->tabifyDockWidget(other, dock);
                dock->raise();
                break;
            }
        }
        QTimer::singleShot(0, window, [window] { clampToScreen(window); });
    });
}

void clampToScreen(QMainWindow* window) {
    if (window->isMaximized() || window->isFullScreen() || window->screen() == nullptr) return;
    const QRect available = window->screen()->availableGeometry();
    const QRect frame = window->frameGeometry();
    const int extraW = frame.width() - window->width();
    const int extraH = frame.height() - window->height();
    const QSize fitted(std::min(window->width(), available.width() - extraW),
                       std::min(window->height(), available.height() - extraH));
    if (fitted != window->size()) window->resize(fitted.expandedTo(window->minimumSizeHint()));
    QRect now = window->frameGeometry();
    const int dx = now.right() > available.right() ? available.right() - now.right() : 0;
    const int dy = now.bottom() > available.bottom() ? available.bottom() - now.bottom() : 0;
    if (dx != 0 || dy != 0) window->move(window->pos() + QPoint(std::max(dx, available.left() - now.left()),
                                                                std::max(dy, available.top() - now.top())));
}

}  // namespace repscope::gui
