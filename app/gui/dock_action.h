#pragma once
// A View-menu action for a dock that does what its shortcut promises: shows the dock when it is
// hidden, brings it to the front when it is a background tab (where Qt's toggle action would
// hide it), and hides it only when it is in front.
#include <QKeySequence>
#include <QString>

class QAction;
class QDockWidget;

namespace repscope::gui {

[[nodiscard]] QAction* dockViewAction(QDockWidget* dock, const QString& text,
                                      const QKeySequence& shortcut);

}  // namespace repscope::gui
