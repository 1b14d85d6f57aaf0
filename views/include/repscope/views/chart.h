#pragma once
// Charts: horizontal bars with error bars, or lines of points over an x axis, with a shaded band
// (a noise ceiling), reference rules (chance), significance marks, brackets between bars and a
// legend. One layout and one painter serve the on-screen ChartView, figures (figure.h: PNG, SVG,
// PDF) and reports, so a picture shows exactly what the view shows. The Alignment view and the
// embedding checks build their pictures from this; nothing here knows what the values mean.
//
//   ChartContent c;  c.kind = ChartKind::Bars;  c.valueTitle = "Spearman ρ";
//   c.bars.push_back({.value = 0.41, .errLo = 0.37, .errHi = 0.45, .label = "hidden1", ...});
//   c.band = ChartBand{0.52, 0.61, "noise ceiling"};
//   paintChart(painter, c, area);
#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <limits>
#include <optional>
#include <vector>

class QPainter;

namespace repscope::views {

enum class ChartKind { Bars, Lines };

inline constexpr double kChartNone = std::numeric_limits<double>::quiet_NaN();

// One bar (Bars: one row each, top to bottom in the order given) or one point of a line.
struct ChartItem {
    double value = kChartNone;  // the bar's length from 0 / the point's y; NaN: undefined
    double x = 0.0;             // Lines: the point's x
    double errLo = kChartNone;  // error bar from errLo to errHi (values, not offsets); NaN: none
    double errHi = kChartNone;
    std::vector<double> dots;   // e.g. per-subject values: drawn over the highlighted item
    QString label;              // Bars: the row's label
    QString mark;               // drawn after the bar or above the point ("*")
    QString tooltip;            // plain text for hover
    QColor colour{90, 90, 90};  // Bars: the bar's colour (Lines use the series colour)
    int id = -1;                // the caller's identifier, handed back on a click
};

struct ChartSeries {  // Lines
    QString name;
    QColor colour;
    std::vector<ChartItem> points;
};

// A shaded band across the plot between two values (drawn behind the data).
struct ChartBand {
    double lo = 0.0;
    double hi = 0.0;
    QString label;
};

// A dashed line at a value (e.g. chance) with its label.
struct ChartRule {
    double value = 0.0;
    QString label;
};

// A bracket joining bars a and b (indices into bars), drawn beside the bars' ends.
struct ChartBracket {
    std::size_t a = 0;
    std::size_t b = 0;
    QString label;
};

struct ChartLegendEntry {
    QColor colour;
    QString text;
};

struct ChartContent {
    ChartKind kind = ChartKind::Bars;
    QString valueTitle;  // the value axis: x for bars, y for lines
    QString xTitle;      // Lines: the x axis
    std::vector<ChartItem> bars;
    std::vector<ChartSeries> series;
    // Lines: labels at given x positions instead of numeric ticks (e.g. layer names).
    std::vector<std::pair<double, QString>> xTicks;
    std::optional<ChartBand> band;
    std::vector<ChartRule> rules;
    std::vector<ChartBracket> brackets;
    QString legendTitle;
    std::vector<ChartLegendEntry> legend;
    QString note;  // one line under the plot, muted
    // The value axis; empty: from the data (bars from 0), the band, rules, errors and dots.
    std::optional<std::pair<double, double>> valueRange;
    // Logarithmic axes: the value axis in powers of ten (bars then start at the axis' low end;
    // values ≤ 0 are not drawn), the x axis of lines in powers of two (x ≤ 0 not drawn).
    bool logValue = false;
    bool logX = false;
};

// Where everything goes for a content in an area: the plot rectangle, the axis ranges and each
// bar's or point's position. Views use it to hit-test and tests to check what is drawn.
struct ChartGeometry {
    QRectF plot;
    double valueLo = 0.0;  // the value axis
    double valueHi = 1.0;
    double xLo = 0.0;      // Lines: the x axis
    double xHi = 1.0;
    bool logValue = false;  // as the content's
    bool logX = false;
    double rowHeight = 0.0;                  // Bars
    bool rowLabels = false;                  // Bars: rows tall enough for their labels
    std::vector<QRectF> bars;                // Bars: from 0 to the value (empty rect for NaN)
    std::vector<std::vector<QPointF>> points;  // Lines: per series, per point
    QRectF band;                             // empty when none
    QRectF legend;                           // empty when none
    double below = 0.0;                      // y under the axis: legend, then note

    // Pixel position of a value along the value axis (x for bars, y for lines); NaN for a value
    // a logarithmic axis cannot show.
    [[nodiscard]] double valuePixel(ChartKind kind, double v) const;
    [[nodiscard]] double xPixel(double x) const;  // Lines
};

[[nodiscard]] ChartGeometry layoutChart(const ChartContent& content, const QRectF& area);

// What is under a position: a bar (index into bars) or a point (series, index).
struct ChartHit {
    std::size_t series = 0;  // Lines
    std::size_t index = 0;
};
[[nodiscard]] std::optional<ChartHit> hitTestChart(const ChartContent& content,
                                                   const ChartGeometry& geometry, QPointF at);

// Paints the content into area (white background not included). `highlight` draws that item's
// dots and outlines it.
void paintChart(QPainter& painter, const ChartContent& content, const QRectF& area,
                std::optional<ChartHit> highlight = std::nullopt);

}  // namespace repscope::views
