// Relative representations (Moschella et al. 2022): hand-computed cosines, invariance to
// rotation and scale of the input space, anchor choice and parsing, and errors.
#include <QtTest>

#include <cmath>
#include <set>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/cka.h"
#include "repscope/metrics/relative.h"

using namespace repscope::metrics;
using repscope::MatrixF;
using repscope::test::randomNormal;
using repscope::test::randomOrthogonal;

class TestMetricsRelative : public QObject {
    Q_OBJECT
private slots:
    void cosinesByHand() {
        MatrixF x(3, 2);
        x << 3, 4,   // |x0| = 5
            0, 2,    // |x1| = 2
            -1, 0;   // |x2| = 1
        const MatrixF r = relativeRepresentation(x, {0, 2});
        QCOMPARE(r.rows(), 3);
        QCOMPARE(r.cols(), 2);
        const float want[3][2] = {{1.0F, -0.6F}, {0.8F, 0.0F}, {-0.6F, 1.0F}};
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j) QVERIFY(std::abs(r(i, j) - want[i][j]) < 1e-6F);
    }

    void invariantToRotationAndScaleOfTheSpace() {
        // The point of the transform: X and c·X·Q (another "training run") become identical.
        const Eigen::MatrixXd x = randomNormal(50, 16, 1);
        const MatrixF xf = x.cast<float>();
        const MatrixF yf = (0.25 * x * randomOrthogonal(16, 2)).cast<float>();
        const auto anchors = chooseAnchors(50, 10, 7);
        const MatrixF rx = relativeRepresentation(xf, anchors);
        const MatrixF ry = relativeRepresentation(yf, anchors);
        QVERIFY((rx - ry).cwiseAbs().maxCoeff() < 1e-5F);
        // ... while a non-isotropic scaling of the space changes it.
        Eigen::VectorXd s = Eigen::VectorXd::Ones(16);
        s.head(8).setConstant(5.0);
        const MatrixF rz = relativeRepresentation((x * s.asDiagonal()).cast<float>(), anchors);
        QVERIFY((rx - rz).cwiseAbs().maxCoeff() > 0.05F);
    }

    void anchorChoiceIsSeededDistinctAndSorted() {
        const auto a = chooseAnchors(1000, 64, 3);
        QCOMPARE(a, chooseAnchors(1000, 64, 3));
        QVERIFY(a != chooseAnchors(1000, 64, 4));
        QCOMPARE(std::set<std::size_t>(a.begin(), a.end()).size(), std::size_t{64});
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QVERIFY(a.back() < 1000);
        QCOMPARE(chooseAnchors(5, 5, 9), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)chooseAnchors(5, 6, 0));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)chooseAnchors(5, 0, 0));
    }

    void anchorListsParse() {
        QCOMPARE(parseAnchors("3,0,7-9", 10), (std::vector<std::size_t>{3, 0, 7, 8, 9}));
        for (const char* bad : {"", "1,,2", "a", "-3", "4-2", "10", "1,1", "2-4,3"}) {
            bool threw = false;
            try {
                (void)parseAnchors(bad, 10);
            } catch (const repscope::InputError& e) {
                threw = QString(e.what()).startsWith("--anchors");
            }
            QVERIFY2(threw, bad);
        }
    }

    void zeroRowsAreNamed() {
        MatrixF x = randomNormal(6, 3, 5).cast<float>();
        x.row(4).setZero();
        const std::vector<std::string> labels{"a", "b", "c", "d", "zebra", "f"};
        try {
            (void)relativeRepresentation(x, {0, 1}, &labels);
            QFAIL("no error");
        } catch (const repscope::FormatError& e) {
            QVERIFY2(QString(e.what()).contains("zebra"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestMetricsRelative)
#include "test_metrics_relative.moc"
