// Procrustes shape distances: zero for similarity transforms, closed forms, D > N, errors.
#include <QtTest>
#include <cmath>
#include <numbers>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/procrustes.h"

using namespace repscope::metrics;
using repscope::test::randomNormal;
using repscope::test::randomOrthogonal;

class TestMetricsProcrustes : public QObject {
    Q_OBJECT
private slots:
    void zeroForScaledRotatedTranslatedCopies() {
        for (const auto& [n, d] : {std::pair{40, 6}, std::pair{10, 25}}) {
            const Eigen::MatrixXd x = randomNormal(n, d, 1);
            Eigen::MatrixXd y = 0.3 * x * randomOrthogonal(d, 2);
            y.rowwise() += randomNormal(1, d, 3).row(0);
            QVERIFY(procrustesAngular(x, y) < 1e-6);
            QVERIFY(procrustesEuclidean(x, y) < 1e-6);
            const repscope::MatrixF xf = x.cast<float>();
            const repscope::MatrixF yf = y.cast<float>();
            QVERIFY(procrustesAngular(xf, yf) < 1e-3);  // arccos near 1 amplifies float rounding
            QVERIFY(std::abs(procrustesAngular(xf, yf) - procrustesAngular(x, y)) < 1e-3);
        }
    }

    void closedFormExamples() {
        // X = e1-direction points, Y = e2-direction points: after centring both are rank one,
        // and a rotation maps one onto the other: distance 0. X one-dimensional against Y whose
        // centred columns are orthogonal to it with equal norms: ν = 1/√2, angle π/4.
        Eigen::MatrixXd x(4, 2), y(4, 2);
        x << 1, 0, -1, 0, 1, 0, -1, 0;
        y << 1, 1, 1, -1, -1, 1, -1, -1;  // columns ±1 patterns: (1,1,-1,-1) and (1,-1,1,-1)
        // centred x col0 = (1,-1,1,-1)/2-norm; y's second column is the same pattern, y's first
        // is orthogonal; ‖y‖_F² = 8, so ν = (2·2)/(2·√8) = 1/√2.
        QVERIFY(std::abs(procrustesAngular(x, y) - std::numbers::pi / 4) < 1e-12);
        QVERIFY(std::abs(procrustesEuclidean(x, y) - std::sqrt(2 - std::sqrt(2.0))) < 1e-12);
        QVERIFY(std::abs(procrustesAngular(x, x)) < 1e-7);
    }

    void errors() {
        const Eigen::MatrixXd x = randomNormal(10, 3, 1);
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError,
                                 (void)procrustesAngular(x, Eigen::MatrixXd::Ones(10, 2)));
        QVERIFY_THROWS_EXCEPTION(repscope::AlignmentError,
                                 (void)procrustesAngular(x, randomNormal(9, 3, 2)));
        repscope::test::CancelAtFirstReport p;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)procrustesEuclidean(x, x, p));
    }
};

QTEST_APPLESS_MAIN(TestMetricsProcrustes)
#include "test_metrics_procrustes.moc"
