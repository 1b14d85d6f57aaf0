#include "io/probe_trace.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace repscope::io {
namespace {
std::atomic<int> traceFd{-1};
}

void setTraceDescriptor(int fd) { traceFd.store(fd); }

void traceTouch(std::string_view path) {
    const int fd = traceFd.load(std::memory_order_relaxed);
    if (fd < 0) return;
    // "file.h5:/obs/x" names the object by its path in the file.
    if (const auto colon = path.rfind(":/"); colon != std::string_view::npos) {
        path = path.substr(colon + 1);
    }
    // One write per line (atomic on a pipe up to PIPE_BUF): the parent keeps the last line.
    char line[512];
    const std::size_t len = std::min(path.size(), sizeof line - 1);
    std::memcpy(line, path.data(), len);
    std::replace(line, line + len, '\n', ' ');
    line[len] = '\n';
    ssize_t rc = 0;
    do {
        rc = ::write(fd, line, len + 1);
    } while (rc < 0 && errno == EINTR);
}

}  // namespace repscope::io
