#pragma once
// `repscope report`: what the command line asks for, and the part that builds and writes the
// report. Building needs Qt Gui (figures, PDF) and lives in app/figure/report_command.cpp; a
// build without the GUI (REPSCOPE_BUILD_GUI=OFF) links app/figure_unavailable/ instead, which
// says so.
#include <cstdint>
#include <string>
#include <vector>

namespace repscope::cli {

struct ReportRequest {
    std::vector<std::string> files;
    std::string out;                   // .html or .pdf
    std::vector<std::string> metrics;  // empty: cka_linear and rsa_spearman
    std::vector<std::string> layers;   // FILE:PATH; empty: the last layer of each model
    // --target FILE:PATH|RATINGS.csv: an "Alignment with T" section (alignment.md)
    std::string target;
    std::string comparator = "spearman";
    std::string rdmMeasure = "correlation";
    // --compat OLD,NEW: an "Embedding checks" section (embedding-checks.md)
    std::string compatOld;
    std::string compatNew;
};

struct ReportSummary {
    std::string format;  // html, pdf
    std::uint64_t bytes = 0;
    std::vector<std::string> metrics;
    std::vector<std::string> layers;  // "file.h5:/model/layer"
    std::uint64_t stimuli = 0;
    std::uint64_t representations = 0;
};

// Throws Error saying so when this build cannot write reports (no Qt GUI).
void requireReportSupport();

// Builds the report (progress lines on stderr) and writes request.out atomically. Throws Error
// (one sentence) on bad input, unreadable files or an unwritable output.
ReportSummary writeReportFile(const ReportRequest& request);

}  // namespace repscope::cli
