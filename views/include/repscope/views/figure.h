#pragma once
// Figures: a titled picture of one view painted with QPainter onto any QPaintDevice, so that the
// same drawing gives PNG (QImage), SVG (QSvgGenerator) and PDF (QPdfWriter); figure_file.h
// writes them. Title, axes, labels, colorbar and legend are vector items; the cells of a heatmap
// are one embedded image coloured with the view's formulas (ColorScale, the tile sources), so a
// figure shows what HeatmapView shows. Nothing here needs a display or OpenGL: headless
// commands use it under the "offscreen" Qt platform.
//
//   views::Figure f{"RDM of mlp/hidden1", "correlation · clustered order", HeatmapContent{...}};
//   const QImage png = views::renderFigureImage(f, {900, 800}, 2);
#include <Eigen/Core>
#include <QImage>
#include <QPainter>
#include <QSize>
#include <QString>
#include <memory>
#include <string>
#include <variant>

#include "repscope/progress.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/views/chart.h"
#include "repscope/views/colormap.h"

namespace repscope::views {

// A matrix from a TileSource (display order, any size: tiles are computed at the level the
// picture needs), with a colorbar, optional category strips and legend, and row/column labels
// when its cells are large enough to read them.
struct HeatmapContent {
    std::shared_ptr<const tiles::TileSource> source;
    ColorScale scale;  // autoRange: smallest to largest value of the whole matrix (the view's default)
    QString valueName;  // colorbar caption; empty: the source's measureName()
    // Labels and category columns of the rows, indexed as the source's rows before reordering
    // (rowOrder() maps display positions to them); null for none.
    std::shared_ptr<const Stimuli> rowStimuli;
    // The same for the columns; null: the rows' (square matrices).
    std::shared_ptr<const Stimuli> colStimuli;
    std::string categoryColumn;  // strips along both axes and a legend; empty for none
    QString rowAxisTitle;        // along the axis, beside the labels when they are drawn;
    QString colAxisTitle;        // empty for none
    bool annotateCells = false;  // write each value in its cell when cells are large enough
};

// A 2-D scatter of points (one per stimulus), coloured by category, with axes and a legend.
struct ScatterContent {
    Eigen::MatrixXd points;                  // N × 2 (more columns: the first two are drawn)
    std::shared_ptr<const Stimuli> stimuli;  // category colours and legend; null for none
    std::string categoryColumn;
    QString xTitle;
    QString yTitle;
    bool equalAspect = true;  // one unit is as long on both axes (embeddings)
};

// A picture rendered elsewhere (the 3-D view's frame), scaled to fit the area with its aspect
// kept; in SVG and PDF it is embedded as an image under vector title text.
struct ImageContent {
    QImage image;
};

struct Figure {
    QString title;
    QString subtitle;  // one line under the title (measure, ordering, counts); may be empty
    std::variant<HeatmapContent, ScatterContent, ImageContent, ChartContent> content;
};

// Paints the figure into the rectangle (0, 0, size) of the painter's coordinates on a white
// background. Raster devices (QImage) get cells at their pixel resolution; vector devices (SVG,
// PDF) get an image with a whole number of pixels per cell (at most 4096 per side). Throws what
// the tile source throws (Cancelled, FileError, ...).
void paintFigure(QPainter& painter, const Figure& figure, QSizeF size,
                 Progress& progress = silentProgress());

// The figure as an image of size × scale pixels (scale 1, 2 or 4 for sharper text).
[[nodiscard]] QImage renderFigureImage(const Figure& figure, QSize size, int scale = 1,
                                       Progress& progress = silentProgress());

}  // namespace repscope::views
