#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "embed/umap_internal.h"

namespace repscope::embed::detail {
namespace {

// y = D^−½ A D^−½ x (its largest eigenvalues are the normalised Laplacian's smallest).
class NormalisedAdjacencyOp {
public:
    using Scalar = double;
    NormalisedAdjacencyOp(const UmapGraph& graph, const Eigen::VectorXd& invSqrtDegree,
                          ProgressPacer& pacer)
        : graph_(graph), invSqrtDegree_(invSqrtDegree), pacer_(&pacer) {}
    [[nodiscard]] Eigen::Index rows() const { return graph_.rows(); }
    [[nodiscard]] Eigen::Index cols() const { return graph_.cols(); }
    void perform_op(const double* in, double* out) const {
        pacer_->tick(0.5);
        const Eigen::Map<const Eigen::VectorXd> x(in, rows());
        Eigen::Map<Eigen::VectorXd> y(out, rows());
        y.noalias() = graph_ * x.cwiseProduct(invSqrtDegree_);
        y.array() *= invSqrtDegree_.array();
    }

private:
    const UmapGraph& graph_;
    const Eigen::VectorXd& invSqrtDegree_;
    ProgressPacer* pacer_;
};

}  // namespace

UmapGraph fuzzySimplicialSet(const KnnGraph& knn, ProgressPacer& pacer) {
    const int n = knn.n;
    const int k = knn.k;
    const double target = std::log2(static_cast<double>(k + 1));  // n_neighbors counts self
    constexpr double kTolerance = 1e-5;
    constexpr double kMinDistScale = 1e-3;
    double meanAll = 0.0;  // over the n × (k + 1) table, self's 0 included, as umap-learn
    for (float d : knn.distances) meanAll += d;
    meanAll /= static_cast<double>(n) * (k + 1);

    std::vector<Eigen::Triplet<double, int>> triplets(static_cast<std::size_t>(n) * k);
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; ++i) {
        const float* dist = knn.neighbourDistances(i);
        double rho = 0.0;  // distance to the nearest neighbour at a non-zero distance
        double meanRow = 0.0;
        for (int c = 0; c < k; ++c) {
            if (rho == 0.0 && dist[c] > 0.0F) rho = dist[c];
            meanRow += dist[c];
        }
        meanRow /= (k + 1);
        double lo = 0.0;
        double hi = std::numeric_limits<double>::infinity();
        double mid = 1.0;
        for (int step = 0; step < 64; ++step) {
            double psum = 0.0;
            for (int c = 0; c < k; ++c) {
                const double d = dist[c] - rho;
                psum += d > 0.0 ? std::exp(-d / mid) : 1.0;
            }
            if (std::abs(psum - target) < kTolerance) break;
            if (psum > target) {
                hi = mid;
                mid = 0.5 * (lo + hi);
            } else {
                lo = mid;
                mid = std::isinf(hi) ? mid * 2.0 : 0.5 * (lo + hi);
            }
        }
        double sigma = mid;
        sigma = std::max(sigma, kMinDistScale * (rho > 0.0 ? meanRow : meanAll));
        const auto* nb = knn.neighbours(i);
        for (int c = 0; c < k; ++c) {
            const double d = dist[c] - rho;
            const double w = (d <= 0.0 || sigma == 0.0) ? 1.0 : std::exp(-d / sigma);
            triplets[static_cast<std::size_t>(i) * k + c] = {i, nb[c], w};
        }
    }
    pacer.tick(0.5);
    UmapGraph a(n, n);
    a.setFromTriplets(triplets.begin(), triplets.end());
    const UmapGraph at = a.transpose();
    UmapGraph g = a + at - UmapGraph(a.cwiseProduct(at));
    g.prune(0.0);
    g.makeCompressed();
    pacer.tick(1.0);
    return g;
}

int connectedComponents(const UmapGraph& graph) {
    const auto n = static_cast<int>(graph.rows());
    std::vector<int> label(static_cast<std::size_t>(n), -1);
    std::vector<int> stack;
    int components = 0;
    for (int s = 0; s < n; ++s) {
        if (label[static_cast<std::size_t>(s)] >= 0) continue;
        label[static_cast<std::size_t>(s)] = components;
        stack.push_back(s);
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            for (UmapGraph::InnerIterator it(graph, v); it; ++it) {
                if (label[static_cast<std::size_t>(it.col())] < 0) {
                    label[static_cast<std::size_t>(it.col())] = components;
                    stack.push_back(it.col());
                }
            }
        }
        ++components;
    }
    return components;
}

Eigen::MatrixXd spectralLayout(const UmapGraph& graph, int dims, ProgressPacer& pacer) {
    const auto n = graph.rows();
    Eigen::VectorXd degree = Eigen::VectorXd::Zero(n);
    for (int i = 0; i < n; ++i)
        for (UmapGraph::InnerIterator it(graph, i); it; ++it) degree(i) += it.value();
    if ((degree.array() <= 0.0).any()) return {};
    const Eigen::VectorXd invSqrt = degree.cwiseSqrt().cwiseInverse();
    NormalisedAdjacencyOp op(graph, invSqrt, pacer);
    const int nev = dims + 1;
    const auto ncv = std::min<Eigen::Index>(
        n, std::max<Eigen::Index>(2 * nev + 1, static_cast<Eigen::Index>(std::sqrt(n))));
    Spectra::SymEigsSolver<NormalisedAdjacencyOp> eigs(op, nev, ncv);
    eigs.init();  // Spectra's fixed-seed start vector: deterministic
    eigs.compute(Spectra::SortRule::LargestAlge, 5 * n, 1e-4, Spectra::SortRule::LargestAlge);
    if (eigs.info() != Spectra::CompInfo::Successful) return {};
    // Descending; the first is the trivial eigenvector D^½·1 (eigenvalue 1).
    Eigen::MatrixXd layout = eigs.eigenvectors().middleCols(1, dims);
    for (int c = 0; c < dims; ++c) {  // sign: largest |entry| positive, for determinism
        Eigen::Index arg = 0;
        layout.col(c).cwiseAbs().maxCoeff(&arg);
        if (layout(arg, c) < 0.0) layout.col(c) *= -1.0;
    }
    return layout;
}

}  // namespace repscope::embed::detail
