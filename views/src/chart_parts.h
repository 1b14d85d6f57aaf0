#pragma once
// Internal: sizes and helpers the chart's layout and painter share (chart.h).
#include <QString>
#include <vector>

#include "repscope/views/chart.h"

namespace repscope::views::detail {

inline constexpr double kChartMaxRow = 44.0;       // Bars: row height at most
inline constexpr double kChartMaxBar = 28.0;       // Bars: bar thickness at most
inline constexpr double kChartMinLabelRow = 8.0;   // Bars: rows lower than this get no label
inline constexpr double kChartMarkWidth = 26.0;    // Bars: room after the plot for marks
inline constexpr double kChartBracketStep = 7.0;   // Bars: between bracket levels
inline constexpr double kChartLegendLine = 16.0;
inline constexpr double kChartSwatch = 10.0;
inline constexpr double kChartPickRadius = 9.0;    // Lines: how near a point a click must be

// Ticks of the value axis (about `count`; powers of ten on a log axis) and their text.
[[nodiscard]] std::vector<double> chartValueTicks(const ChartGeometry& g, int count);
[[nodiscard]] QString chartTickText(const ChartGeometry& g, double v);

// The legend's entries (indices) line by line, flowing within width after its title.
[[nodiscard]] std::vector<std::vector<std::size_t>> legendLines(const ChartContent& c, double width);
[[nodiscard]] double legendHeight(const ChartContent& c, double width);
// Bars: the column of each bracket, so that brackets in one column do not overlap.
[[nodiscard]] std::vector<int> bracketLevels(const ChartContent& c);

}  // namespace repscope::views::detail
