#include <QtTest>

#include "repscope/embed/neighbourhood.h"
#include "repscope/embed/umap.h"
#include "repscope/error.h"
#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;

class TestEmbedUmap : public QObject {
    Q_OBJECT
private slots:
    void curveParametersMatchUmapLearn() {
        // scipy.optimize.curve_fit as in umap-learn's find_ab_params(spread, min_dist):
        //   (1.0, 0.1) -> a 1.57694346, b 0.89506088
        //   (1.0, 0.5) -> a 0.58303002, b 1.33416699
        //   (2.0, 0.25) -> a 0.4162735, b 0.92185513
        auto [a, b] = umapCurveParameters(0.1, 1.0);
        QVERIFY(std::abs(a - 1.57694346) < 1e-6 && std::abs(b - 0.89506088) < 1e-6);
        std::tie(a, b) = umapCurveParameters(0.1, 1.0 + 1e-12);  // the fitted path
        QVERIFY2(std::abs(a - 1.57694346) < 2e-3 && std::abs(b - 0.89506088) < 2e-3,
                 qPrintable(QString("%1 %2").arg(a).arg(b)));
        std::tie(a, b) = umapCurveParameters(0.5, 1.0);
        QVERIFY2(std::abs(a - 0.58303002) < 2e-3 && std::abs(b - 1.33416699) < 2e-3,
                 qPrintable(QString("%1 %2").arg(a).arg(b)));
        std::tie(a, b) = umapCurveParameters(0.25, 2.0);
        QVERIFY2(std::abs(a - 0.4162735) < 2e-3 && std::abs(b - 0.92185513) < 2e-3,
                 qPrintable(QString("%1 %2").arg(a).arg(b)));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)umapCurveParameters(1.0, 0.5));
    }

    void separatesPlantedClusters_data() {
        QTest::addColumn<int>("dims");
        QTest::newRow("2-D") << 2;
        QTest::newRow("3-D") << 3;
    }
    void separatesPlantedClusters() {
        QFETCH(int, dims);
        const auto data = test::gaussianClusters(6, 80, 30, 6.0, 11);
        UmapOptions opt;
        opt.dims = dims;
        opt.epochs = 300;
        const UmapResult r = computeUmap(data.x, opt);
        QCOMPARE(r.embedding.rows(), data.x.rows());
        QCOMPARE(r.embedding.cols(), Eigen::Index(dims));
        QVERIFY(r.embedding.allFinite());
        QVERIFY(r.edges > 0);
        const double acc = test::knnAccuracy(r.embedding, data.labels);
        QVERIFY2(acc >= 0.95, qPrintable(QString::number(acc)));
    }

    void digitsAreTrustworthy() {
        const auto digits = test::loadDigits();
        QElapsedTimer t;
        t.start();
        const UmapResult r = computeUmap(digits.x);
        const auto ms = t.elapsed();
        const double tw = trustworthiness(digits.x, r.embedding, 10);
        const double acc = test::knnAccuracy(r.embedding, digits.labels);
        qInfo(
            "UMAP digits 1797x64 -> 2-D (%d epochs, init %s): %lld ms, trustworthiness %.4f, "
            "5-NN accuracy %.4f",
            r.epochs, r.initUsed == UmapInit::Spectral ? "spectral" : "pca", ms, tw, acc);
        QVERIFY2(tw >= 0.9, qPrintable(QString::number(tw)));
        QVERIFY(acc >= 0.9);
    }

    void sameSeedSameOutput() {
        const auto data = test::gaussianClusters(3, 100, 10, 2.0, 5);
        UmapOptions opt;
        opt.epochs = 100;
        opt.seed = 9;
        const UmapResult a = computeUmap(data.x, opt);
        const UmapResult b = computeUmap(data.x, opt);
        QVERIFY(a.embedding == b.embedding);
        opt.seed = 10;
        QVERIFY(!(computeUmap(data.x, opt).embedding == a.embedding));
    }

    void badInputIsRefused() {
        const auto data = test::gaussianClusters(2, 10, 5, 5.0, 1);
        UmapOptions opt;
        opt.dims = 1;
        try {
            (void)computeUmap(data.x, opt);
            QFAIL("no exception");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("2 or 3"), e.what());
        }
        opt.dims = 2;
        opt.neighbours = 21;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeUmap(data.x, opt));
        opt.neighbours = 5;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeUmap(data.x.topRows(3), opt));
        MatrixF nan = data.x;
        nan(1, 1) = std::numeric_limits<float>::infinity();
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)computeUmap(nan, opt));
    }

    void cancellationThrows() {
        const auto data = test::gaussianClusters(4, 200, 20, 5.0, 3);
        test::CancelAtFraction p(0.5);  // in the middle of the SGD
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)computeUmap(data.x, {}, p));
        QVERIFY(p.msSinceCancel() >= 0 && p.msSinceCancel() < 200);
    }
};

QTEST_APPLESS_MAIN(TestEmbedUmap)
#include "test_embed_umap.moc"
