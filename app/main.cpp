// `repscope`: with a sub-command (or --help/--version) it runs headless through app/cli; with no
// sub-command it starts the GUI on the given files (or the built-in demo). `--probe-file` is the
// isolated probe's child (repscope/probe.h): every file is walked there before it is opened here.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "repscope/data_file.h"
#include "repscope/probe.h"
#ifdef REPSCOPE_WITH_GUI
#include "gui/gui_main.h"
#endif

namespace {

std::string selfExecutable(const char* argv0) {
    char buf[PATH_MAX];
    const ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (len > 0) return std::string(buf, static_cast<std::size_t>(len));
    return argv0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--probe-file") return repscope::runProbeChild(argc, argv);
    repscope::ProbeSettings probe;
    probe.executable = selfExecutable(argv[0]);
    if (const char* t = std::getenv("REPSCOPE_PROBE_TIMEOUT"); t != nullptr && std::atoi(t) > 0) {
        probe.timeoutSeconds = static_cast<unsigned>(std::atoi(t));
    }
    repscope::enableProbe(probe);
    // --allow-links-outside, anywhere: follow external links and virtual-dataset sources outside
    // the opened file's folder (for every command and the GUI).
    std::vector<std::string> args;
    std::vector<char*> guiArgv;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::string(argv[i]) == "--allow-links-outside") {
            repscope::OpenOptions options = repscope::defaultOpenOptions();
            options.allowLinksOutside = true;
            repscope::setDefaultOpenOptions(options);
            continue;
        }
        if (i > 0) args.emplace_back(argv[i]);
        guiArgv.push_back(argv[i]);
    }
    guiArgv.push_back(nullptr);
    if (repscope::cli::isCommandLineInvocation(args)) return repscope::cli::run(args);
#ifdef REPSCOPE_WITH_GUI
    int guiArgc = static_cast<int>(guiArgv.size()) - 1;
    return repscope::gui::runGui(guiArgc, guiArgv.data());
#else
    std::fputs("repscope: this build has no GUI; use a sub-command (see repscope --help)\n", stderr);
    return 2;
#endif
}
