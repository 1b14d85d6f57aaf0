#include <QtTest>

#include "repscope/embed/neighbourhood.h"
#include "repscope/embed/tsne.h"
#include "repscope/error.h"
#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;

class TestEmbedTsne : public QObject {
    Q_OBJECT
private slots:
    void separatesPlantedClusters_data() {
        QTest::addColumn<int>("dims");
        QTest::addColumn<int>("gradient");
        QTest::newRow("2-D exact") << 2 << int(TsneGradient::Exact);
        QTest::newRow("2-D Barnes-Hut") << 2 << int(TsneGradient::BarnesHut);
        QTest::newRow("3-D Barnes-Hut") << 3 << int(TsneGradient::BarnesHut);
    }
    void separatesPlantedClusters() {
        QFETCH(int, dims);
        QFETCH(int, gradient);
        const auto data = test::gaussianClusters(6, 60, 30, 6.0, 11);
        TsneOptions opt;
        opt.dims = dims;
        opt.gradient = TsneGradient(gradient);
        opt.iterations = 600;
        const TsneResult r = computeTsne(data.x, opt);
        QCOMPARE(r.embedding.rows(), data.x.rows());
        QCOMPARE(r.embedding.cols(), Eigen::Index(dims));
        QVERIFY(r.embedding.allFinite());
        QCOMPARE(r.exactGradient, opt.gradient == TsneGradient::Exact);
        const double acc = test::knnAccuracy(r.embedding, data.labels);
        QVERIFY2(acc >= 0.95, qPrintable(QString::number(acc)));
        QVERIFY(r.klDivergence > 0.0 && r.klDivergence < 3.0);
    }

    void digitsAreTrustworthy() {
        const auto digits = test::loadDigits();
        QCOMPARE(digits.x.rows(), Eigen::Index(1797));
        QElapsedTimer t;
        t.start();
        const TsneResult r = computeTsne(digits.x);
        const auto ms = t.elapsed();
        const double tw = trustworthiness(digits.x, r.embedding, 10);
        const double acc = test::knnAccuracy(r.embedding, digits.labels);
        qInfo(
            "t-SNE digits 1797x64 -> 2-D (Barnes-Hut, 1000 iterations): %lld ms, "
            "trustworthiness %.4f, 5-NN accuracy %.4f, KL %.3f",
            ms, tw, acc, r.klDivergence);
        QVERIFY2(tw >= 0.9, qPrintable(QString::number(tw)));
        QVERIFY(acc >= 0.9);
    }

    void sameSeedSameOutput() {
        const auto data = test::gaussianClusters(4, 150, 20, 5.0, 3);
        TsneOptions opt;
        opt.iterations = 300;
        opt.seed = 42;
        opt.init = TsneInit::Random;
        const TsneResult a = computeTsne(data.x, opt);
        const TsneResult b = computeTsne(data.x, opt);
        QVERIFY(a.embedding == b.embedding);
        opt.seed = 43;
        const TsneResult c = computeTsne(data.x, opt);
        QVERIFY(!(a.embedding == c.embedding));
    }

    void badInputIsRefused() {
        const auto data = test::gaussianClusters(2, 20, 5, 5.0, 1);
        TsneOptions opt;
        try {
            (void)computeTsne(data.x, opt);  // perplexity 30 with N = 40
            QFAIL("no exception");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("perplexity < (N − 1) / 3 = 13"), e.what());
        }
        opt.perplexity = 5.0;
        opt.dims = 4;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeTsne(data.x, opt));
        opt.dims = 2;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeTsne(data.x.topRows(3), opt));
        MatrixF nan = data.x;
        nan(1, 1) = std::nanf("");
        nan(2, 1) = std::nanf("");
        nan(3, 3) = -std::numeric_limits<float>::infinity();
        try {
            (void)computeTsne(nan, opt);
            QFAIL("no exception");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("3 NaN or infinite"), e.what());
        }
    }

    void cancellationThrows() {
        const auto data = test::gaussianClusters(4, 200, 20, 5.0, 3);
        test::CancelAtFraction p(0.5);  // in the middle of the gradient descent
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)computeTsne(data.x, {}, p));
        QVERIFY(p.msSinceCancel() >= 0 && p.msSinceCancel() < 200);
    }
};

QTEST_APPLESS_MAIN(TestEmbedTsne)
#include "test_embed_tsne.moc"
