#pragma once
// `repscope figure`: what the command line asks for, and the part that paints it. The painting
// needs Qt Gui (repscope_views) and lives in app/figure/; a build without the GUI
// (REPSCOPE_BUILD_GUI=OFF) links app/figure_unavailable/ instead, which says so.
#include <cstdint>
#include <string>
#include <vector>

namespace repscope::cli {

struct FigureRequest {
    std::string input;  // FILE:/path (matrix: FILE, or FILE:/group for the representations under it)
    std::string view;   // rdm, matrix, projection, units, evaluation
    std::string out;    // .png, .svg or .pdf
    int width = 900;
    int height = 800;
    int scale = 1;  // PNG only
    std::string title;  // empty: a title made from what is shown
    std::string measure = "correlation";  // rdm (and projection with --method mds)
    bool measureGiven = false;
    std::string metric = "cka_linear";  // matrix
    std::string ordering = "clustered";  // rdm: original, category, clustered
    std::string colormap;                // empty: the view's default (rdbu for units, else viridis)
    std::string method = "pca";          // projection
    std::uint64_t seed = 0;
    std::string with;  // units: the second representation
    // evaluation: the model FILEs (inputs), the target and how to compare and draw
    std::vector<std::string> inputs;
    std::string target;
    std::string comparator = "spearman";
    std::string rdmMeasure = "correlation";
    std::string layout = "bars";  // bars, profile
    std::string errors = "sem";   // sem, bootstrap, none
    std::string sort = "model";   // model, value
    std::uint64_t bootstrap = 0;
};

struct FigureSummary {
    std::string title;
    std::string format;  // png, svg, pdf
    int pixelWidth = 0;  // of the PNG; the size in logical units for SVG and PDF
    int pixelHeight = 0;
};

// Throws Error saying so when this build cannot paint figures (no Qt GUI).
void requireFigureSupport();

// Computes what the view shows, paints it and writes request.out atomically. Throws Error (one
// sentence) on bad input, unreadable files or an unwritable output.
FigureSummary renderFigure(const FigureRequest& request);

}  // namespace repscope::cli
