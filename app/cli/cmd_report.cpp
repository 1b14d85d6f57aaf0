// repscope report FILE [FILE...] --out OUT.html|.pdf [--metric NAME ...] [--layers FILE:PATH,...]
//                 [--json]
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/json_writer.h"
#include "cli/report_command.h"
#include "repscope/alignment/comparator.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"

namespace repscope::cli {

const char* const kReportUsage =
    "Usage: repscope report FILE [FILE...] --out OUT.html|OUT.pdf [--metric NAME ...]\n"
    "                       [--layers FILE:PATH,...] [--target T [--comparator C]\n"
    "                       [--rdm-measure M]] [--json]\n\n"
    "Writes one report of the files (aligned as one collection, as `repscope matrix` does): a\n"
    "dataset summary (files, models, layers, N, D, dtype), a layer × layer matrix per metric as\n"
    "a figure and a table, the RDM (correlation distance, clustered order) and a 2-D PCA of\n"
    "chosen layers, the 5 most and least similar pairs per metric, the parameters, the metrics'\n"
    "definitions and references, and provenance (file sizes and SHA-256, RepScope version,\n"
    "date in UTC, host, CPU, cores). No display is needed. The file is written whole or not at\n"
    "all.\n"
    "  --out FILE        .html: one self-contained file (images inline, no scripts, nothing\n"
    "                    fetched from elsewhere); .pdf: the same content on A4 pages\n"
    "  --metric NAME     a metric of `repscope metrics`; repeat it or give a comma-separated\n"
    "                    list (default: cka_linear and rsa_spearman)\n"
    "  --layers LIST     FILE:PATH,... representations to draw an RDM and a projection of, FILE\n"
    "                    as given on the command line (default: the last layer of each model);\n"
    "                    may be repeated\n"
    "  --target T        adds \"Alignment with T\": every model evaluated against the RDM set T\n"
    "                    (FILE:PATH or a ratings CSV, as `repscope evaluate --target`) with the\n"
    "                    bars figure, a table (mean, SEM, t, p, FDR q), the noise ceiling and its\n"
    "                    definition, and the comparator's reference\n"
    "  --compat OLD,NEW  adds \"Embedding checks\": is NEW (FILE:PATH) backward compatible with OLD\n"
    "                    (top-k, mAP, verdict, gain, as they are and with an orthogonal map), their\n"
    "                    prefix curves and variance spectra\n"
    "  --comparator C    with --target: spearman (default), pearson, kendall_tau_a, rho_a,\n"
    "                    cosine, corr_cov, cosine_cov\n"
    "  --rdm-measure M   with --target: the models' RDM measure (default correlation)\n"
    "  --json            {\"out\", \"format\", \"bytes\", \"stimuli\", \"representations\",\n"
    "                    \"metrics\": [...], \"layers\": [...]}\n"
    "Progress goes to stderr.\n";

namespace {

// Every value given to `option` (it may be repeated, each value a comma-separated list).
std::vector<std::string> listValues(const std::vector<std::string>& args, const std::string& option) {
    std::vector<std::string> values;
    const auto split = [&](const std::string& text) {
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t comma = text.find(',', start);
            const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (item.empty()) throw InputError(option + " has an empty entry in '" + text + "'");
            values.push_back(item);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    };
    for (std::size_t k = 0; k < args.size(); ++k) {
        if (args[k] == option && k + 1 < args.size()) {
            split(args[++k]);
        } else if (args[k].rfind(option + "=", 0) == 0) {
            split(args[k].substr(option.size() + 1));
        }
    }
    return values;
}

}  // namespace

int runReport(const std::vector<std::string>& args) {
    requireReportSupport();
    const Arguments a = parseArguments("report", args, {"--json"},
                                       {"--out", "--metric", "--layers", "--target", "--comparator", "--rdm-measure",
                                        "--compat"});
    if (a.positional.empty()) throw InputError("expects at least one FILE (see --help)");
    ReportRequest r;
    r.files = a.positional;
    r.out = a.option("--out", "");
    if (r.out.empty()) throw InputError("needs --out OUT.html|OUT.pdf");
    r.metrics = listValues(args, "--metric");
    r.layers = listValues(args, "--layers");
    if (a.options.count("--compat") != 0) {
        const std::vector<std::string> pair = listValues(args, "--compat");
        if (pair.size() != 2) {
            throw InputError("--compat needs two representations, OLD,NEW (each FILE:PATH), not " +
                             std::to_string(pair.size()));
        }
        for (const std::string& spec : pair) (void)splitQualifiedPath(spec);
        r.compatOld = pair[0];
        r.compatNew = pair[1];
    }
    r.target = a.option("--target", "");
    if (r.target.empty() && (a.options.count("--comparator") != 0 || a.options.count("--rdm-measure") != 0)) {
        throw InputError("--comparator and --rdm-measure describe the alignment section: give --target too");
    }
    r.comparator = a.option("--comparator", "spearman");
    (void)alignment::parseComparator(r.comparator);  // throws with the valid names
    r.rdmMeasure = a.option("--rdm-measure", "correlation");
    (void)metrics::parseRdmMeasure(r.rdmMeasure);

    const ReportSummary s = writeReportFile(r);
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("out").value(r.out).key("format").value(s.format);
        w.key("bytes").value(s.bytes).key("stimuli").value(s.stimuli);
        w.key("representations").value(s.representations);
        w.key("metrics").beginArray();
        for (const auto& m : s.metrics) w.value(m);
        w.endArray().key("layers").beginArray();
        for (const auto& l : s.layers) w.value(l);
        w.endArray().endObject();
        std::cout << "\n";
    } else {
        std::cout << "wrote " << r.out << " (" << s.format << ", " << s.bytes << " bytes): "
                  << s.representations << " representations, " << s.metrics.size() << " metrics, "
                  << s.layers.size() << " layers drawn\n";
    }
    return 0;
}

}  // namespace repscope::cli
