#pragma once
// What each `repscope figure --view` shows, computed from the files with core and handed to the
// figure painter (views/figure.h) as values. These run before any Qt GUI object exists.
#include <string>

#include "cli/figure_command.h"
#include "repscope/stimuli.h"
#include "repscope/views/figure.h"

namespace repscope::figure {

// The column that colours stimuli: "category" when present, else the first column with 2 to 64
// categories; empty when there is none (as the GUI chooses).
[[nodiscard]] std::string defaultCategoryColumn(const Stimuli& stimuli);
// "/mlp/hidden1" → "mlp/hidden1".
[[nodiscard]] std::string shortPath(const std::string& path);
// "dir/acts.h5" → "acts.h5".
[[nodiscard]] std::string fileName(const std::string& path);

// Each throws Error (one sentence) on bad input or unreadable data.
[[nodiscard]] views::Figure rdmFigure(const cli::FigureRequest& request);
[[nodiscard]] views::Figure matrixFigure(const cli::FigureRequest& request);
[[nodiscard]] views::Figure unitsFigure(const cli::FigureRequest& request);
[[nodiscard]] views::Figure projectionFigure(const cli::FigureRequest& request);
// The models of request.inputs against request.target (alignment.md): bars or layer profile.
[[nodiscard]] views::Figure evaluationFigure(const cli::FigureRequest& request);
// prefix, spectrum or compat of request.input (the old model) and request.with (the new one).
[[nodiscard]] views::Figure embeddingFigure(const cli::FigureRequest& request);

}  // namespace repscope::figure
