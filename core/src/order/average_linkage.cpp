#include <limits>

#include "repscope/error.h"
#include "repscope/order/seriation.h"

namespace repscope::order {

Dendrogram averageLinkage(const Eigen::MatrixXd& input, Progress& progress) {
    if (input.rows() != input.cols()) throw InputError("the dissimilarity matrix is not square");
    const auto n = static_cast<std::size_t>(input.rows());
    Dendrogram tree;
    tree.leaves = n;
    if (n < 2) return tree;
    Eigen::MatrixXd d = input;  // updated in place by the Lance–Williams formula
    std::vector<char> active(n, 1);
    std::vector<double> size(n, 1.0);
    std::vector<std::size_t> node(n);
    for (std::size_t i = 0; i < n; ++i) node[i] = i;
    std::vector<std::size_t> chain;
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t nextStart = 0;
    while (tree.children.size() + 1 < n) {
        if (chain.empty()) {
            while (!active[nextStart]) ++nextStart;
            chain.push_back(nextStart);
        }
        const std::size_t a = chain.back();
        const std::size_t prev = chain.size() > 1 ? chain[chain.size() - 2] : kNone;
        // Nearest active neighbour of a; ties go to the previous chain element so that the chain
        // ends in a reciprocal pair.
        std::size_t best = prev;
        double bestD = prev == kNone ? std::numeric_limits<double>::infinity()
                                     : d(static_cast<Eigen::Index>(prev), static_cast<Eigen::Index>(a));
        const double* col = d.col(static_cast<Eigen::Index>(a)).data();
        for (std::size_t k = 0; k < n; ++k) {
            if (!active[k] || k == a) continue;
            if (col[k] < bestD) {
                bestD = col[k];
                best = k;
            }
        }
        if (best == kNone) {  // only NaN dissimilarities left: merge with any active cluster
            for (std::size_t k = 0; k < n && best == kNone; ++k) {
                if (active[k] && k != a) best = k;
            }
            chain.push_back(best);
            continue;
        }
        if (best != prev) {
            chain.push_back(best);
            continue;
        }
        chain.pop_back();
        chain.pop_back();
        const auto ia = static_cast<Eigen::Index>(a);
        const auto ib = static_cast<Eigen::Index>(best);
        const double sa = size[a];
        const double sb = size[best];
        for (std::size_t k = 0; k < n; ++k) {
            if (!active[k] || k == a || k == best) continue;
            const auto ik = static_cast<Eigen::Index>(k);
            const double v = (sa * d(ik, ia) + sb * d(ik, ib)) / (sa + sb);
            d(ik, ia) = v;
            d(ia, ik) = v;
        }
        active[best] = 0;
        size[a] = sa + sb;
        const std::size_t first = std::min(node[a], node[best]);
        const std::size_t second = std::max(node[a], node[best]);
        tree.children.push_back({first, second});
        tree.heights.push_back(bestD);
        node[a] = n + tree.children.size() - 1;
        if ((tree.children.size() & 255U) == 0) {
            progress.report(static_cast<double>(tree.children.size()) / static_cast<double>(n));
        }
    }
    return tree;
}

std::vector<std::size_t> dendrogramLeafOrder(const Dendrogram& tree) {
    std::vector<std::size_t> out;
    if (tree.leaves == 0) return out;
    if (tree.leaves == 1) return {0};
    out.reserve(tree.leaves);
    std::vector<std::size_t> stack{tree.leaves + tree.children.size() - 1};
    while (!stack.empty()) {
        const std::size_t v = stack.back();
        stack.pop_back();
        if (v < tree.leaves) {
            out.push_back(v);
        } else {
            const auto& c = tree.children[v - tree.leaves];
            stack.push_back(c[1]);
            stack.push_back(c[0]);
        }
    }
    return out;
}

double adjacentDissimilaritySum(const Eigen::MatrixXd& d, const std::vector<std::size_t>& order) {
    double sum = 0.0;
    for (std::size_t p = 0; p + 1 < order.size(); ++p) {
        sum += d(static_cast<Eigen::Index>(order[p]), static_cast<Eigen::Index>(order[p + 1]));
    }
    return sum;
}

}  // namespace repscope::order
