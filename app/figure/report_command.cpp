// `repscope report` with the Qt GUI built: opens the files as one collection, builds the report
// (core computations, figures painted under an offscreen QGuiApplication) and writes it.
#include <QFileInfo>
#include <iostream>

#include "cli/evaluation_input.h"
#include "cli/report_command.h"
#include "offscreen_gui.h"
#include "report/report_content.h"
#include "report/report_file.h"
#include "repscope/collection.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {

void requireReportSupport() {}

ReportSummary writeReportFile(const ReportRequest& request) {
    const QString out = QString::fromStdString(request.out);
    const auto format = report::reportFormatOf(out);
    if (!format) throw InputError("--out must end in .html or .pdf, not '" + request.out + "'");
    for (const std::string& name : request.metrics) (void)metrics::metric(name);  // names the known ones
    for (const std::string& spec : request.layers) (void)splitQualifiedPath(spec);
    figure::requireWritableDirectory(request.out);

    report::ReportOptions options;
    options.metrics = request.metrics;
    options.layers = request.layers;
    options.compatOld = request.compatOld;
    options.compatNew = request.compatNew;
    Collection collection;
    if (request.target.empty()) {
        for (const std::string& f : request.files) collection.add(DataFile::open(f));
    } else {
        options.comparator = alignment::parseComparator(request.comparator);
        options.rdmMeasure = metrics::parseRdmMeasure(request.rdmMeasure);
        EvaluationFiles files = openEvaluationFiles(request.files, request.target);
        collection = std::move(files.collection);
        options.alignmentTarget = files.target;
        options.excludeTargetFile = !files.targetIsModelFile;
    }
    for (const std::string& line : collection.alignmentReport()) std::cerr << printable(line) << "\n";
    const std::unique_ptr<QGuiApplication> app = figure::offscreenGuiApplication();
    const report::Report r = report::buildReport(collection, options, silentProgress(),
                                                 [](const std::string& line) { std::cerr << line << "\n"; });
    std::cerr << "writing " << request.out << "\n";
    report::writeReport(r, out);

    ReportSummary s;
    s.format = *format == report::ReportFormat::Html ? "html" : "pdf";
    s.bytes = static_cast<std::uint64_t>(QFileInfo(out).size());
    for (const auto& m : r.metrics) s.metrics.push_back(m.metric->name);
    for (const auto& l : r.layers) s.layers.push_back(l.name);
    s.stimuli = r.stimuli;
    s.representations = r.representations.size();
    return s;
}

}  // namespace repscope::cli
