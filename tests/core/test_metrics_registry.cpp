// The metric registry: exact names of metrics.md, metadata, parameters, precomputed RDMs, and
// registry values equal to the direct functions.
#include <QtTest>
#include <cmath>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/cka.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/registry.h"
#include "repscope/metrics/rsa.h"

using namespace repscope::metrics;
using repscope::MatrixF;

class TestMetricsRegistry : public QObject {
    Q_OBJECT
    MatrixF x_, y_;

private slots:
    void initTestCase() {
        const Eigen::MatrixXd x = repscope::test::randomNormal(60, 8, 1);
        x_ = x.cast<float>();
        y_ = (x.leftCols(5) * repscope::test::randomNormal(5, 6, 2) +
              0.5 * repscope::test::randomNormal(60, 6, 3)).cast<float>();
    }

    void namesAreExactlyThoseOfTheContract() {
        const std::vector<std::string> expected{
            "rsa_spearman", "rsa_pearson", "rsa_kendall_tau_a", "rsa_cosine", "cka_linear",
            "cka_linear_debiased", "cka_rbf", "cca_r2", "svcca", "pwcca", "procrustes_angular",
            "procrustes_euclidean", "mutual_knn", "jaccard_knn", "unit_match"};
        QCOMPARE(metricNames(), expected);
        for (const MetricInfo& m : metricRegistry()) {
            QVERIFY2(!m.description.empty() && !m.reference.empty() && !m.invariantTo.empty() &&
                         !m.inputs.empty() && m.compute,
                     m.name.c_str());
            QCOMPARE(static_cast<bool>(m.compareRdms), m.family == MetricFamily::Rsa);
            QCOMPARE(m.accepts.precomputedRdm, m.family == MetricFamily::Rsa);
        }
    }

    void everyMetricComputesAFiniteValueInItsRange() {
        for (const MetricInfo& m : metricRegistry()) {
            const double v = m.compute(x_, y_, {}, repscope::silentProgress());
            QVERIFY2(std::isfinite(v) && v >= m.lowest - 1e-9 && v <= m.highest + 1e-9,
                     qPrintable(QString::fromStdString(m.name) + " = " + QString::number(v)));
            const double self = m.compute(x_, x_, {}, repscope::silentProgress());
            const double identical = m.isDistance ? 0.0 : 1.0;
            const double tol = m.name == "procrustes_angular" ? 1e-3 : 1e-6;
            QVERIFY2(std::abs(self - identical) < tol,
                     qPrintable(QString::fromStdString(m.name) + " self = " + QString::number(self)));
        }
    }

    void registryMatchesDirectCalls() {
        QCOMPARE(computeMetric("cka_linear", x_, y_), ckaLinear(x_, y_));
        QCOMPARE(computeMetric("cka_rbf", x_, y_, {{"threshold", "0.5"}}), ckaRbf(x_, y_, 0.5));
        RsaOptions o;
        o.measure = RdmMeasure::Euclidean;
        o.geotopo = GeoTopo{0.2, 0.8};
        QCOMPARE(computeMetric("rsa_pearson", x_, y_,
                               {{"rdm-measure", "euclidean"}, {"geotopo", "0.2,0.8"}}),
                 rsa(x_, y_, RsaComparator::Pearson, o));
        QVERIFY(computeMetric("mutual_knn", x_, y_, {{"k", "3"}}) !=
                computeMetric("mutual_knn", x_, y_, {{"k", "20"}}));
    }

    void precomputedRdmStandsInForEitherSide() {
        const MatrixF rdm = computeRdm(y_, RdmMeasure::Cosine).cast<float>();
        const MetricInfo& m = metric("rsa_spearman");
        const MetricParams p{{"rdm-measure", "cosine"}};
        const double viaRdm = computeMetric(m, {x_, false}, {rdm, true}, p);
        QVERIFY(std::abs(viaRdm - m.compute(x_, y_, p, repscope::silentProgress())) < 1e-6);
        QVERIFY(std::abs(computeMetric(m, {rdm, true}, {rdm, true}, p) - 1.0) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric(metric("cka_linear"), {x_, false}, {rdm, true}));
        const MatrixF notSquare = MatrixF::Ones(60, 5);
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError,
                                 (void)computeMetric(m, {x_, false}, {notSquare, true}));
    }

    void badNamesAndParameters() {
        try {
            (void)metric("cka");
            QFAIL("expected InputError");
        } catch (const repscope::InputError& e) {
            QVERIFY2(QString(e.what()).contains("cka_linear"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric("cka_linear", x_, y_, {{"k", "5"}}));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric("mutual_knn", x_, y_, {{"k", "five"}}));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric("rsa_spearman", x_, y_, {{"rdm-measure", "l1"}}));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric("rsa_spearman", x_, y_, {{"geotopo", "2,3"}}));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeMetric("cka_rbf", x_, y_, {{"threshold", "-1"}}));
    }

    void cancellationThrowsThroughTheRegistry() {
        for (const MetricInfo& m : metricRegistry()) {
            repscope::Progress p;
            p.cancel();
            QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)m.compute(x_, y_, {}, p));
        }
    }
};

QTEST_APPLESS_MAIN(TestMetricsRegistry)
#include "test_metrics_registry.moc"
