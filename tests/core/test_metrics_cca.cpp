// CCA family: invariances, rank-deficient inputs, refusals, cancellation.
#include <QtTest>
#include <cmath>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/cca.h"

using namespace repscope::metrics;
using repscope::test::randomNormal;

class TestMetricsCca : public QObject {
    Q_OBJECT
private slots:
    void invariantToInvertibleLinearMaps() {
        const Eigen::MatrixXd x = randomNormal(80, 6, 1);
        const Eigen::MatrixXd y = x.leftCols(3) * randomNormal(3, 5, 2) + randomNormal(80, 5, 3);
        Eigen::MatrixXd xa = x * randomNormal(6, 6, 4);  // invertible with probability 1
        xa.rowwise() += randomNormal(1, 6, 5).row(0);
        QVERIFY(std::abs(ccaR2(x, xa) - 1.0) < 1e-9);
        QVERIFY(std::abs(pwcca(x, xa) - 1.0) < 1e-9);
        QVERIFY(std::abs(ccaR2(x, y) - ccaR2(xa, y)) < 1e-9);
        QVERIFY(std::abs(pwcca(y, x) - pwcca(y, xa)) < 1e-9);
        // Y shares 3 of its 5 dimensions with X: three canonical correlations near 1
        const CanonicalCorrelations c = canonicalCorrelations(x, y);
        QCOMPARE(c.rho.size(), 5);
        QVERIFY(c.rho(0) <= 1.0 && c.rho(4) >= 0.0);
        // svcca keeping everything equals the mean canonical correlation
        QVERIFY(std::abs(svcca(x, y, 1.0) - c.rho.mean()) < 1e-9);
        QVERIFY(svcca(x, y, 0.99) <= 1.0);
    }

    void rankDeficientInputsDoNotProduceGarbage() {
        const Eigen::MatrixXd base = randomNormal(50, 4, 7);
        Eigen::MatrixXd x(50, 7);
        // duplicated column, a constant (dead) unit and a sum of two columns
        x << base, base.col(0), Eigen::VectorXd::Constant(50, 3.0), base.col(1) + base.col(2);
        const Eigen::MatrixXd y = randomNormal(50, 4, 8);
        QVERIFY(std::abs(ccaR2(x, x) - 1.0) < 1e-9);
        QVERIFY(std::abs(ccaR2(x, base) - 1.0) < 1e-9);
        QVERIFY(std::abs(ccaR2(x, y) - ccaR2(base, y)) < 1e-9);
        const CanonicalCorrelations c = canonicalCorrelations(x, y);
        QCOMPARE(c.rankX, 4);
        // pwcca weights count X's columns (a duplicate counts twice), so only the Y-weighted
        // direction must agree; the X-weighted one must be a proper weighted mean.
        QVERIFY(std::abs(pwcca(y, x) - pwcca(y, base)) < 1e-9);
        const double pw = pwcca(x, y);
        QVERIFY(pw >= c.rho.minCoeff() - 1e-12 && pw <= c.rho.maxCoeff() + 1e-12);
        // float32 input with a float-rounded linear combination behaves the same
        const repscope::MatrixF xf = x.cast<float>();
        QVERIFY(std::abs(ccaR2(xf, xf) - 1.0) < 1e-6);
    }

    void refusesWhenFeaturesReachStimuli() {
        const Eigen::MatrixXd x = randomNormal(20, 20, 1);
        const Eigen::MatrixXd y = randomNormal(20, 5, 2);
        try {
            (void)ccaR2(x, y);
            QFAIL("expected InputError");
        } catch (const repscope::InputError& e) {
            QVERIFY2(QString(e.what()).contains("fewer features than stimuli"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)svcca(y, x));
        const Eigen::MatrixXd a = randomNormal(20, 10, 3);
        const Eigen::MatrixXd b = randomNormal(20, 10, 4);
        QVERIFY(std::isfinite(ccaR2(a, b)));
        try {
            (void)pwcca(a, b);
            QFAIL("expected InputError");
        } catch (const repscope::InputError& e) {
            QVERIFY2(QString(e.what()).contains("D + E <= N - 1"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)svcca(a, b, 1.5));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError,
                                 (void)ccaR2(Eigen::MatrixXd::Ones(20, 3), b));
    }

    void cancellationThrows() {
        const Eigen::MatrixXd x = randomNormal(100, 10, 1);
        repscope::test::CancelAtFirstReport p1, p2;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)ccaR2(x, x, p1));
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)pwcca(x, x, p2));
    }
};

QTEST_APPLESS_MAIN(TestMetricsCca)
#include "test_metrics_cca.moc"
