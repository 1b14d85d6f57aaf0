#pragma once
// The headless command line (see README "Command line"): needs only core, never a display.
#include <string>
#include <vector>

namespace repscope::cli {

// True when the arguments name a sub-command or --help/--version (no GUI is to be started).
bool isCommandLineInvocation(const std::vector<std::string>& args);

// Runs the command; returns the process exit code. Errors print one line on stderr.
int run(const std::vector<std::string>& args);

}  // namespace repscope::cli
