// repscope rdm FILE:PATH --measure M [--out OUT.h5|.csv|.npy [--format repscope|rsatoolbox]]
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/json_writer.h"
#include "repscope/alignment/condensed.h"
#include "repscope/error.h"
#include "repscope/matrix_writer.h"
#include "repscope/metrics/crossnobis.h"
#include "repscope/metrics/rdm.h"
#include "repscope/repeated_measurements.h"

namespace repscope::cli {

const char* const kRdmUsage =
    "Usage: repscope rdm FILE:PATH [--measure correlation|cosine|euclidean|sqeuclidean]\n"
    "                    [--measure crossnobis [--noise identity|full|shrinkage_diag|shrinkage_eye]]\n"
    "                    [--out OUT.h5|OUT.csv|OUT.npy [--format repscope|rsatoolbox]]\n"
    "                    [--nan-policy error|drop] [--json]\n\n"
    "Computes the N×N representational dissimilarity matrix of a representation (default\n"
    "measure: correlation = 1 − Pearson r). A precomputed RDM in the file is passed through.\n"
    "  --measure crossnobis  cross-validated Mahalanobis distances of repeated measurements (an\n"
    "              rsatoolbox Dataset with a repeating condition descriptor and a run descriptor):\n"
    "              leave-one-run-out, mean over folds of (m_i - m_j)_train P (m_i - m_j)_test / D;\n"
    "              --noise P: identity (default) or the inverse of the residual covariance, full,\n"
    "              shrinkage_diag (Schafer & Strimmer) or shrinkage_eye (Ledoit & Wolf)\n"
    "  --out       .h5: dataset /rdm (N×N float32, attributes measure, source) and\n"
    "              /stimuli/labels; --format rsatoolbox writes rsatoolbox's RDMs layout that\n"
    "              rsatoolbox.rdm.load_rdm(path, file_type='hdf5') reads; .csv and .npy: the matrix\n"
    "  --json      without --out: {\"measure\", \"n\", \"labels\", \"upper\": [N(N−1)/2 values,\n"
    "              i<j row-major; null for a pair a precomputed RDM lacks]}; with --out:\n"
    "              {\"measure\", \"n\", \"labels\", \"out\"}; labels only when the stimuli have them\n";

int runRdm(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("rdm", args, {"--json"},
                                       {"--measure", "--out", "--format", "--nan-policy", "--noise"});
    const bool crossnobis = a.option("--measure", "") == "crossnobis";
    if (a.options.count("--noise") && !crossnobis) {
        throw InputError("--noise applies to --measure crossnobis only");
    }
    if (a.positional.size() != 1) throw InputError("expects one FILE:/path (see --help)");
    const std::string format = a.option("--format", "repscope");
    if (format != "repscope" && format != "rsatoolbox") {
        throw InputError("--format must be 'repscope' or 'rsatoolbox', not '" + format + "'");
    }
    const std::string out = a.option("--out", "");
    if (format == "rsatoolbox" && out.empty()) throw InputError("--format needs --out FILE.h5");
    const NanPolicy policy = parseNanPolicy(a.option("--nan-policy", "error"));
    LoadedRepresentation in = loadRepresentation(a.positional.front());
    const bool precomputed = in.representation->info().kind == RepresentationKind::Rdm;
    // In a precomputed RDM (a subject of an RDM set, say) NaN marks a missing pair: kept as
    // null under the default policy; ±Inf is still an error.
    const bool keepMissing = precomputed && policy == NanPolicy::Error && !in.values.allFinite();
    if (!keepMissing) applyNanPolicy({&in}, policy);
    Eigen::MatrixXd rdm;
    std::string measure;
    if (crossnobis) {
        const auto* repeated = dynamic_cast<const RepeatedMeasurements*>(in.representation.get());
        if (repeated == nullptr) {
            throw FormatError(in.name + " is not a set of repeated measurements; crossnobis needs "
                                        "an rsatoolbox Dataset whose condition descriptor repeats "
                                        "over runs (a run descriptor: runs, run, fold, session)");
        }
        const metrics::NoiseModel noise = metrics::parseNoiseModel(a.option("--noise", "identity"));
        rdm = metrics::crossnobisRdm(repeated->readObservations(), repeated->design(), noise);
        measure = "crossnobis";
    } else if (keepMissing) {
        (void)alignment::condensedWithMissing(in.values, in.name);  // square, no ±Inf
        rdm = in.values.cast<double>();
        measure = in.representation->info().rdmMeasure.empty() ? "precomputed"
                                                                : in.representation->info().rdmMeasure;
    } else if (precomputed) {
        rdm = metrics::precomputedRdm(in.values, in.name);
        measure = in.representation->info().rdmMeasure.empty() ? "precomputed"
                                                                : in.representation->info().rdmMeasure;
        if (a.options.count("--measure")) {
            std::cerr << in.name << " is a precomputed RDM; --measure is ignored\n";
        }
    } else {
        const metrics::RdmMeasure m = metrics::parseRdmMeasure(a.option("--measure", "correlation"));
        rdm = metrics::computeRdm(in.values, m, in.labels);
        measure = std::string(metrics::rdmMeasureName(m));
    }
    const auto n = static_cast<std::uint64_t>(rdm.rows());
    if (!out.empty()) {
        // A computed RDM is exactly symmetric, so its column-major memory is also its row-major
        // layout: written without an N×N copy. A stored one may not be: copied.
        const bool symmetric = in.representation->info().kind != RepresentationKind::Rdm;
        const MatrixD copy = symmetric ? MatrixD() : MatrixD(rdm);
        const Eigen::Map<const MatrixD> values(symmetric ? rdm.data() : copy.data(), rdm.rows(),
                                               rdm.cols());
        if (format == "rsatoolbox") {
            writeRsatoolboxRdm(out, values, measure, in.labels);
        } else {
            MatrixOutput meta;
            meta.datasetName = "rdm";
            meta.attributes = {{"measure", measure}, {"source", in.name}};
            meta.rowLabels = meta.columnLabels = in.labels;
            writeMatrix(out, values, meta);
        }
    }
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("measure").value(measure).key("n").value(n);
        if (in.file->stimuli().hasLabels()) {
            w.key("labels").beginArray();
            for (const auto& l : in.labels) w.value(l);
            w.endArray();
        }
        if (out.empty()) {
            w.key("upper").beginArray();  // a missing pair (NaN) is written as null
            const Eigen::VectorXd upper = metrics::upperTriangle(rdm);
            for (Eigen::Index k = 0; k < upper.size(); ++k) w.value(upper[k]);
            w.endArray();
        } else {
            w.key("out").value(out);
        }
        w.endObject();
        std::cout << "\n";
    } else if (!out.empty()) {
        std::cout << "wrote the " << n << " × " << n << " " << measure << " RDM of " << in.name
                  << " to " << out << "\n";
    } else {
        throw InputError("nothing to do: give --out FILE or --json");
    }
    return 0;
}

}  // namespace repscope::cli
