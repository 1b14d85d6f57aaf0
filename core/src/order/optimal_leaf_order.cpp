// Optimal leaf ordering (Bar-Joseph et al. 2001). Leaves are first renumbered by the plain
// dendrogram order, so that every subtree covers a contiguous range [lo, hi) and the inner
// loops run over contiguous segments. M(i, j), for leaves i and j on different sides of their
// lowest common ancestor v, is the least cost of v's subtree when i is its leftmost and j its
// rightmost leaf; M is symmetric (reversing an order keeps its cost) and M(i, i) = 0.
#include <limits>

#include "repscope/error.h"
#include "repscope/order/seriation.h"

namespace repscope::order {

namespace {

struct Range {
    std::size_t lo = 0;
    std::size_t split = 0;  // first position of the second child (== hi for a leaf)
    std::size_t hi = 0;
};

// Positions k that can sit at the inner end of subtree `r` when i is at its outer end.
inline std::pair<std::size_t, std::size_t> otherSide(const Range& r, std::size_t i) {
    if (r.hi - r.lo == 1) return {i, i + 1};
    return i < r.split ? std::pair{r.split, r.hi} : std::pair{r.lo, r.split};
}

}  // namespace

std::vector<std::size_t> optimalLeafOrder(const Dendrogram& tree, const Eigen::MatrixXd& d,
                                          Progress& progress) {
    const std::size_t n = tree.leaves;
    if (static_cast<std::size_t>(d.rows()) != n || static_cast<std::size_t>(d.cols()) != n) {
        throw InputError("the dissimilarity matrix does not match the dendrogram");
    }
    const std::vector<std::size_t> plain = dendrogramLeafOrder(tree);
    if (n < 3) return plain;
    const std::size_t nodes = n + tree.children.size();

    // Ranges in plain-order positions, top-down from the root.
    std::vector<std::size_t> leafCount(nodes, 1);
    for (std::size_t m = 0; m < tree.children.size(); ++m) {
        leafCount[n + m] = leafCount[tree.children[m][0]] + leafCount[tree.children[m][1]];
    }
    std::vector<Range> range(nodes);
    range[nodes - 1] = {0, 0, n};
    for (std::size_t v = nodes; v-- > n;) {
        const auto& c = tree.children[v - n];
        Range& r = range[v];
        r.split = r.lo + leafCount[c[0]];
        range[c[0]] = {r.lo, r.lo, r.split};
        range[c[1]] = {r.split, r.split, r.hi};
    }
    for (std::size_t leaf = 0; leaf < n; ++leaf) range[leaf].split = range[leaf].hi;
    for (std::size_t v = n; v < nodes; ++v) {
        const auto& c = tree.children[v - n];
        range[v].split = range[c[0]].hi;
    }

    using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    RowMatrix dp(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b) {
            dp(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) =
                d(static_cast<Eigen::Index>(plain[a]), static_cast<Eigen::Index>(plain[b]));
        }
    }
    RowMatrix m = RowMatrix::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    Eigen::VectorXd t;
    double work = 0.0;
    const double totalWork = static_cast<double>(n) * static_cast<double>(n);
    for (std::size_t v = n; v < nodes; ++v) {
        const auto& c = tree.children[v - n];
        const Range& w = range[c[0]];
        const Range& x = range[c[1]];
        const auto s = static_cast<Eigen::Index>(x.lo);
        const auto width = static_cast<Eigen::Index>(x.hi - x.lo);
        for (std::size_t i = w.lo; i < w.hi; ++i) {
            const auto ii = static_cast<Eigen::Index>(i);
            const auto [k0, k1] = otherSide(w, i);
            t.setConstant(width, std::numeric_limits<double>::infinity());
            for (std::size_t k = k0; k < k1; ++k) {
                const auto ik = static_cast<Eigen::Index>(k);
                t = t.cwiseMin((m(ii, ik) + dp.row(ik).segment(s, width).array()).matrix().transpose());
            }
            for (std::size_t j = x.lo; j < x.hi; ++j) {
                const auto ij = static_cast<Eigen::Index>(j);
                const auto [l0, l1] = otherSide(x, j);
                const auto len = static_cast<Eigen::Index>(l1 - l0);
                const auto off = static_cast<Eigen::Index>(l0) - s;
                const double best =
                    (t.segment(off, len) + m.row(ij).segment(static_cast<Eigen::Index>(l0), len).transpose())
                        .minCoeff();
                m(ii, ij) = best;
                m(ij, ii) = best;
            }
        }
        work += static_cast<double>(w.hi - w.lo) * static_cast<double>(x.hi - x.lo);
        progress.report(work / totalWork);
    }

    // Best ends at the root, then walk down choosing the inner ends that realise M.
    const Range& root = range[nodes - 1];
    std::size_t bi = 0;
    std::size_t bj = 0;
    double bestCost = std::numeric_limits<double>::infinity();
    for (std::size_t i = root.lo; i < root.split; ++i) {
        for (std::size_t j = root.split; j < root.hi; ++j) {
            const double cost = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
            if (cost < bestCost) {
                bestCost = cost;
                bi = i;
                bj = j;
            }
        }
    }
    struct Step {
        std::size_t node, left, right;
    };
    std::vector<Step> stack{{nodes - 1, bi, bj}};
    std::vector<std::size_t> out;
    out.reserve(n);
    while (!stack.empty()) {
        const Step st = stack.back();
        stack.pop_back();
        if (st.node < n) {
            out.push_back(plain[st.left]);
            continue;
        }
        const auto& c = tree.children[st.node - n];
        const bool straight = st.left < range[c[0]].hi && st.left >= range[c[0]].lo;
        const std::size_t leftChild = straight ? c[0] : c[1];
        const std::size_t rightChild = straight ? c[1] : c[0];
        const auto [k0, k1] = otherSide(range[leftChild], st.left);
        const auto [l0, l1] = otherSide(range[rightChild], st.right);
        std::size_t bk = k0;
        std::size_t bl = l0;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t k = k0; k < k1; ++k) {
            for (std::size_t l = l0; l < l1; ++l) {
                const double cost =
                    m(static_cast<Eigen::Index>(st.left), static_cast<Eigen::Index>(k)) +
                    dp(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(l)) +
                    m(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(st.right));
                if (cost < best) {
                    best = cost;
                    bk = k;
                    bl = l;
                }
            }
        }
        stack.push_back({rightChild, bl, st.right});
        stack.push_back({leftChild, st.left, bk});
    }
    return out;
}

}  // namespace repscope::order
