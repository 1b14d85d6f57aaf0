# Project-wide warning flags; REPSCOPE_STRICT_WARNINGS turns them into errors (CI uses it).
add_library(repscope_warnings INTERFACE)
target_compile_options(repscope_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 at -O3 (Release) reports null dereferences and overlapping copies inside inlined
# libstdc++ code that cannot happen (vector growth in std::construct_at, std::string
# concatenation); GCC 13 no longer does. The optimised builds that check them (dev, -O2) keep both.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(repscope_warnings INTERFACE
    $<$<CONFIG:Release>:-Wno-null-dereference> $<$<CONFIG:Release>:-Wno-restrict>)
endif()
if(REPSCOPE_STRICT_WARNINGS)
  target_compile_options(repscope_warnings INTERFACE -Werror)
endif()

add_library(repscope_arch INTERFACE)
if(REPSCOPE_NATIVE_ARCH)
  target_compile_options(repscope_arch INTERFACE -march=native)
endif()
