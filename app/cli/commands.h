#pragma once
// The sub-commands. Each takes the arguments after its name and returns the exit code; errors
// are thrown as repscope::Error and printed by run() as one line.
#include <string>
#include <vector>

namespace repscope::cli {

struct Command {
    const char* name;
    const char* summary;
    const char* usage;  // full --help text
    int (*run)(const std::vector<std::string>& args);
};

// Every sub-command, in the order --help lists them.
const std::vector<Command>& commands();

int runInfo(const std::vector<std::string>& args);
int runDemo(const std::vector<std::string>& args);
int runRdm(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runMatrix(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runTriplets(const std::vector<std::string>& args);
int runMetrics(const std::vector<std::string>& args);
int runProject(const std::vector<std::string>& args);
int runFigure(const std::vector<std::string>& args);
int runReport(const std::vector<std::string>& args);
int runCompat(const std::vector<std::string>& args);
int runPrefix(const std::vector<std::string>& args);
int runSpectrum(const std::vector<std::string>& args);

extern const char* const kInfoUsage;
extern const char* const kDemoUsage;
extern const char* const kRdmUsage;
extern const char* const kCompareUsage;
extern const char* const kMatrixUsage;
extern const char* const kEvaluateUsage;
extern const char* const kTripletsUsage;
extern const char* const kMetricsUsage;
extern const char* const kProjectUsage;
extern const char* const kFigureUsage;
extern const char* const kReportUsage;
extern const char* const kCompatUsage;
extern const char* const kPrefixUsage;
extern const char* const kSpectrumUsage;

}  // namespace repscope::cli
