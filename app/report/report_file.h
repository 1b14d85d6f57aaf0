#pragma once
// Writing a report (report_content.h) to a file: .html (one self-contained file, images inline)
// or .pdf (the same document laid out on A4 pages), chosen by the suffix. The file is written
// whole or not at all (QSaveFile: a temporary file in the same directory, renamed into place).
#include <QString>
#include <optional>

#include "report_content.h"

namespace repscope::report {

enum class ReportFormat { Html, Pdf };

// By the path's suffix (.html, .htm, .pdf; any case); nullopt otherwise.
[[nodiscard]] std::optional<ReportFormat> reportFormatOf(const QString& path);

// Throws InputError for another suffix, FileError when the file cannot be written.
void writeReport(const Report& report, const QString& path);

}  // namespace repscope::report
