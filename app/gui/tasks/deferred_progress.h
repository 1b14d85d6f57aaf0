#pragma once
// QProgressBar::setValue repaints the bar at once (a synchronous repaint). In a window with
// OpenGL views that repaint composes the whole window through OpenGL — tens of milliseconds of GUI
// thread under a software rasteriser, ten times a second while work runs. This sets the value
// with updates held back and asks for an ordinary, coalesced update instead.
#include <QProgressBar>

namespace repscope::gui {

inline void setProgressDeferred(QProgressBar* bar, int value) {
    if (bar->value() == value) return;
    bar->setUpdatesEnabled(false);
    bar->setValue(value);
    bar->setUpdatesEnabled(true);  // schedules update(), painted with the next frame
}

}  // namespace repscope::gui
