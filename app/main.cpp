// `repscope`: with a sub-command (or --help/--version) it runs headless through app/cli; with no
// sub-command it starts the GUI on the given files (or the built-in demo).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.h"
#ifdef REPSCOPE_WITH_GUI
#include "gui/gui_main.h"
#endif

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (repscope::cli::isCommandLineInvocation(args)) return repscope::cli::run(args);
#ifdef REPSCOPE_WITH_GUI
    return repscope::gui::runGui(argc, argv);
#else
    std::fputs("repscope: this build has no GUI; use a sub-command (see repscope --help)\n", stderr);
    return 2;
#endif
}
