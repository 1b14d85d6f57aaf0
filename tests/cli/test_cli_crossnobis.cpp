// `repscope rdm --measure crossnobis` (alignment.md, "Crossnobis") on an rsatoolbox Dataset with
// repeated measurements written by h5py, against rsatoolbox's procedure written out in numpy
// (tests/fixtures/alignment_reference.py crossnobis: per-pair loop, noise estimators of
// rsatoolbox's data/noise.py), plus the reading of such a Dataset and the refusals.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

class TestCliCrossnobis : public QObject {
    Q_OBJECT
private slots:
    void matchesNumpy_data() {
        QTest::addColumn<QString>("noise");
        for (const char* n : {"identity", "full", "shrinkage_diag", "shrinkage_eye"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }
    void matchesNumpy() {
        QFETCH(QString, noise);
        const QString f = makeFixture("rsa_runs.h5");
        const auto r = runRepscope({"rdm", f + ":/measurements", "--measure", "crossnobis",
                                    "--noise", noise, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject got = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const auto py = runProcess(pythonExecutable(),
                                   {sourceDir() + "/tests/fixtures/alignment_reference.py",
                                    "crossnobis", f, noise});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        const QJsonObject want = QJsonDocument::fromJson(py.out.toUtf8()).object();
        QCOMPARE(got["measure"].toString(), QStringLiteral("crossnobis"));
        QCOMPARE(got["labels"].toArray(), want["labels"].toArray());  // numpy.unique's order
        const QJsonArray g = got["upper"].toArray();
        const QJsonArray w = want["upper"].toArray();
        QCOMPARE(g.size(), 15);
        QCOMPARE(w.size(), 15);
        double scale = 0.0;
        for (const QJsonValue& v : w) scale = std::max(scale, std::abs(v.toDouble()));
        bool negative = false;
        for (int k = 0; k < g.size(); ++k) {
            // float32 observations: 1e-4 relative to the RDM's scale (metrics.md).
            QVERIFY2(std::abs(g[k].toDouble() - w[k].toDouble()) <= 1e-4 * scale,
                     qPrintable(QStringLiteral("entry %1: %2 vs %3").arg(k).arg(g[k].toDouble())
                                    .arg(w[k].toDouble())));
            negative = negative || w[k].toDouble() < 0;
        }
        if (noise == "identity") QVERIFY(negative);  // unbiased: some estimates fall below 0
    }

    void datasetWithRunsOpensAsConditionMeans() {
        const auto r = runRepscope({"info", makeFixture("rsa_runs.h5"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["stimuli"].toInt(), 6);
        const QJsonObject rep = o["representations"].toArray()[0].toObject();
        QCOMPARE(rep["path"].toString(), QStringLiteral("/measurements"));
        QCOMPARE(rep["n"].toInt(), 6);
        QCOMPARE(rep["d"].toInt(), 5);
        // The condition means feed the ordinary measures too.
        const auto rdm = runRepscope({"rdm", makeFixture("rsa_runs.h5") + ":/measurements",
                                      "--measure", "euclidean", "--json"});
        QCOMPARE(QJsonDocument::fromJson(rdm.out.toUtf8()).object()["n"].toInt(), 6);
    }

    void refusals() {
        auto r = runRepscope({"rdm", makeFixture("native_basic.h5") + ":/alpha/layer1", "--measure",
                              "crossnobis", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a set of repeated measurements") && r.err.count('\n') == 1,
                 qPrintable(r.err));
        r = runRepscope({"rdm", makeFixture("rsa_runs.h5") + ":/measurements", "--noise", "full",
                         "--json"});
        QCOMPARE(r.exitCode, 2);
        r = runRepscope({"rdm", makeFixture("rsa_runs.h5") + ":/measurements", "--measure",
                         "crossnobis", "--noise", "ledoit", "--json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("shrinkage_eye"));
    }
};

QTEST_APPLESS_MAIN(TestCliCrossnobis)
#include "test_cli_crossnobis.moc"
