#pragma once
// Everything the command line prints passes through a filter that writes control characters
// (ESC, OSC/CSI introducers, BEL, CR, C1, bidirectional overrides) and invalid UTF-8 as \xNN:
// names and labels from a file can neither drive the terminal nor forge lines. Line breaks and
// tabs written by RepScope itself pass; text that may hold a newline from a file is escaped with
// repscope::printable() where it is printed.
namespace repscope::cli {

// Installs the filter on std::cout and std::cerr for the lifetime of the returned guard.
class SafeOutput {
public:
    SafeOutput();
    ~SafeOutput();
    SafeOutput(const SafeOutput&) = delete;
    SafeOutput& operator=(const SafeOutput&) = delete;

private:
    struct State;
    State* state_;
};

}  // namespace repscope::cli
