// Mutual / Jaccard kNN overlap: identical inputs, a constructed example, tie-breaking, errors.
#include <QtTest>
#include <cmath>
#include <numbers>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/knn.h"

using namespace repscope::metrics;
using repscope::test::randomNormal;

namespace {

Eigen::MatrixXd points(std::initializer_list<double> degrees, std::initializer_list<double> radii) {
    Eigen::MatrixXd p(static_cast<Eigen::Index>(degrees.size()), 2);
    auto r = radii.begin();
    Eigen::Index i = 0;
    for (double d : degrees) {
        const double a = d * std::numbers::pi / 180.0;
        p(i, 0) = std::cos(a) * *r;
        p(i, 1) = std::sin(a) * *r;
        ++i;
        ++r;
    }
    return p;
}

}  // namespace

class TestMetricsKnn : public QObject {
    Q_OBJECT
private slots:
    void identicalInputsOverlapFully() {
        const Eigen::MatrixXd x = randomNormal(60, 5, 1);
        const KnnOverlap o = knnOverlap(x, 3.0 * x, 10);  // row scaling does not matter
        QCOMPARE(o.mutualKnn, 1.0);
        QCOMPARE(o.jaccardKnn, 1.0);
        QVERIFY((o.mutualPerStimulus.array() == 1.0).all());
    }

    void constructedExample() {
        // Points on rays at the given angles (degrees) and radii; expected by brute force:
        //   def pts(deg, r): a = np.radians(deg); return np.c_[np.cos(a), np.sin(a)] * np.array(r)[:, None]
        //   X = pts([0,10,25,90,100,180], [1,2,1,3,1,1]); Y = pts([0,50,20,95,92,170], [1,1,5,1,2,1])
        //   U = Z / norms; S = np.round(U @ U.T, 9)   # exact ties stay ties
        //   neighbours: sorted((-S[i, j], j) for j != i)[:k]
        //   k=1: per stimulus [0,0,0,1,1,0], mean 1/3 (Jaccard the same)
        //   k=2: mutual [1,.5,1,.5,.5,1] -> 0.75; Jaccard [1,1/3,1,1/3,1/3,1] -> 2/3
        //   k=3: mutual [2/3,2/3,2/3,1,2/3,2/3] -> 0.7222222222222222; Jaccard
        //        [.5,.5,.5,1,.5,.5] -> 0.5833333333333334. Stimulus 3 of Y (95°) has a tie at
        //        k=3: 20° and 170° are both 75° away; the lower index (2, at 20°) wins. Without
        //        the rounding, numpy's last-bit noise picks 170° and gives 2/3 and 0.5.
        const Eigen::MatrixXd x = points({0, 10, 25, 90, 100, 180}, {1, 2, 1, 3, 1, 1});
        const Eigen::MatrixXd y = points({0, 50, 20, 95, 92, 170}, {1, 1, 5, 1, 2, 1});
        KnnOverlap o = knnOverlap(x, y, 1);
        QVERIFY(std::abs(o.mutualKnn - 1.0 / 3) < 1e-12);
        Eigen::VectorXd e1(6);
        e1 << 0, 0, 0, 1, 1, 0;
        QCOMPARE(o.mutualPerStimulus, e1);
        o = knnOverlap(x, y, 2);
        QVERIFY(std::abs(o.mutualKnn - 0.75) < 1e-12);
        QVERIFY(std::abs(o.jaccardKnn - 2.0 / 3) < 1e-12);
        QVERIFY(std::abs(o.jaccardPerStimulus(1) - 1.0 / 3) < 1e-12);
        o = knnOverlap(x, y, 3);
        QVERIFY(std::abs(o.mutualKnn - 0.7222222222222222) < 1e-12);
        QVERIFY(std::abs(o.jaccardKnn - 0.5833333333333334) < 1e-12);
        QCOMPARE(o.mutualPerStimulus(3), 1.0);
    }

    void tiesGoToTheLowerIndex() {
        Eigen::MatrixXd x(4, 2);
        x << 1, 0, 0, 1, 0, 2, -1, 0;  // rows 1 and 2 point the same way
        const NeighbourMatrix nb = nearestNeighbours(x, 1);
        QCOMPARE(nb(0, 0), 1);  // rows 1, 2 tie at cosine 0
        QCOMPARE(nb(1, 0), 2);
        QCOMPARE(nb(2, 0), 1);
        QCOMPARE(nb(3, 0), 1);
        const NeighbourMatrix nb3 = nearestNeighbours(x, 3);
        QCOMPARE(nb3(0, 0), 1);
        QCOMPARE(nb3(0, 1), 2);
        QCOMPARE(nb3(0, 2), 3);
    }

    void errors() {
        Eigen::MatrixXd x = randomNormal(8, 3, 1);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)knnOverlap(x, x, 8));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)knnOverlap(x, x, 0));
        x.row(5).setZero();
        try {
            (void)knnOverlap(x, x, 2);
            QFAIL("expected FormatError");
        } catch (const repscope::FormatError& e) {
            QVERIFY2(QString(e.what()).contains("row 5"), e.what());
        }
        repscope::test::CancelAtFirstReport p;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)knnOverlap(randomNormal(50, 3, 2),
                                                                       randomNormal(50, 3, 3), 5, p));
    }
};

QTEST_APPLESS_MAIN(TestMetricsKnn)
#include "test_metrics_knn.moc"
