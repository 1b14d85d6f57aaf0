#pragma once
// Entry point of the desktop application (called by app/main.cpp when no sub-command is given).

namespace repscope::gui {

// Starts Qt, shows the main window on the files named in argv[1..] (or the built-in demo when
// there are none) and runs the event loop; returns the exit code.
int runGui(int argc, char** argv);

}  // namespace repscope::gui
