// `repscope compare` and `repscope matrix` on the published Kornblith et al. (2019) reference
// pair (tests/data/kornblith_demo.h5) and on analytic cases.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {
QString reference() { return sourceDir() + QStringLiteral("/tests/data/kornblith_demo.h5"); }
QJsonObject runJson(const QStringList& args, int expectedExit = 0) {
    const auto r = runRepscope(args);
    if (r.exitCode != expectedExit) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}
}  // namespace

class TestCliCompare : public QObject {
    Q_OBJECT
private slots:
    void publishedValues_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("cka_linear") << QStringList{"--metric", "cka_linear"} << 0.55761 << 5e-5;
        QTest::newRow("cka_rbf t=0.5") << QStringList{"--metric", "cka_rbf", "--threshold", "0.5"}
                                       << 0.65483 << 5e-5;
        QTest::newRow("cka_linear_debiased") << QStringList{"--metric", "cka_linear_debiased"}
                                             << 0.51346 << 5e-5;
        QTest::newRow("cca_r2 centred") << QStringList{"--metric", "cca_r2"} << 0.545396 << 5e-6;
    }
    void publishedValues() {
        QFETCH(QStringList, options);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        const QJsonObject o = runJson(QStringList{"compare", reference() + ":/demo/X",
                                                  reference() + ":/demo/Y", "--json"} + options);
        QCOMPARE(o["n"].toInt(), 100);
        QVERIFY2(std::abs(o["value"].toDouble() - expected) <= tolerance,
                 qPrintable(QString::number(o["value"].toDouble(), 'g', 10)));
    }

    void selfComparisonAndStatistics() {
        const QString x = reference() + ":/demo/X";
        const QJsonObject o = runJson({"compare", x, x, "--metric", "rsa_spearman", "--bootstrap",
                                       "40", "--permutations", "99", "--seed", "3", "--json"});
        QVERIFY(std::abs(o["value"].toDouble() - 1.0) < 1e-12);
        const QJsonArray ci = o["ci95"].toArray();
        QCOMPARE(ci.size(), 2);
        QVERIFY(std::abs(ci[0].toDouble() - 1.0) < 1e-9 && std::abs(ci[1].toDouble() - 1.0) < 1e-9);
        QCOMPARE(o["p"].toDouble(), 1.0 / 100.0);  // no permutation reaches ρ = 1
        QCOMPARE(o["params"].toObject()["rdm-measure"].toString(), QStringLiteral("correlation"));
        // Same seed, same interval.
        const QString y = reference() + ":/demo/Y";
        const QStringList args{"compare", x, y, "--metric", "cka_linear", "--bootstrap", "50",
                               "--seed", "7", "--json"};
        const QJsonArray a = runJson(args)["ci95"].toArray();
        const QJsonArray b = runJson(args)["ci95"].toArray();
        QCOMPARE(a, b);
        QVERIFY(a[0].toDouble() < 0.55761 && a[1].toDouble() > 0.55761);
    }

    void precomputedRdmOnOneSide() {
        // rsa_rdms.h5 holds two 6×6 RDMs where IT = 2 × V1: identical rank order.
        const QString f = makeFixture("rsa_rdms.h5");
        const QJsonObject o = runJson({"compare", f + ":/dissimilarities/0",
                                       f + ":/dissimilarities/1", "--metric", "rsa_pearson",
                                       "--json"});
        QVERIFY(std::abs(o["value"].toDouble() - 1.0) < 1e-12);
        const auto cka = runRepscope({"compare", f + ":/dissimilarities/0",
                                      f + ":/dissimilarities/1", "--metric", "cka_linear"});
        QCOMPARE(cka.exitCode, 2);
        QVERIFY(cka.err.contains("precomputed RDM"));
    }

    void errors() {
        const QString x = reference() + ":/demo/X";
        const auto unknown = runRepscope({"compare", x, x, "--metric", "nope"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("cka_linear"));
        const auto badParam = runRepscope({"compare", x, x, "--metric", "cka_linear", "--k", "5"});
        QCOMPARE(badParam.exitCode, 2);
        const auto negative = runRepscope({"compare", x, x, "--metric", "cka_linear",
                                           "--bootstrap", "-5"});
        QCOMPARE(negative.exitCode, 2);
        QVERIFY2(negative.err.contains("--bootstrap must be a non-negative integer"),
                 qPrintable(negative.err));
        const auto mismatch = runRepscope({"compare", x, makeFixture("native_basic.h5") +
                                                             ":/alpha/layer1", "--metric", "cka_linear"});
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY2(mismatch.err.contains("100 stimuli") && mismatch.err.contains("40"),
                 qPrintable(mismatch.err));
    }

    void blockReadsAgreeWithWholeReads() {
        // Plain cka_linear is computed while both sides are read a block of rows at a time; any
        // option that needs the whole matrices (here --nan-policy drop with nothing to drop)
        // takes the general path. Both give the published value and agree to float32 rounding.
        const QString x = reference() + ":/demo/X";
        const QString y = reference() + ":/demo/Y";
        const double streamed = runJson({"compare", x, y, "--metric", "cka_linear", "--json"})["value"].toDouble();
        const double whole = runJson({"compare", x, y, "--metric", "cka_linear", "--nan-policy", "drop",
                                      "--json"})["value"].toDouble();
        QVERIFY2(std::abs(streamed - whole) <= 1e-6 * whole,
                 qPrintable(QString("%1 against %2").arg(streamed, 0, 'g', 10).arg(whole, 0, 'g', 10)));
        QVERIFY(std::abs(streamed - 0.55761) <= 5e-5);
        // NaN/Inf found while streaming: the usual error, naming counts and the representation.
        const QString nan = makeFixture("with_nan.h5") + ":/net/layer1";
        const auto bad = runRepscope({"compare", nan, nan, "--metric", "cka_linear"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("2 NaN/Inf values in 2 stimuli") && bad.err.contains("/net/layer1"),
                 qPrintable(bad.err));
        // rsa_spearman of two stored RDMs ranks their rows as they are read: rsa_rdms.h5's two
        // 6×6 RDMs have the same rank order (IT = 2 × V1), so ρ = 1 on both paths.
        const QString rdms = makeFixture("rsa_rdms.h5");
        for (const QStringList& extra : {QStringList{}, QStringList{"--nan-policy", "drop"}}) {
            const QJsonObject o = runJson(QStringList{"compare", rdms + ":/dissimilarities/0", rdms + ":/dissimilarities/1",
                                                      "--metric", "rsa_spearman", "--json"} + extra);
            QVERIFY2(std::abs(o["value"].toDouble() - 1.0) < 1e-12, qPrintable(QString::number(o["value"].toDouble())));
            QCOMPARE(o["n"].toInt(), 6);
        }
    }

    void relativeRepresentations() {
        const QString x = reference() + ":/demo/X";
        const QJsonObject o = runJson({"compare", x, x, "--metric", "cka_linear", "--relative",
                                       "20", "--seed", "3", "--json"});
        QVERIFY(std::abs(o["value"].toDouble() - 1.0) < 1e-6);
        const QJsonArray anchors = o["anchors"].toArray();
        QCOMPARE(anchors.size(), 20);
        for (int i = 1; i < anchors.size(); ++i) QVERIFY(anchors[i].toInt() > anchors[i - 1].toInt());
        QVERIFY(anchors.last().toInt() < 100);
        const QJsonArray other = runJson({"compare", x, x, "--metric", "cka_linear", "--relative",
                                          "20", "--seed", "4", "--json"})["anchors"].toArray();
        QVERIFY(other != anchors);
        const QJsonObject listed = runJson({"compare", x, reference() + ":/demo/Y", "--metric",
                                            "rsa_pearson", "--anchors", "0,1,2-4", "--json"});
        QCOMPARE(listed["anchors"].toArray(), QJsonArray({0, 1, 2, 3, 4}));
        QVERIFY(std::abs(listed["value"].toDouble()) <= 1.0);

        const auto range = runRepscope({"compare", x, x, "--metric", "cka_linear", "--anchors", "100"});
        QCOMPARE(range.exitCode, 2);
        QVERIFY2(range.err.contains("out of range") && range.err.contains("100 stimuli"),
                 qPrintable(range.err));
        const auto disagree = runRepscope({"compare", x, x, "--metric", "cka_linear", "--relative",
                                           "3", "--anchors", "0,1"});
        QCOMPARE(disagree.exitCode, 2);
        QVERIFY2(disagree.err.contains("disagrees"), qPrintable(disagree.err));
        const QString f = makeFixture("native_rdm.h5");
        const auto rdm = runRepscope({"compare", f + ":/brain/it", f + ":/model/layer1", "--metric",
                                      "rsa_spearman", "--relative", "5"});
        QCOMPARE(rdm.exitCode, 2);
        QVERIFY2(rdm.err.contains("precomputed RDM"), qPrintable(rdm.err));
    }

    void layerMatrix() {
        const QString f = makeFixture("native_users.h5");
        const QString out = QDir(scratchDir()).filePath("matrix.csv");
        const QJsonObject o = runJson({"matrix", f, "--metric", "cka_linear", "--select",
                                       "/cnn/conv*", "--out", out, "--json"});
        const QJsonArray labels = o["labels"].toArray();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels[0].toString(), f + ":/cnn/conv1");
        const QJsonArray v = o["values"].toArray();
        // float32 data: cka_linear's products run in float32 (error ~1e-7, contract 1e-4).
        QVERIFY(std::abs(v[0].toArray()[0].toDouble() - 1.0) < 1e-6);
        // conv2_half is conv1 in float16: CKA within float16 rounding of 1, symmetric.
        QVERIFY(std::abs(v[0].toArray()[1].toDouble() - 1.0) < 1e-3);
        QCOMPARE(v[0].toArray()[1].toDouble(), v[1].toArray()[0].toDouble());
        QVERIFY(QFile::exists(out));
    }
};

QTEST_APPLESS_MAIN(TestCliCompare)
#include "test_cli_compare.moc"
