// RDM measures against direct per-entry formulas, the upper-triangle order, undefined rows and
// cancellation (metrics.md, "RDM measures").
#include <QtTest>
#include <cmath>
#include <random>

#include "repscope/error.h"
#include "repscope/metrics/rdm.h"

using repscope::MatrixF;
using namespace repscope::metrics;

namespace {

MatrixF randomMatrix(int n, int d, unsigned seed, float offset = 0.0F) {
    std::mt19937 gen(seed);
    std::normal_distribution<float> dist(0.0F, 1.0F);
    MatrixF m(n, d);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < d; ++j) m(i, j) = dist(gen) + offset;
    return m;
}

// Textbook formulas, one entry at a time, in long double.
long double directEntry(const MatrixF& x, int i, int j, RdmMeasure m) {
    const int d = static_cast<int>(x.cols());
    long double si = 0, sj = 0;
    for (int k = 0; k < d; ++k) { si += x(i, k); sj += x(j, k); }
    const long double mi = si / d, mj = sj / d;
    long double sxy = 0, sxx = 0, syy = 0, dot = 0, nxx = 0, nyy = 0, sq = 0;
    for (int k = 0; k < d; ++k) {
        const long double a = x(i, k), b = x(j, k);
        sxy += (a - mi) * (b - mj); sxx += (a - mi) * (a - mi); syy += (b - mj) * (b - mj);
        dot += a * b; nxx += a * a; nyy += b * b; sq += (a - b) * (a - b);
    }
    switch (m) {
        case RdmMeasure::Correlation: return 1.0L - sxy / std::sqrt(sxx * syy);
        case RdmMeasure::Cosine: return 1.0L - dot / std::sqrt(nxx * nyy);
        case RdmMeasure::Euclidean: return std::sqrt(sq);
        case RdmMeasure::SqEuclidean: return sq;
    }
    return 0;
}

class ThrowingProgress : public repscope::Progress {
protected:
    void onProgress(double) override { cancel(); }
};

}  // namespace

class TestMetricsRdm : public QObject {
    Q_OBJECT
private slots:
    void entriesMatchDirectFormulas_data() {
        QTest::addColumn<int>("measure");
        QTest::addColumn<float>("offset");
        for (RdmMeasure m : allRdmMeasures()) {
            const std::string name(rdmMeasureName(m));
            QTest::newRow(name.c_str()) << static_cast<int>(m) << 0.0F;
            QTest::newRow((name + "+offset").c_str()) << static_cast<int>(m) << 50.0F;
        }
    }
    void entriesMatchDirectFormulas() {
        QFETCH(int, measure);
        QFETCH(float, offset);
        const auto m = static_cast<RdmMeasure>(measure);
        MatrixF x = randomMatrix(37, 13, 7, offset);
        // a near-duplicate row: tiny dissimilarities keep their relative accuracy
        x.row(5) = x.row(4);
        x(5, 0) += 1e-3F;
        const Eigen::MatrixXd r = computeRdm(x, m);
        QCOMPARE(r.rows(), 37);
        for (int i = 0; i < 37; ++i) {
            QCOMPARE(r(i, i), 0.0);
            for (int j = 0; j < 37; ++j) {
                if (i == j) continue;
                const double expected = static_cast<double>(directEntry(x, i, j, m));
                QVERIFY2(std::abs(r(i, j) - expected) <= 1e-6 * std::abs(expected) + 1e-300,
                         qPrintable(QString("(%1,%2) %3 vs %4").arg(i).arg(j).arg(r(i, j), 0, 'g', 17)
                                        .arg(expected, 0, 'g', 17)));
                QCOMPARE(r(i, j), r(j, i));
            }
        }
    }

