// t-SNE gradient: attractive forces on the sparse P, repulsive forces exactly or through a
// Barnes–Hut space-partitioning tree (quadtree in 2-D, octree in 3-D).
#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include "embed/tsne_internal.h"

namespace repscope::embed::detail {
namespace {

template <int D>
class SpaceTree {
public:
    struct Node {
        std::array<double, D> centre{};
        std::array<double, D> massCentre{};
        double halfWidth = 0.0;
        int count = 0;
        int begin = 0;  // points order_[begin, end) lie in this cell
        int end = 0;
        int firstChild = -1;  // children are contiguous; -1 for a leaf
        int childCount = 0;
    };

    explicit SpaceTree(const Points& y) : y_(y) {
        const int n = static_cast<int>(y.rows());
        order_.resize(static_cast<std::size_t>(n));
        scratch_.resize(order_.size());
        for (int i = 0; i < n; ++i) order_[static_cast<std::size_t>(i)] = i;
        Node root;
        double half = 0.0;
        for (int d = 0; d < D; ++d) {
            const double lo = y.col(d).minCoeff();
            const double hi = y.col(d).maxCoeff();
            root.centre[static_cast<std::size_t>(d)] = 0.5 * (lo + hi);
            half = std::max(half, 0.5 * (hi - lo));
        }
        root.halfWidth = half * (1.0 + 1e-9) + 1e-12;
        root.end = n;
        nodes_.reserve(2 * order_.size());
        nodes_.push_back(root);
        build(0, 0);
    }

    // Repulsion on point i: adds Σ_j q_ij² (y_i − y_j) to force and returns Σ_j q_ij,
    // q_ij = 1 / (1 + ‖y_i − y_j‖²), cells summarised per the opening angle theta.
    double repulsion(int i, double theta2, double* force) const {
        std::array<double, D> yi{};
        for (int d = 0; d < D; ++d) yi[static_cast<std::size_t>(d)] = y_(i, d);
        double z = 0.0;
        int stack[64 * (1 << D)];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Node& node = nodes_[static_cast<std::size_t>(stack[--top])];
            if (node.firstChild < 0) {
                for (int t = node.begin; t < node.end; ++t) {
                    const int j = order_[static_cast<std::size_t>(t)];
                    if (j == i) continue;
                    std::array<double, D> diff{};
                    double d2 = 0.0;
                    for (int d = 0; d < D; ++d) {
                        diff[static_cast<std::size_t>(d)] =
                            yi[static_cast<std::size_t>(d)] - y_(j, d);
                        d2 += diff[static_cast<std::size_t>(d)] * diff[static_cast<std::size_t>(d)];
                    }
                    const double q = 1.0 / (1.0 + d2);
                    z += q;
                    for (int d = 0; d < D; ++d)
                        force[d] += q * q * diff[static_cast<std::size_t>(d)];
                }
                continue;
            }
            std::array<double, D> diff{};
            double d2 = 0.0;
            for (std::size_t d = 0; d < D; ++d) {
                diff[d] = yi[d] - node.massCentre[d];
                d2 += diff[d] * diff[d];
            }
            const double width = 2.0 * node.halfWidth;
            if (width * width < theta2 * d2) {
                const double q = 1.0 / (1.0 + d2);
                const double mass = static_cast<double>(node.count);
                z += mass * q;
                for (int d = 0; d < D; ++d)
                    force[d] += mass * q * q * diff[static_cast<std::size_t>(d)];
            } else {
                for (int c = 0; c < node.childCount; ++c) stack[top++] = node.firstChild + c;
            }
        }
        return z;
    }

private:
    void build(int index, int depth) {
        Node node = nodes_[static_cast<std::size_t>(index)];
        node.count = node.end - node.begin;
        for (int t = node.begin; t < node.end; ++t)
            for (int d = 0; d < D; ++d)
                node.massCentre[static_cast<std::size_t>(d)] +=
                    y_(order_[static_cast<std::size_t>(t)], d);
        for (auto& m : node.massCentre) m /= node.count;
        // Leaves: one point, coincident points (depth limit), or a degenerate cell.
        if (node.count <= 1 || depth >= 60 || node.halfWidth < 1e-12) {
            nodes_[static_cast<std::size_t>(index)] = node;
            return;
        }
        constexpr int kChildren = 1 << D;
        std::array<int, kChildren + 1> start{};
        auto code = [&](int p) {
            int c = 0;
            for (int d = 0; d < D; ++d)
                c |= (y_(p, d) > node.centre[static_cast<std::size_t>(d)] ? 1 : 0) << d;
            return c;
        };
        for (int t = node.begin; t < node.end; ++t)
            ++start[static_cast<std::size_t>(code(order_[static_cast<std::size_t>(t)]) + 1)];
        for (int c = 0; c < kChildren; ++c)
            start[static_cast<std::size_t>(c + 1)] += start[static_cast<std::size_t>(c)];
        std::array<int, kChildren> fill{};
        for (int t = node.begin; t < node.end; ++t) {
            const int p = order_[static_cast<std::size_t>(t)];
            const int c = code(p);
            scratch_[static_cast<std::size_t>(node.begin + start[static_cast<std::size_t>(c)] +
                                              fill[static_cast<std::size_t>(c)]++)] = p;
        }
        std::copy(scratch_.begin() + node.begin, scratch_.begin() + node.end,
                  order_.begin() + node.begin);
        node.firstChild = static_cast<int>(nodes_.size());
        for (int c = 0; c < kChildren; ++c) {
            const int b = node.begin + start[static_cast<std::size_t>(c)];
            const int e = node.begin + start[static_cast<std::size_t>(c + 1)];
            if (b == e) continue;
            Node child;
            child.halfWidth = 0.5 * node.halfWidth;
            for (int d = 0; d < D; ++d) {
                const double sign = ((c >> d) & 1) != 0 ? 1.0 : -1.0;
                child.centre[static_cast<std::size_t>(d)] =
                    node.centre[static_cast<std::size_t>(d)] + sign * child.halfWidth;
            }
            child.begin = b;
            child.end = e;
            nodes_.push_back(child);
            ++node.childCount;
        }
        nodes_[static_cast<std::size_t>(index)] = node;
        for (int c = 0; c < node.childCount; ++c) build(node.firstChild + c, depth + 1);
    }

