// The registry entries: one per metric of metrics.md. Adding a metric = one entry here + the
// file that computes it.
#include "repscope/metrics/registry.h"

#include <numbers>

#include "metrics/metric_support.h"
#include "repscope/metrics/cca.h"
#include "repscope/metrics/cka.h"
#include "repscope/metrics/knn.h"
#include "repscope/metrics/procrustes.h"
#include "repscope/metrics/rsa.h"
#include "repscope/metrics/unit_match.h"

namespace repscope::metrics {

namespace {

const ParamSpec kRdmMeasure{"rdm-measure", "correlation",
                            "RDM measure first: correlation, cosine, euclidean or sqeuclidean"};
const ParamSpec kGeoTopo{"geotopo", "",
                         "L,U: geo-topological transform (quantiles ≤ L → 0, ≥ U → 1); off if empty"};
const ParamSpec kK{"k", "10", "neighbours per stimulus (self excluded), 1 ≤ k ≤ N − 1"};

MetricInfo rsaEntry(RsaComparator c, std::string description, double lowest) {
    MetricInfo m;
    m.name = std::string(rsaComparatorName(c));
    m.description = std::move(description);
    m.reference = "Kriegeskorte et al. 2008, Representational similarity analysis";
    m.invariantTo = c == RsaComparator::Spearman || c == RsaComparator::KendallTauA
                        ? "any monotone transform of either RDM (and whatever its RDM measure ignores)"
                    : c == RsaComparator::Pearson
                        ? "positive affine transforms of either RDM (and whatever its RDM measure ignores)"
                        : "positive scaling of either RDM (and whatever its RDM measure ignores)";
    m.inputs = "two representations over the same N ≥ 3 stimuli, or precomputed N×N RDMs on "
               "either side";
    m.family = MetricFamily::Rsa;
    m.params = {kRdmMeasure, kGeoTopo};
    m.accepts.precomputedRdm = true;
    m.accepts.minStimuli = 3;
    m.lowest = lowest;
    m.compute = [c](const MatrixF& x, const MatrixF& y, const MetricParams& p, Progress& pr) {
        return rsa(x, y, c, rsaOptions(p), pr);
    };
    m.compareRdms = [c](const Eigen::VectorXd& a, const Eigen::VectorXd& b, const MetricParams& p,
                        Progress& pr) {
        const RsaOptions o = rsaOptions(p);
        if (!o.geotopo) return compareRdmVectors(a, b, c, pr);
        return compareRdmVectors(geoTopoTransform(a, *o.geotopo), geoTopoTransform(b, *o.geotopo),
                                 c, pr);
    };
    return m;
}

MetricInfo entry(std::string name, std::string description, std::string reference,
                 std::string invariantTo, std::string inputs, MetricFamily family, ComputeFn f) {
    MetricInfo m;
    m.name = std::move(name);
    m.description = std::move(description);
    m.reference = std::move(reference);
    m.invariantTo = std::move(invariantTo);
    m.inputs = std::move(inputs);
    m.family = family;
    m.compute = std::move(f);
    return m;
}

std::vector<MetricInfo> buildRegistry() {
    std::vector<MetricInfo> r;
    r.push_back(rsaEntry(RsaComparator::Spearman,
                         "Spearman rank correlation of the two RDMs' upper triangles", -1.0));
    r.push_back(rsaEntry(RsaComparator::Pearson,
                         "Pearson correlation of the two RDMs' upper triangles", -1.0));
    r.push_back(rsaEntry(RsaComparator::KendallTauA,
                         "Kendall tau-a of the two RDMs' upper triangles (ties count neither way)",
                         -1.0));
    r.push_back(rsaEntry(RsaComparator::Cosine,
                         "uncentred cosine of the two RDMs' upper triangles", -1.0));

    const std::string any = "two representations (N×D, N×E) over the same stimuli";
    const std::string ckaInv = "orthogonal transforms, isotropic scaling and translation of either side";
    r.push_back(entry("cka_linear", "linear centred kernel alignment",
                      "Kornblith et al. 2019, Similarity of neural network representations revisited",
                      ckaInv, any, MetricFamily::Kernel,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return ckaLinear(x, y, p);
                      }));
    r.push_back(entry("cka_linear_debiased", "linear CKA with the unbiased HSIC estimator",
                      "Kornblith et al. 2019; unbiased HSIC of Song et al. 2012", ckaInv,
                      any + ", N ≥ 4", MetricFamily::Kernel,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return ckaLinearDebiased(x, y, p);
                      }));
    r.back().accepts.minStimuli = 4;
    r.back().lowest = -1.0;  // the unbiased estimate can dip below 0
    r.push_back(entry("cka_rbf", "Gaussian-kernel CKA (bandwidth = threshold × median distance)",
                      "Kornblith et al. 2019", ckaInv, any, MetricFamily::Kernel,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams& p, Progress& pr) {
                          return ckaRbf(x, y, p.number("threshold", 1.0), pr);
                      }));
    r.back().params = {{"threshold", "1.0", "kernel width as a fraction of the median distance"}};

    const std::string ccaInv = "invertible linear transforms and translation of either side";
    const std::string ccaIn = any + " with D < N and E < N";
    r.push_back(entry("cca_r2", "mean squared canonical correlation (R²_CCA)",
                      "Kornblith et al. 2019 (R²_CCA); Hotelling 1936", ccaInv, ccaIn,
                      MetricFamily::Cca,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return ccaR2(x, y, p);
                      }));
    r.back().accepts.needsFewerFeaturesThanStimuli = true;
    r.push_back(entry("svcca", "mean canonical correlation of the top singular directions",
                      "Raghu et al. 2017, SVCCA",
                      "orthogonal transforms, isotropic scaling and translation of either side",
                      ccaIn, MetricFamily::Cca,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams& p, Progress& pr) {
                          return svcca(x, y, p.number("svcca-keep", 0.99), pr);
                      }));
    r.back().params = {{"svcca-keep", "0.99", "fraction of variance the kept directions explain"}};
    r.back().accepts.needsFewerFeaturesThanStimuli = true;
    r.push_back(entry("pwcca",
                      "projection-weighted mean canonical correlation (weights on the first side)",
                      "Morcos et al. 2018, Insights on representational similarity ... with "
                      "canonical correlation",
                      ccaInv + " (weights change under non-orthogonal maps of the first side)",
                      any + " with D + E ≤ N − 1", MetricFamily::Cca,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return pwcca(x, y, p);
                      }));
    r.back().accepts.needsFewerFeaturesThanStimuli = true;
    r.back().accepts.needsFeatureSumBelowStimuli = true;
    r.back().symmetric = false;

    const std::string shapeInv = "translation, isotropic scaling and orthogonal transforms";
    r.push_back(entry("procrustes_angular", "Procrustes shape distance: arccos of ‖XᵀY‖_* (radians)",
                      "Williams et al. 2021, Generalized shape metrics on neural representations",
                      shapeInv, any, MetricFamily::Shape,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return procrustesAngular(x, y, p);
                      }));
    r.back().highest = std::numbers::pi / 2;
    r.back().isDistance = true;
    r.push_back(entry("procrustes_euclidean", "Procrustes distance √(2 − 2‖XᵀY‖_*) after alignment",
                      "Williams et al. 2021", shapeInv, any, MetricFamily::Shape,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return procrustesEuclidean(x, y, p);
                      }));
    r.back().highest = std::numbers::sqrt2;
    r.back().isDistance = true;

    const std::string knnInv = "per-stimulus positive scaling and orthogonal transforms (not translation)";
    r.push_back(entry("mutual_knn", "mean fraction of shared k nearest neighbours",
                      "Huh et al. 2024, The platonic representation hypothesis", knnInv,
                      any + ", N > k", MetricFamily::Neighbourhood,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams& p, Progress& pr) {
                          return mutualKnn(x, y, p.integer("k", 10), pr);
                      }));
    r.back().params = {kK};
    r.push_back(entry("jaccard_knn", "mean Jaccard index of the k-nearest-neighbour sets",
                      "Huh et al. 2024", knnInv, any + ", N > k", MetricFamily::Neighbourhood,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams& p, Progress& pr) {
                          return jaccardKnn(x, y, p.integer("k", 10), pr);
                      }));
    r.back().params = {kK};

    r.push_back(entry("unit_match",
                      "mean correlation of one-to-one matched units (Hungarian)",
                      "Li et al. 2015, Convergent learning",
                      "permutations of units, per-unit positive scaling and translation", any,
                      MetricFamily::Units,
                      [](const MatrixF& x, const MatrixF& y, const MetricParams&, Progress& p) {
                          return unitMatch(x, y, p).score;
                      }));
    r.back().lowest = -1.0;
    return r;
}

}  // namespace

RsaOptions rsaOptions(const MetricParams& p) {
    RsaOptions o;
    o.measure = parseRdmMeasure(p.text("rdm-measure", "correlation"));
    const std::string g = p.text("geotopo", "");
    if (!g.empty()) o.geotopo = parseGeoTopo(g);
    return o;
}

const std::vector<MetricInfo>& metricRegistry() {
    static const std::vector<MetricInfo> registry = buildRegistry();
    return registry;
}

}  // namespace repscope::metrics
