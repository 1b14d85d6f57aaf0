#include "repscope/embed/umap.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "embed/input_checks.h"
#include "embed/random.h"
#include "embed/umap_internal.h"
#include "repscope/embed/knn.h"
#include "repscope/embed/pca.h"
#include "repscope/error.h"

namespace repscope::embed {
namespace {

using Points = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void checkOptions(const MatrixF& x, const UmapOptions& o) {
    detail::checkFeatureMatrix(x, "UMAP input");
    detail::checkOutputDims(o.dims, "UMAP");
    if (o.neighbours < 2 || o.neighbours > x.rows()) {
        throw InputError("UMAP needs 2 ≤ neighbours ≤ N = " + std::to_string(x.rows()) + "; got " +
                         std::to_string(o.neighbours) + ".");
    }
    if (o.epochs < 0 || o.negativeSampleRate < 0 || !(o.learningRate > 0.0)) {
        throw InputError(
            "UMAP needs epochs ≥ 0, negative sample rate ≥ 0 and a positive "
            "learning rate.");
    }
}

double clip(double v) {
    return std::clamp(v, -4.0, 4.0);
}

// umap-learn's optimize_layout_euclidean (move_other = true), one thread, seeded.
void optimiseLayout(Points& y, const detail::UmapGraph& graph, const UmapOptions& o, double a,
                    double b, int epochs, detail::ProgressPacer& pacer) {
    std::vector<int> head;
    std::vector<int> tail;
    std::vector<double> weight;
    for (int i = 0; i < graph.outerSize(); ++i) {
        for (detail::UmapGraph::InnerIterator it(graph, i); it; ++it) {
            head.push_back(i);
            tail.push_back(it.col());
            weight.push_back(it.value());
        }
    }
    if (weight.empty()) return;  // no edge: nothing pulls or pushes (the caller checks this too)
    const double maxWeight = *std::max_element(weight.begin(), weight.end());
    const std::size_t m = head.size();
    std::vector<double> epochsPerSample(m);
    for (std::size_t e = 0; e < m; ++e) epochsPerSample[e] = maxWeight / weight[e];
    const double negRate = static_cast<double>(o.negativeSampleRate);
    std::vector<double> epochsPerNegative(m);
    for (std::size_t e = 0; e < m; ++e)
        epochsPerNegative[e] = negRate > 0.0 ? epochsPerSample[e] / negRate : 0.0;
    std::vector<double> nextSample = epochsPerSample;
    std::vector<double> nextNegative = epochsPerNegative;

    const auto n = static_cast<std::uint32_t>(y.rows());
    const auto dims = y.cols();
    detail::SeededRandom rng(o.seed ^ 0x5555AAAAULL);
    double alpha = o.learningRate;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        const double ep = static_cast<double>(epoch);
        for (std::size_t e = 0; e < m; ++e) {
            if (nextSample[e] > ep) continue;
            double* current = y.row(head[e]).data();
            double* other = y.row(tail[e]).data();
            double d2 = 0.0;
            for (Eigen::Index d = 0; d < dims; ++d)
                d2 += (current[d] - other[d]) * (current[d] - other[d]);
            double coeff = 0.0;
            if (d2 > 0.0) {
                coeff = -2.0 * a * b * std::pow(d2, b - 1.0) / (a * std::pow(d2, b) + 1.0);
            }
            for (Eigen::Index d = 0; d < dims; ++d) {
                const double g = clip(coeff * (current[d] - other[d]));
                current[d] += g * alpha;
                other[d] -= g * alpha;
            }
            nextSample[e] += epochsPerSample[e];

            if (negRate <= 0.0) continue;
            const int negatives = static_cast<int>((ep - nextNegative[e]) / epochsPerNegative[e]);
            for (int s = 0; s < negatives; ++s) {
                const std::uint32_t kk = rng.below(n);
                const double* neg = y.row(kk).data();
                double dn = 0.0;
                for (Eigen::Index d = 0; d < dims; ++d)
                    dn += (current[d] - neg[d]) * (current[d] - neg[d]);
                if (dn <= 0.0) continue;  // itself, or a coincident point
                const double rc =
                    2.0 * o.repulsionStrength * b / ((0.001 + dn) * (a * std::pow(dn, b) + 1.0));
                for (Eigen::Index d = 0; d < dims; ++d)
                    current[d] += clip(rc * (current[d] - neg[d])) * alpha;
            }
            nextNegative[e] += negatives * epochsPerNegative[e];
        }
        alpha = o.learningRate * (1.0 - static_cast<double>(epoch + 1) / epochs);
        pacer.tick(static_cast<double>(epoch + 1) / epochs);
    }
}

}  // namespace

