#include "repscope/embed/tsne.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "embed/input_checks.h"
#include "embed/random.h"
#include "embed/tsne_internal.h"
#include "repscope/embed/knn.h"
#include "repscope/embed/pca.h"
#include "repscope/error.h"

namespace repscope::embed {
namespace {

using detail::Points;

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void checkOptions(const MatrixF& x, const TsneOptions& o) {
    detail::checkFeatureMatrix(x, "t-SNE input");
    detail::checkOutputDims(o.dims, "t-SNE");
    const double n = static_cast<double>(x.rows());
    const double maxPerplexity = (n - 1.0) / 3.0;
    if (!(o.perplexity > 0.0) || !(o.perplexity < maxPerplexity)) {
        throw InputError("t-SNE needs 0 < perplexity < (N − 1) / 3 = " + number(maxPerplexity) +
                         " for N = " + std::to_string(x.rows()) + " stimuli; got " +
                         number(o.perplexity) + ".");
    }
    if (o.iterations < 1 || o.exaggerationIterations < 0 ||
        o.exaggerationIterations > o.iterations) {
        throw InputError(
            "t-SNE needs iterations ≥ 1 and 0 ≤ exaggeration iterations ≤ "
            "iterations; got " +
            std::to_string(o.iterations) + " and " + std::to_string(o.exaggerationIterations) +
            ".");
    }
    if (!(o.earlyExaggeration > 0.0) || !(o.theta >= 0.0)) {
        throw InputError("t-SNE needs a positive early exaggeration and θ ≥ 0.");
    }
}

Points initialLayout(const MatrixF& x, const TsneOptions& o, Progress& progress) {
    const auto n = x.rows();
    Points y(n, o.dims);
    if (o.init == TsneInit::Pca && x.cols() >= o.dims) {
        PcaOptions po;
        po.components = o.dims;
        po.seed = o.seed;
        y = computePca(x, po, progress).coordinates;
        // sklearn: PCA scores / std(first axis) · 1e-4, so that the early phase starts compact.
        const double mean = y.col(0).mean();
        const double sd = std::sqrt((y.col(0).array() - mean).square().mean());
        y *= sd > 0.0 ? 1e-4 / sd : 1.0;
    } else {
        detail::SeededRandom rng(o.seed);
        for (Eigen::Index i = 0; i < n; ++i)
            for (int d = 0; d < o.dims; ++d) y(i, d) = 1e-4 * rng.normal();
    }
    return y;
}

}  // namespace

TsneResult computeTsne(const MatrixF& x, const TsneOptions& o, Progress& progress) {
    checkOptions(x, o);
    const int n = static_cast<int>(x.rows());
    TsneResult result;
    result.exactGradient = o.gradient == TsneGradient::Exact ||
                           (o.gradient == TsneGradient::Auto && n <= o.exactGradientMaxN);

    // Affinities on the kNN graph; the exact method uses every other stimulus (dense P).
    const int k =
        result.exactGradient ? n - 1 : std::min(n - 1, static_cast<int>(3.0 * o.perplexity + 1.0));
    detail::SubProgress knnProgress(progress, 0.0, 0.15);
    const KnnGraph knn = n <= o.exactKnnMaxN
                             ? exactKnn(x, k, KnnMetric::Euclidean, knnProgress)
                             : approximateKnn(x, k, KnnMetric::Euclidean, o.seed, knnProgress);
    detail::ProgressPacer affinityPacer(progress, 0.15, 0.2);
    const detail::SparseRows p = detail::tsneAffinities(knn, o.perplexity, affinityPacer);

    detail::SubProgress initProgress(progress, 0.2, 0.25);
    Points y = initialLayout(x, o, initProgress);

    result.learningRate = o.learningRate > 0.0
                              ? o.learningRate
                              : std::max(static_cast<double>(n) / o.earlyExaggeration / 4.0, 50.0);
    detail::ProgressPacer pacer(progress, 0.25, 1.0);
    Points grad;
    Points update;
    Points gains;
    double z = 1.0;
    for (int it = 0; it < o.iterations; ++it) {
        const bool early = it < o.exaggerationIterations;
        if (it == 0 || it == o.exaggerationIterations) {
            // sklearn restarts momentum and gains at each phase.
            update = Points::Zero(n, o.dims);
            gains = Points::Ones(n, o.dims);
        }
        const double momentum = early ? 0.5 : 0.8;
        z = detail::tsneGradient(y, p, early ? o.earlyExaggeration : 1.0, result.exactGradient,
                                 o.theta, grad);
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            double& g = gains.data()[i];
            const double gi = grad.data()[i];
            double& u = update.data()[i];
            g = (u * gi < 0.0) ? g + 0.2 : g * 0.8;  // delta-bar-delta
            g = std::max(g, 0.01);
            u = momentum * u - result.learningRate * g * gi;
            y.data()[i] += u;
        }
        pacer.tick(static_cast<double>(it + 1) / o.iterations);
    }
    // Z for the final layout (the loop's Z belongs to the layout before the last step).
    z = detail::tsneGradient(y, p, 1.0, result.exactGradient, o.theta, grad);
    result.klDivergence = detail::tsneKlDivergence(y, p, z);
    result.embedding = y;
    progress.report(1.0);
    return result;
}

}  // namespace repscope::embed
