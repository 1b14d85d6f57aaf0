// Seriation: clustering recovers planted blocks, optimal leaf ordering is optimal.
#include <QtTest>
#include <algorithm>
#include <numeric>
#include <random>
#include <set>

#include "repscope/order/seriation.h"

using namespace repscope;
using namespace repscope::order;
using metrics::RdmMeasure;

namespace {

// k clusters of `size` stimuli in d dimensions, rows shuffled; labels[i] = cluster of row i.
MatrixF plantedClusters(int k, int size, int d, unsigned seed, std::vector<int>& labels) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0F, 1.0F);
    MatrixF centres(k, d);
    for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = 4.0F * normal(rng);
    std::vector<int> ids(static_cast<std::size_t>(k * size));
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int>(i) / size;
    std::shuffle(ids.begin(), ids.end(), rng);
    MatrixF x(k * size, d);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        for (Eigen::Index j = 0; j < d; ++j) {
            x(i, j) = centres(ids[static_cast<std::size_t>(i)], j) + 0.5F * normal(rng);
        }
    }
    labels = ids;
    return x;
}

// Number of places where the cluster label changes along the order.
int labelChanges(const std::vector<std::size_t>& order, const std::vector<int>& labels) {
    int changes = 0;
    for (std::size_t p = 0; p + 1 < order.size(); ++p) {
        changes += labels[order[p]] != labels[order[p + 1]] ? 1 : 0;
    }
    return changes;
}

bool isPermutation(std::vector<std::size_t> order, std::size_t n) {
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] != i) return false;
    }
    return order.size() == n;
}

Eigen::MatrixXd randomDissimilarities(int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Eigen::MatrixXd d = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j) d(i, j) = d(j, i) = u(rng);
    }
    return d;
}

// Best leaf order among all 2^(n−1) subtree flips, by brute force.
double bruteForceBest(const Dendrogram& tree, const Eigen::MatrixXd& d) {
    const std::size_t flips = tree.children.size();
    double best = 1e300;
    for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << flips); ++mask) {
        Dendrogram t = tree;
        for (std::size_t m = 0; m < flips; ++m) {
            if ((mask >> m) & 1U) std::swap(t.children[m][0], t.children[m][1]);
        }
        best = std::min(best, adjacentDissimilaritySum(d, dendrogramLeafOrder(t)));
    }
    return best;
}

}  // namespace

class TestTilesOrdering : public QObject {
    Q_OBJECT
private slots:
    void clusteringPutsPlantedBlocksOnTheDiagonal_data() {
        QTest::addColumn<int>("measure");
        QTest::newRow("correlation") << static_cast<int>(RdmMeasure::Correlation);
        QTest::newRow("euclidean") << static_cast<int>(RdmMeasure::Euclidean);
    }
    void clusteringPutsPlantedBlocksOnTheDiagonal() {
        QFETCH(int, measure);
        std::vector<int> labels;
        const MatrixF x = plantedClusters(6, 40, 20, 42, labels);
        QVERIFY(labelChanges([] {
                    std::vector<std::size_t> o(240);
                    std::iota(o.begin(), o.end(), std::size_t{0});
                    return o;
                }(), labels) > 100);
        const Ordering o = computeOrdering(x, static_cast<RdmMeasure>(measure),
                                           OrderingMethod::Clustered, nullptr);
        QVERIFY(isPermutation(o.order, 240));
        // Each planted cluster is one contiguous run: exactly 5 changes of label.
        QCOMPARE(labelChanges(o.order, labels), 5);
    }
    void linkageBuildsAValidTree() {
        const Eigen::MatrixXd d = randomDissimilarities(50, 3);
        const Dendrogram tree = averageLinkage(d);
        QCOMPARE(tree.children.size(), std::size_t{49});
        QVERIFY(isPermutation(dendrogramLeafOrder(tree), 50));
        // Average linkage heights never decrease along merges of the same chain when sorted.
        QVERIFY(*std::min_element(tree.heights.begin(), tree.heights.end()) >= 0.0);
    }
    void optimalLeafOrderIsOptimalOnSmallTrees() {
        for (unsigned seed = 1; seed <= 20; ++seed) {
            const Eigen::MatrixXd d = randomDissimilarities(9, seed);
            const Dendrogram tree = averageLinkage(d);
            const std::vector<std::size_t> olo = optimalLeafOrder(tree, d);
            QVERIFY(isPermutation(olo, 9));
            QVERIFY(std::abs(adjacentDissimilaritySum(d, olo) - bruteForceBest(tree, d)) < 1e-12);
        }
    }
    void optimalLeafOrderNeverIncreasesTheAdjacentSum() {
        for (unsigned seed = 1; seed <= 10; ++seed) {
            const Eigen::MatrixXd d = randomDissimilarities(150, 100 + seed);
            const Dendrogram tree = averageLinkage(d);
            const double plain = adjacentDissimilaritySum(d, dendrogramLeafOrder(tree));
            const std::vector<std::size_t> olo = optimalLeafOrder(tree, d);
            QVERIFY(isPermutation(olo, 150));
            QVERIFY(adjacentDissimilaritySum(d, olo) <= plain + 1e-9);
        }
    }
    void categoryOrderIsStableWithMissingLast() {
        CategoryColumn col;
        col.name = "category";
        col.categories = {"a", "b"};
        col.codes = {1, -1, 0, 1, 0};
        QCOMPARE(categoryOrder(col), (std::vector<std::size_t>{2, 4, 0, 3, 1}));
    }
    void largeNGroupsByCategoryAndClustersTheMeans() {
        std::vector<int> labels;
        const MatrixF x = plantedClusters(5, 30, 10, 9, labels);
        CategoryColumn col;
        col.name = "cluster";
        col.categories = {"0", "1", "2", "3", "4"};
        col.codes.assign(labels.begin(), labels.end());
        const Ordering o = computeOrdering(x, RdmMeasure::Correlation, OrderingMethod::Clustered,
                                           &col, 100);
        QVERIFY(isPermutation(o.order, 150));
        QCOMPARE(labelChanges(o.order, labels), 4);
        QVERIFY(o.description.find("categories") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestTilesOrdering)
#include "test_tiles_ordering.moc"