    const Points& y_;
    std::vector<Node> nodes_;
    std::vector<int> order_;
    std::vector<int> scratch_;
};

// Below this many points one iteration takes about a millisecond on one core, and waking a
// thread team every iteration costs more than it saves when other processes share the CPUs.
constexpr int kParallelMinPoints = 4096;

// Σ_j q_ij² (y_i − y_j) and Σ_j q_ij over all j ≠ i, exactly.
double exactRepulsion(const Points& y, int i, double* force) {
    const auto n = y.rows();
    const auto dims = y.cols();
    double z = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        if (j == i) continue;
        double d2 = 0.0;
        for (Eigen::Index d = 0; d < dims; ++d) {
            const double diff = y(i, d) - y(j, d);
            d2 += diff * diff;
        }
        const double q = 1.0 / (1.0 + d2);
        z += q;
        for (Eigen::Index d = 0; d < dims; ++d) force[d] += q * q * (y(i, d) - y(j, d));
    }
    return z;
}

// Σ_j p_ij q_ij (y_i − y_j) over the stored neighbours of i.
void attraction(const Points& y, const SparseRows& p, int i, double* force) {
    const auto dims = y.cols();
    for (SparseRows::InnerIterator it(p, i); it; ++it) {
        const int j = it.col();
        double d2 = 0.0;
        for (Eigen::Index d = 0; d < dims; ++d) {
            const double diff = y(i, d) - y(j, d);
            d2 += diff * diff;
        }
        const double w = it.value() / (1.0 + d2);
        for (Eigen::Index d = 0; d < dims; ++d) force[d] += w * (y(i, d) - y(j, d));
    }
}

// Attractive and (unnormalised) repulsive forces of every point in one parallel pass;
// per-point kernel sums into zRow.
template <int D>
void forces(const Points& y, const SparseRows& p, bool exact, double theta, Points& attr,
            Points& rep, std::vector<double>& zRow) {
    std::unique_ptr<SpaceTree<D>> tree;
    if (!exact) tree = std::make_unique<SpaceTree<D>>(y);
    const int n = static_cast<int>(y.rows());
    const double theta2 = theta * theta;
#pragma omp parallel for schedule(dynamic, 256) if (n >= kParallelMinPoints)
    for (int i = 0; i < n; ++i) {
        zRow[static_cast<std::size_t>(i)] = exact ? exactRepulsion(y, i, rep.row(i).data())
                                                  : tree->repulsion(i, theta2, rep.row(i).data());
        attraction(y, p, i, attr.row(i).data());
    }
}

}  // namespace

double tsneGradient(const Points& y, const SparseRows& p, double exaggeration, bool exact,
                    double theta, Points& grad) {
    const int n = static_cast<int>(y.rows());
    const auto dims = y.cols();
    Points rep = Points::Zero(n, dims);
    Points attr = Points::Zero(n, dims);
    std::vector<double> zRow(static_cast<std::size_t>(n), 0.0);
    if (dims == 2) {
        forces<2>(y, p, exact, theta, attr, rep, zRow);
    } else {
        forces<3>(y, p, exact, theta, attr, rep, zRow);
    }
    double z = 0.0;
    for (double v : zRow) z += v;  // fixed order: deterministic whatever the thread count
    grad = 4.0 * (exaggeration * attr - rep / z);
    return z;
}

double tsneKlDivergence(const Points& y, const SparseRows& p, double z) {
    double kl = 0.0;
    for (int i = 0; i < p.outerSize(); ++i) {
        for (SparseRows::InnerIterator it(p, i); it; ++it) {
            const double d2 = (y.row(i) - y.row(it.col())).squaredNorm();
            const double q = 1.0 / ((1.0 + d2) * z);
            if (it.value() > 0.0) kl += it.value() * std::log(it.value() / std::max(q, 1e-300));
        }
    }
    return kl;
}

}  // namespace repscope::embed::detail