std::pair<double, double> umapCurveParameters(double minDist, double spread) {
    if (!(minDist >= 0.0) || !(spread > minDist)) {
        throw InputError("UMAP needs 0 ≤ min_dist < spread; got min_dist " + number(minDist) +
                         " and spread " + number(spread) + ".");
    }
    // umap-learn's find_ab_params(1.0, 0.1) (scipy curve_fit); we hard-code it for the default.
    if (minDist == 0.1 && spread == 1.0) return {1.5769434603113077, 0.8950608779109733};
    // Otherwise the same least-squares fit, by Levenberg–Marquardt, on the same 300 points.
    constexpr int kPoints = 300;
    Eigen::VectorXd xs = Eigen::VectorXd::LinSpaced(kPoints, 0.0, 3.0 * spread);
    Eigen::VectorXd target(kPoints);
    for (int i = 0; i < kPoints; ++i)
        target(i) = xs(i) < minDist ? 1.0 : std::exp(-(xs(i) - minDist) / spread);
    auto residuals = [&](double pa, double pb, Eigen::MatrixXd* jac) {
        Eigen::VectorXd r(kPoints);
        if (jac != nullptr) jac->resize(kPoints, 2);
        for (int i = 0; i < kPoints; ++i) {
            const double x = xs(i);
            const double x2b = x > 0.0 ? std::pow(x, 2.0 * pb) : 0.0;
            const double den = 1.0 + pa * x2b;
            r(i) = 1.0 / den - target(i);
            if (jac != nullptr) {
                (*jac)(i, 0) = -x2b / (den * den);
                (*jac)(i, 1) = x > 0.0 ? -pa * x2b * 2.0 * std::log(x) / (den * den) : 0.0;
            }
        }
        return r;
    };
    double pa = 1.0;
    double pb = 1.0;
    double lambda = 1e-3;
    Eigen::MatrixXd jac;
    double cost = residuals(pa, pb, nullptr).squaredNorm();
    for (int it = 0; it < 200; ++it) {
        const Eigen::VectorXd r = residuals(pa, pb, &jac);
        Eigen::Matrix2d h = jac.transpose() * jac;
        const Eigen::Vector2d g = jac.transpose() * r;
        h.diagonal() *= 1.0 + lambda;
        const Eigen::Vector2d step = h.ldlt().solve(-g);
        const double na = pa + step(0);
        const double nb = pb + step(1);
        const double nc = (na > 0.0 && nb > 0.0) ? residuals(na, nb, nullptr).squaredNorm()
                                                 : std::numeric_limits<double>::infinity();
        if (nc < cost) {
            const bool done = cost - nc < 1e-14 * cost;
            pa = na;
            pb = nb;
            cost = nc;
            lambda *= 0.3;
            if (done) break;
        } else {
            lambda *= 10.0;
        }
    }
    return {pa, pb};
}

UmapResult computeUmap(const MatrixF& x, const UmapOptions& o, Progress& progress) {
    checkOptions(x, o);
    const auto [a, b] = umapCurveParameters(o.minDist, o.spread);
    const int n = static_cast<int>(x.rows());
    UmapResult result;
    result.a = a;
    result.b = b;
    result.epochs = o.epochs > 0 ? o.epochs : (n <= 10000 ? 500 : 200);

    detail::SubProgress knnProgress(progress, 0.0, 0.2);
    const int k = o.neighbours - 1;  // the stimulus itself is umap-learn's first neighbour
    const KnnGraph knn = n <= o.exactKnnMaxN
                             ? exactKnn(x, k, KnnMetric::Euclidean, knnProgress)
                             : approximateKnn(x, k, KnnMetric::Euclidean, o.seed, knnProgress);
    detail::ProgressPacer graphPacer(progress, 0.2, 0.25);
    detail::UmapGraph graph = detail::fuzzySimplicialSet(knn, graphPacer);
    // umap-learn drops edges too weak to be sampled even once in the whole run.
    const double maxWeight = graph.coeffs().maxCoeff();
    graph.prune(
        [&](Eigen::Index, Eigen::Index, double v) { return v >= maxWeight / result.epochs; });
    graph.makeCompressed();
    result.edges = static_cast<int>(graph.nonZeros());

    // Initial layout, scaled like umap-learn: max |coordinate| 10, a little noise, then each
    // axis rescaled to [0, 10].
    detail::ProgressPacer initPacer(progress, 0.25, 0.3);
    detail::SeededRandom rng(o.seed);
    Eigen::MatrixXd init;
    result.initUsed = o.init;
    if (o.init == UmapInit::Spectral) {
        if (detail::connectedComponents(graph) == 1)
            init = detail::spectralLayout(graph, o.dims, initPacer);
        if (init.size() == 0) result.initUsed = UmapInit::Pca;
    }
    if (result.initUsed == UmapInit::Pca && x.cols() < o.dims) result.initUsed = UmapInit::Random;
    if (result.initUsed == UmapInit::Pca) {
        PcaOptions po;
        po.components = o.dims;
        po.seed = o.seed;
        detail::SubProgress pcaProgress(progress, 0.25, 0.3);
        init = computePca(x, po, pcaProgress).coordinates;
    } else if (result.initUsed == UmapInit::Random) {
        init.resize(n, o.dims);
        for (int i = 0; i < n; ++i)
            for (int d = 0; d < o.dims; ++d) init(i, d) = -10.0 + 20.0 * rng.uniform();
    }
    Points y = init;
    if (result.initUsed != UmapInit::Random) {
        const double maxAbs = y.cwiseAbs().maxCoeff();
        if (maxAbs > 0.0) y *= 10.0 / maxAbs;
        for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] += 1e-4 * rng.normal();
    }
    for (int d = 0; d < o.dims; ++d) {
        const double lo = y.col(d).minCoeff();
        const double hi = y.col(d).maxCoeff();
        if (hi > lo) y.col(d) = (10.0 * (y.col(d).array() - lo) / (hi - lo)).matrix();
    }

    detail::ProgressPacer sgdPacer(progress, 0.3, 1.0);
    if (result.edges > 0) optimiseLayout(y, graph, o, a, b, result.epochs, sgdPacer);
    result.embedding = y;
    progress.report(1.0);
    return result;
}

}  // namespace repscope::embed
