// `repscope figure` in a build without the Qt GUI (REPSCOPE_BUILD_GUI=OFF): figures are painted
// with Qt Gui, which such a build does not link.
#include "cli/figure_command.h"
#include "repscope/error.h"

namespace repscope::cli {

void requireFigureSupport() {
    throw Error("this build of repscope has no figure support (it was built without the Qt GUI, "
                "REPSCOPE_BUILD_GUI=OFF)");
}

FigureSummary renderFigure(const FigureRequest&) {
    requireFigureSupport();
    return {};
}

}  // namespace repscope::cli
