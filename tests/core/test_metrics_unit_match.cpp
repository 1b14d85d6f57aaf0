// Unit matching and the Hungarian algorithm: brute force on small cases, permutation recovery.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/hungarian.h"
#include "repscope/metrics/unit_match.h"

using namespace repscope::metrics;
using repscope::test::randomNormal;

namespace {

// Best total weight over all injective maps rows → columns (rows ≤ cols), by enumeration.
double bruteForceBest(const Eigen::MatrixXd& w) {
    std::vector<int> cols(static_cast<std::size_t>(w.cols()));
    std::iota(cols.begin(), cols.end(), 0);
    double best = -1e300;
    do {
        double s = 0;
        for (Eigen::Index i = 0; i < w.rows(); ++i) s += w(i, cols[static_cast<std::size_t>(i)]);
        best = std::max(best, s);
    } while (std::next_permutation(cols.begin(), cols.end()));
    return best;
}

double matchedSum(const Eigen::MatrixXd& w, const std::vector<Eigen::Index>& p) {
    double s = 0;
    std::vector<int> seen(static_cast<std::size_t>(w.cols()), 0);
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
        const Eigen::Index j = p[static_cast<std::size_t>(i)];
        if (j < 0) continue;
        if (seen[static_cast<std::size_t>(j)]++) return -1e300;  // not one-to-one
        s += w(i, j);
    }
    return s;
}

}  // namespace

class TestMetricsUnitMatch : public QObject {
    Q_OBJECT
private slots:
    void hungarianMatchesBruteForce() {
        for (unsigned seed = 1; seed <= 5; ++seed) {
            const Eigen::MatrixXd square = randomNormal(7, 7, seed);
            QVERIFY(std::abs(matchedSum(square, hungarianMaxWeight(square)) - bruteForceBest(square)) < 1e-12);
            const Eigen::MatrixXd wide = randomNormal(4, 7, seed + 10);
            QVERIFY(std::abs(matchedSum(wide, hungarianMaxWeight(wide)) - bruteForceBest(wide)) < 1e-12);
            const Eigen::MatrixXd tall = randomNormal(7, 4, seed + 20);
            const std::vector<Eigen::Index> p = hungarianMaxWeight(tall);
            QCOMPARE(std::count(p.begin(), p.end(), -1), 3);
            const Eigen::MatrixXd tallT = tall.transpose();
            QVERIFY(std::abs(matchedSum(tall, p) - bruteForceBest(tallT)) < 1e-12);
        }
    }

    void recoversAPermutationOfUnits() {
        const Eigen::MatrixXd x = randomNormal(200, 12, 3);
        std::vector<Eigen::Index> perm(12);
        std::iota(perm.begin(), perm.end(), 0);
        std::shuffle(perm.begin(), perm.end(), std::mt19937(4));
        Eigen::MatrixXd y(200, 12);
        for (int j = 0; j < 12; ++j) {
            // positive scale and offset per unit, plus a little noise
            y.col(j) = (1.0 + j) * x.col(perm[static_cast<std::size_t>(j)]).array() + j;
        }
        y += 0.05 * randomNormal(200, 12, 5);
        const UnitMatch m = unitMatch(x, y);
        for (int j = 0; j < 12; ++j) QCOMPARE(m.partner[static_cast<std::size_t>(perm[static_cast<std::size_t>(j)])], j);
        QVERIFY(m.score > 0.99 && m.score <= 1.0);
        // reordered matrix: matches on the diagonal, in decreasing order
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(m.reordered(i, i), m.correlations(m.rowOrder[static_cast<std::size_t>(i)], m.colOrder[static_cast<std::size_t>(i)]));
            if (i > 0) QVERIFY(m.reordered(i, i) <= m.reordered(i - 1, i - 1));
        }
        // correlations against a direct Pearson formula
        const Eigen::VectorXd a = x.col(0).array() - x.col(0).mean();
        const Eigen::VectorXd b = y.col(5).array() - y.col(5).mean();
        QVERIFY(std::abs(m.correlations(0, 5) - a.dot(b) / (a.norm() * b.norm())) < 1e-12);
    }

    void rectangularAndConstantUnits() {
        Eigen::MatrixXd x = randomNormal(50, 6, 1);
        x.col(2).setConstant(1.5);  // a dead unit
        const Eigen::MatrixXd y = x.leftCols(4);
        const UnitMatch m = unitMatch(x, y);
        QCOMPARE(m.constantUnitsX, 1);
        QCOMPARE(m.constantUnitsY, 1);
        QCOMPARE(m.reordered.rows(), 6);
        QCOMPARE(m.reordered.cols(), 4);
        // units 0, 1, 3 match themselves with r = 1; the dead units pair up at 0: score 3/4
        QVERIFY(std::abs(m.score - 0.75) < 1e-12);
        repscope::test::CancelAtFirstReport p;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)unitMatch(x, y, p));
    }
};

QTEST_APPLESS_MAIN(TestMetricsUnitMatch)
#include "test_metrics_unit_match.moc"
