// repscope project FILE:PATH --method pca|mds|tsne|umap [--dims 2|3] [--seed S]
//                  [--align-to FILE:PATH] [--out OUT.h5|.csv|.npy] [--json]
#include <cmath>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/json_writer.h"
#include "repscope/embed/mds.h"
#include "repscope/embed/neighbourhood.h"
#include "repscope/embed/pca.h"
#include "repscope/embed/procrustes.h"
#include "repscope/embed/tsne.h"
#include "repscope/embed/umap.h"
#include "repscope/error.h"
#include "repscope/matrix_writer.h"
#include "repscope/metrics/rdm.h"

namespace repscope::cli {

const char* const kProjectUsage =
    "Usage: repscope project FILE:PATH --method pca|mds|tsne|umap [--dims K] [--seed S]\n"
    "                        [--rdm-measure M] [--align-to FILE:PATH] [--out OUT.h5|.csv|.npy]\n"
    "                        [--nan-policy error|drop] [--json]\n\n"
    "Projects the stimuli of a representation to --dims K dimensions (2 or 3; pca and mds\n"
    "also any K from 1 to min(N − 1, D), e.g. 50 PCA components). mds works from the RDM\n"
    "(--rdm-measure, default euclidean; a precomputed RDM is used as it is). --align-to projects\n"
    "that representation the same way and aligns this projection onto it (orthogonal\n"
    "Procrustes with translation and isotropic scale, reflections allowed).\n"
    "  --json  {\"method\", \"dims\", \"coords\": [[...], ...], \"trustworthiness\": t (k = 10;\n"
    "          null for a precomputed RDM)}. Trustworthiness (O(N²)) is computed only for --json\n"
    "          and for N ≤ 20,000 (null above).\n";

namespace {

Eigen::MatrixXd project(const LoadedRepresentation& in, const std::string& method, int dims,
                        std::uint64_t seed, const std::string& rdmMeasure) {
    const bool isRdm = in.representation->info().kind == RepresentationKind::Rdm;
    if (method == "mds") {
        embed::MdsOptions o;
        o.components = dims;
        o.findNegative = false;  // the JSON reports no spectrum diagnostics
        if (!isRdm && rdmMeasure == "euclidean") {
            return embed::classicalMdsOfEuclidean(in.values, o).coordinates;  // = PCA scores
        }
        const Eigen::MatrixXd rdm =
            isRdm ? metrics::precomputedRdm(in.values, in.name)
                  : metrics::computeRdm(in.values, metrics::parseRdmMeasure(rdmMeasure), in.labels);
        return embed::computeClassicalMds(rdm, o).coordinates;
    }
    if (isRdm) throw InputError(in.name + " is a precomputed RDM; only --method mds projects it");
    if (method == "pca") {
        embed::PcaOptions o;
        o.components = dims;
        o.seed = seed;
        return embed::computePca(in.values, o).coordinates;
    }
    if (method == "tsne") {
        embed::TsneOptions o;
        o.dims = dims;
        o.seed = seed;
        return embed::computeTsne(in.values, o).embedding;
    }
    if (method == "umap") {
        embed::UmapOptions o;
        o.dims = dims;
        o.seed = seed;
        return embed::computeUmap(in.values, o).embedding;
    }
    throw InputError("--method must be pca, mds, tsne or umap, not '" + method + "'");
}

}  // namespace

int runProject(const std::vector<std::string>& args) {
    const Arguments a = parseArguments(
        "project", args, {"--json"},
        {"--method", "--dims", "--seed", "--align-to", "--out", "--rdm-measure", "--nan-policy"});
    if (a.positional.size() != 1) throw InputError("expects one FILE:/path (see --help)");
    const std::string method = a.option("--method", "");
    if (method.empty()) throw InputError("needs --method pca|mds|tsne|umap");
    const std::uint64_t dimsAsked = a.count("--dims", 2);
    const bool linear = method == "pca" || method == "mds";
    if (dimsAsked < 1 || (!linear && dimsAsked != 2 && dimsAsked != 3) || dimsAsked > 100000) {
        throw InputError(linear ? "--dims must be at least 1 for " + method
                                : "--dims must be 2 or 3 for " + method);
    }
    const int dims = static_cast<int>(dimsAsked);
    const std::uint64_t seed = a.count("--seed", 0);
    const NanPolicy policy = parseNanPolicy(a.option("--nan-policy", "error"));
    const std::string measure = a.option("--rdm-measure", "euclidean");
    LoadedRepresentation in = loadRepresentation(a.positional.front());
    std::vector<LoadedRepresentation*> inputs{&in};
    LoadedRepresentation reference;
    const std::string alignTo = a.option("--align-to", "");
    if (!alignTo.empty()) {
        reference = loadRepresentation(alignTo);
        requireSameStimuli(in, reference);
        inputs.push_back(&reference);
    }
    applyNanPolicy(inputs, policy);
    Eigen::MatrixXd coords = project(in, method, dims, seed, measure);
    if (!alignTo.empty()) {
        coords = embed::alignProcrustes(coords, project(reference, method, dims, seed, measure)).aligned;
    }
    const bool isRdm = in.representation->info().kind == RepresentationKind::Rdm;
    constexpr Eigen::Index kTrustMaxN = 20000;  // N² distances: ~1.6 GB and seconds at 20,000
    const bool wantTrust = a.has("--json") && !isRdm && in.values.rows() <= kTrustMaxN;
    const double trust = wantTrust ? embed::trustworthiness(in.values, coords, 10) : std::nan("");
    const std::string out = a.option("--out", "");
    if (!out.empty()) {
        MatrixOutput meta;
        meta.datasetName = "coords";
        meta.attributes = {{"method", method}, {"source", in.name}};
        meta.rowLabels = in.labels;
        for (int k = 0; k < dims; ++k) meta.columnLabels.push_back("dim" + std::to_string(k + 1));
        writeMatrix(out, MatrixD(coords), meta);
    }
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("method").value(method).key("dims").value(dims);
        w.key("coords").beginArray();
        for (Eigen::Index i = 0; i < coords.rows(); ++i) {
            w.beginArray();
            for (Eigen::Index j = 0; j < coords.cols(); ++j) w.value(coords(i, j));
            w.endArray();
        }
        w.endArray().key("trustworthiness").value(trust).endObject();
        std::cout << "\n";
    } else if (out.empty()) {
        throw InputError("nothing to do: give --out FILE or --json");
    } else {
        std::cout << "wrote the " << dims << "-dimensional " << method << " projection of "
                  << in.name << " to " << out << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
