# Heatmap benchmark: built only with -DREPSCOPE_BUILD_BENCH=ON (see tests/bench/results-heatmap.md).
# Run under Xvfb: xvfb-run -a -s "-screen 0 1920x1080x24" ./bench_heatmap
add_executable(bench_heatmap ${CMAKE_CURRENT_LIST_DIR}/bench_heatmap.cpp)
target_link_libraries(bench_heatmap PRIVATE repscope_views Qt6::Widgets Qt6::OpenGLWidgets
                      repscope_warnings)
