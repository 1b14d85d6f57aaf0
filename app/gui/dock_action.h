#pragma once
// A View-menu action for a dock that does what its shortcut promises: shows the dock when it is
// hidden, brings it to the front when it is a background tab (where Qt's toggle action would
// hide it), and hides it only when it is in front.
#include <QKeySequence>
#include <QString>

class QAction;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace repscope::gui {

[[nodiscard]] QAction* dockViewAction(QDockWidget* dock, const QString& text,
                                      const QKeySequence& shortcut);

// Keeps the window on its screen when `dock` is shown: in an area where another dock is already
// open (not floating) and the window has no room for both side by side at its present width, it
// opens as a tab of that dock, in front; and a window that grew
// past the screen's available area is brought back inside it (as far as minimum sizes allow).
// When the last dock of its area closes, docks it squeezed get their preferred width back.
void keepOnScreenWhenShown(QMainWindow* window, QDockWidget* dock);
// The width a dock returns to when side docks beside it close (see keepOnScreenWhenShown).
void setPreferredWidth(QDockWidget* dock, int width);
// Shrinks and moves the window into its screen's available area.
void clampToScreen(QMainWindow* window);

// A dock on the right of `window` holding `panel` (hidden until asked for), kept on screen as
// keepOnScreenWhenShown says, `firstWidth` wide the first time it is shown beside the views.
[[nodiscard]] QDockWidget* addSideDock(QMainWindow* window, const QString& title, const QString& objectName,
                                       QWidget* panel, int firstWidth);

}  // namespace repscope::gui
