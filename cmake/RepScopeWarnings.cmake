# Project-wide warning flags; REPSCOPE_STRICT_WARNINGS turns them into errors (CI uses it).
add_library(repscope_warnings INTERFACE)
target_compile_options(repscope_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
if(REPSCOPE_STRICT_WARNINGS)
  target_compile_options(repscope_warnings INTERFACE -Werror)
endif()

add_library(repscope_arch INTERFACE)
if(REPSCOPE_NATIVE_ARCH)
  target_compile_options(repscope_arch INTERFACE -march=native)
endif()
