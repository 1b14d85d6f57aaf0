// `repscope report` in a build without the Qt GUI (REPSCOPE_BUILD_GUI=OFF): reports paint their
// figures and PDF pages with Qt Gui, which such a build does not link.
#include "cli/report_command.h"
#include "repscope/error.h"

namespace repscope::cli {

void requireReportSupport() {
    throw Error("this build of repscope has no report support (it was built without the Qt GUI, "
                "REPSCOPE_BUILD_GUI=OFF)");
}

ReportSummary writeReportFile(const ReportRequest&) {
    requireReportSupport();
    return {};
}

}  // namespace repscope::cli