    void handComputedExample() {
        // x0 = (1,0), x1 = (0,2), x2 = (3,4): sqeuclidean 5, 18, 20; euclidean sqrt of those;
        // cosine 1-0 = 1, 1-3/5 = 0.4, 1-8/10 = 0.2.
        MatrixF x(3, 2);
        x << 1, 0, 0, 2, 3, 4;
        const Eigen::MatrixXd sq = computeRdm(x, RdmMeasure::SqEuclidean);
        QVERIFY(std::abs(sq(0, 1) - 5) < 1e-12 && std::abs(sq(0, 2) - 20) < 1e-12 &&
                std::abs(sq(1, 2) - 13) < 1e-12);
        const Eigen::MatrixXd eu = computeRdm(x, RdmMeasure::Euclidean);
        QVERIFY(std::abs(eu(1, 2) - std::sqrt(13.0)) < 1e-12);
        const Eigen::MatrixXd co = computeRdm(x, RdmMeasure::Cosine);
        QVERIFY(std::abs(co(0, 1) - 1.0) < 1e-12 && std::abs(co(0, 2) - 0.4) < 1e-12 &&
                std::abs(co(1, 2) - 0.2) < 1e-12);
        // correlation of rows (1,2,3) and (3,2,1) is -1, so the dissimilarity is 2.
        MatrixF y(2, 3);
        y << 1, 2, 3, 3, 2, 1;
        QVERIFY(std::abs(computeRdm(y, RdmMeasure::Correlation)(0, 1) - 2.0) < 1e-12);
    }

    void upperTriangleIsRowMajor() {
        Eigen::MatrixXd r(4, 4);
        r << 0, 1, 2, 3, 1, 0, 4, 5, 2, 4, 0, 6, 3, 5, 6, 0;
        const Eigen::VectorXd v = upperTriangle(r);
        QCOMPARE(v.size(), 6);
        for (int k = 0; k < 6; ++k) QCOMPARE(v(k), static_cast<double>(k + 1));
        QCOMPARE(upperTriangle(Eigen::MatrixXd::Zero(1, 1)).size(), 0);
    }

    void zeroVarianceRowsAreNamed() {
        MatrixF x = randomMatrix(10, 6, 3);
        x.row(2).setConstant(4.0F);
        x.row(7).setConstant(-1.0F);
        try {
            (void)computeRdm(x, RdmMeasure::Correlation);
            QFAIL("expected FormatError");
        } catch (const repscope::FormatError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("2 of 10 stimuli") && msg.contains("rows 2, 7"), e.what());
        }
        std::vector<std::string> labels;
        for (int i = 0; i < 10; ++i) labels.push_back("img" + std::to_string(i));
        try {
            (void)computeRdm(x, RdmMeasure::Correlation, labels);
            QFAIL("expected FormatError");
        } catch (const repscope::FormatError& e) {
            QVERIFY2(QString(e.what()).contains("'img2', 'img7'"), e.what());
        }
        // constant rows are fine for cosine; a zero row is not
        QVERIFY(computeRdm(x, RdmMeasure::Cosine).allFinite());
        x.row(4).setZero();
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)computeRdm(x, RdmMeasure::Cosine));
        QCOMPARE(undefinedRdmRows(x, RdmMeasure::Cosine).size(), std::size_t{1});
        QVERIFY(computeRdm(x, RdmMeasure::Euclidean).allFinite());
        x(0, 0) = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)computeRdm(x, RdmMeasure::Euclidean));
    }

    void measureNames() {
        QCOMPARE(parseRdmMeasure("sqeuclidean"), RdmMeasure::SqEuclidean);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)parseRdmMeasure("manhattan"));
    }

    void cancellationThrows() {
        const MatrixF x = randomMatrix(300, 20, 1);
        ThrowingProgress p;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)computeRdm(x, RdmMeasure::Correlation, p));
        repscope::Progress pre;
        pre.cancel();
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)computeRdm(x, RdmMeasure::Euclidean, pre));
    }
};

QTEST_APPLESS_MAIN(TestMetricsRdm)
#include "test_metrics_rdm.moc"
