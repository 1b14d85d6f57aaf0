// `repscope info` as in the command-line contract, run as a separate process with no DISPLAY.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using repscope::test::makeFixture;
using repscope::test::runRepscope;

class TestCliInfo : public QObject {
    Q_OBJECT
private slots:
    void jsonContract() {
        const QString file = makeFixture("native_basic.h5");
        const auto r = runRepscope({"info", file, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &err);
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString() + r.out));
        const QJsonObject o = doc.object();
        QCOMPARE(o["file"].toString(), file);
        QCOMPARE(o["stimuli"].toInt(), 40);
        QCOMPARE(o["layout"].toString(), QStringLiteral("native"));
        QCOMPARE(o["labels"].toBool(), true);
        const QJsonArray cats = o["categories"].toArray();
        QVERIFY(cats.contains(QStringLiteral("category")) && cats.contains(QStringLiteral("block")));
        const QJsonArray reps = o["representations"].toArray();
        QCOMPARE(reps.size(), 8);
        const QJsonObject first = reps[0].toObject();
        QCOMPARE(first["path"].toString(), QStringLiteral("/alpha/layer1"));
        QCOMPARE(first["model"].toString(), QStringLiteral("alpha"));
        QCOMPARE(first["layer"].toString(), QStringLiteral("layer1"));
        QCOMPARE(first["dtype"].toString(), QStringLiteral("float32"));
        QCOMPARE(first["n"].toInt(), 40);
        QCOMPARE(first["d"].toInt(), 8);
        const QJsonObject conv = reps[1].toObject();  // (40, 4, 3) flattened
        QCOMPARE(conv["layer"].toString(), QStringLiteral("layer2"));
        QCOMPARE(conv["shape"].toArray(), (QJsonArray{40, 4, 3}));
        QCOMPARE(conv["d"].toInt(), 12);
        QCOMPARE(reps[3].toObject()["layer"].toString(), QStringLiteral("fc"));
    }

    void everyLayoutIsNamed_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("layout");
        QTest::newRow("native") << "native_users.h5" << "native";
        QTest::newRow("rsatoolbox dataset") << "rsa_dataset.h5" << "rsatoolbox";
        QTest::newRow("rsatoolbox rdms") << "rsa_rdms.h5" << "rsatoolbox";
        QTest::newRow("anndata") << "anndata.h5ad" << "h5ad";
        QTest::newRow("thingsvision") << "thingsvision.hdf5" << "thingsvision";
        QTest::newRow("generic") << "generic_nested.h5" << "generic";
    }
    void everyLayoutIsNamed() {
        QFETCH(QString, fixture);
        QFETCH(QString, layout);
        const auto r = runRepscope({"info", makeFixture(fixture), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object()["layout"].toString(), layout);
    }

    void badInputExitsWithOneLine_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not hdf5") << "not_hdf5.h5" << "not an HDF5 file";
        QTest::newRow("empty") << "empty.h5" << "empty";
        QTest::newRow("truncated") << "truncated.h5" << "truncated";
        QTest::newRow("no numeric") << "no_numeric.h5" << "no numeric dataset";
        QTest::newRow("rank-1") << "rank1.h5" << "rank-1";
        QTest::newRow("zero size") << "zero_size.h5" << "empty";
    }
    void badInputExitsWithOneLine() {
        QFETCH(QString, fixture);
        QFETCH(QString, needle);
        const QString file = makeFixture(fixture);
        const auto r = runRepscope({"info", file, "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        const QString err = r.err.trimmed();
        QVERIFY2(!err.contains('\n') && err.contains(file) && err.contains(needle), qPrintable(err));
    }

    void missingFile() {
        const auto r = runRepscope({"info", "/nonexistent/acts.h5"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QStringLiteral("repscope info: /nonexistent/acts.h5 does not exist"));
    }

    void usageErrors() {
        const auto unknown = runRepscope({"info", makeFixture("native_basic.h5"), "--frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("--frobnicate"));
        const auto none = runRepscope({"info"});
        QCOMPARE(none.exitCode, 2);
    }

    void versionAndHelp() {
        const auto v = runRepscope({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith(QStringLiteral("repscope ")));
        const auto h = runRepscope({"--help"});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("info") && h.out.contains("FILE:/hdf5/path"));
        const auto ih = runRepscope({"info", "--help"});
        QCOMPARE(ih.exitCode, 0);
        QVERIFY(ih.out.contains("--json"));
    }

    void textOutputListsLayers() {
        const auto r = runRepscope({"info", makeFixture("native_basic.h5")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("layer10") && r.out.contains("40 × 12"));
    }
};

QTEST_APPLESS_MAIN(TestCliInfo)
#include "test_cli_info.moc"
