#pragma once
// Where the loader is in a file, for the isolated probe: when a trace descriptor is set (only in
// the probe's child process), every object the loader is about to touch is written to it as one
// line, so that the parent can name the object when the child dies. A no-op otherwise.
#include <string_view>

namespace repscope::io {

void setTraceDescriptor(int fd);
void traceTouch(std::string_view path);

}  // namespace repscope::io
