// Student t tail, incomplete beta, t tests and Benjamini–Hochberg against scipy/numpy
// (tests/fixtures/alignment_reference.py t_tests) and analytic cases.
#include <QtTest>
#include <cmath>

#include "alignment_test_support.h"
#include "repscope/stats/t_tests.h"

using namespace repscope;
using namespace repscope::test;

class TestStatsTTests : public QObject {
    Q_OBJECT
private slots:
    void matchesScipy() {
        const QJsonObject ref = alignmentReference("t_tests");
        for (const QJsonValue& row : ref["sf"].toArray()) {
            const QJsonArray r = row.toArray();
            const double got = stats::studentTSf(r[0].toDouble(), r[1].toDouble());
            QVERIFY2(near(got, r[2].toDouble(), 1e-12),
                     qPrintable(QStringLiteral("t.sf(%1, %2) = %3, scipy %4")
                                    .arg(r[0].toDouble()).arg(r[1].toDouble())
                                    .arg(got, 0, 'g', 17).arg(r[2].toDouble(), 0, 'g', 17)));
        }
        for (const QJsonValue& row : ref["beta"].toArray()) {
            const QJsonArray r = row.toArray();
            const double got = stats::regularizedIncompleteBeta(r[0].toDouble(), r[1].toDouble(),
                                                                r[2].toDouble());
            QVERIFY2(near(got, r[3].toDouble(), 1e-12), qPrintable(QString::number(got, 'g', 17)));
        }
        const std::vector<double> x = jsonDoubles(ref["x"]);
        const std::vector<double> y = jsonDoubles(ref["y"]);
        const stats::TTest one = stats::oneSampleTTestGreater(x);
        QVERIFY(near(one.t, ref["one_sample"].toArray()[0].toDouble(), 1e-12));
        QVERIFY(near(one.p, ref["one_sample"].toArray()[1].toDouble(), 1e-12));
        const stats::TTest paired = stats::pairedTTest(x, y);
        QVERIFY(near(paired.t, ref["paired"].toArray()[0].toDouble(), 1e-12));
        QVERIFY(near(paired.p, ref["paired"].toArray()[1].toDouble(), 1e-12));
        QVERIFY(near(stats::meanAndSem(x).sem, ref["sem"].toDouble(), 1e-15));
        const std::vector<double> q = stats::benjaminiHochberg(jsonDoubles(ref["p"]));
        const std::vector<double> want = jsonDoubles(ref["bh"]);
        QCOMPARE(q.size(), want.size());
        for (std::size_t k = 0; k < q.size(); ++k) QVERIFY(near(q[k], want[k], 1e-15));
    }

    void analyticCases() {
        // t = 0: half the mass on each side; symmetric tails; ν = 1 is Cauchy: ½ − atan(t)/π.
        QCOMPARE(stats::studentTSf(0.0, 4.0), 0.5);
        QVERIFY(near(stats::studentTSf(1.7, 6) + stats::studentTSf(-1.7, 6), 1.0, 1e-15));
        QVERIFY(near(stats::studentTSf(2.5, 1), 0.5 - std::atan(2.5) / M_PI, 1e-14));
        // ν = 2: P(T > t) = ½ (1 − t / √(2 + t²)).
        QVERIFY(near(stats::studentTSf(0.8, 2), 0.5 * (1 - 0.8 / std::sqrt(2.64)), 1e-14));
        QVERIFY(std::isnan(stats::studentTSf(1.0, 0.0)));
        QVERIFY(std::isnan(stats::regularizedIncompleteBeta(1, 1, 1.5)));
        QCOMPARE(stats::regularizedIncompleteBeta(1, 1, 0.3), 0.3);  // uniform
        // One value: no spread, no test; constant values: t = ∞, p = 0 (as scipy).
        QVERIFY(std::isnan(stats::oneSampleTTestGreater({0.4}).p));
        QVERIFY(std::isnan(stats::meanAndSem({0.4}).sem));
        QCOMPARE(stats::oneSampleTTestGreater({0.4, 0.4, 0.4}).p, 0.0);
        QVERIFY(std::isnan(stats::pairedTTest({1, 2}, {1, 2}).p));
        // BH: NaN stays NaN and does not count; one p is its own q.
        const auto q = stats::benjaminiHochberg({0.02, std::nan(""), 0.04});
        QCOMPARE(q[0], 0.04);
        QVERIFY(std::isnan(q[1]));
        QCOMPARE(q[2], 0.04);
        QVERIFY(stats::benjaminiHochberg({}).empty());
    }
};

QTEST_APPLESS_MAIN(TestStatsTTests)
#include "test_stats_t_tests.moc"
