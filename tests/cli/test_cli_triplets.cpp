// `repscope triplets` (alignment.md) on a triplet CSV written by Python's csv module, against
// the contract's rule in numpy (tests/fixtures/alignment_reference.py triplets), with the
// refusals the contract asks for.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {

QJsonObject reference(const QStringList& args) {
    const QString script = sourceDir() + QStringLiteral("/tests/fixtures/alignment_reference.py");
    const auto r = runProcess(pythonExecutable(), QStringList{script, "triplets"} + args);
    if (r.exitCode != 0) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

}  // namespace

class TestCliTriplets : public QObject {
    Q_OBJECT
private slots:
    void matchesNumpy_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("similarity");
        QTest::addColumn<QString>("triplets");
        const QString csv = "triplets_things.csv";
        const QString npy = "npy_triplets.npy";  // THINGS style: (n, 3) indices, numpy.save
        QTest::newRow("cosine") << "ratings_models.h5" << "/net/conv" << "cosine" << csv;
        QTest::newRow("dot") << "ratings_models.h5" << "/net/fc" << "dot" << csv;
        QTest::newRow("rdm with ties") << "ratings_models.h5" << "/net/rdm_coarse" << "rdm" << csv;
        QTest::newRow("npy cosine") << "ratings_models.h5" << "/net/conv" << "cosine" << npy;
        QTest::newRow("npy dot") << "ratings_models.h5" << "/net/fc" << "dot" << npy;
        QTest::newRow("npy rdm with ties") << "ratings_models.h5" << "/net/rdm_coarse" << "rdm" << npy;
    }
    void matchesNumpy() {
        QFETCH(QString, fixture);
        QFETCH(QString, path);
        QFETCH(QString, similarity);
        QFETCH(QString, triplets);
        const QString h5 = makeFixture(fixture);
        const QString csv = makeFixture(triplets);
        QStringList args{"triplets", h5 + ":" + path, "--triplets", csv, "--json"};
        if (similarity != "rdm") args << "--similarity" << similarity;
        const auto r = runRepscope(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject got = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject want = reference({h5, path.mid(1), csv, similarity});
        QCOMPARE(got["triplets"].toInt(), want["triplets"].toInt());
        QCOMPARE(got["dropped"].toInt(), want["dropped"].toInt());
        QVERIFY(got["dropped"].toInt() > 0 && r.err.contains("dropped"));
        QVERIFY2(std::abs(got["agreement"].toDouble() - want["agreement"].toDouble()) < 1e-8,
                 qPrintable(r.out));
        QCOMPARE(got["repeated"].toInt(), want["repeated"].toInt());
        QCOMPARE(got["noise_ceiling"].isNull(), want["noise_ceiling"].isNull());
        QVERIFY(std::abs(got["noise_ceiling"].toDouble() - want["noise_ceiling"].toDouble()) < 1e-8);
        QVERIFY(std::abs(got["chance"].toDouble() - 1.0 / 3.0) < 1e-8);
    }

    void bootstrapIsSeeded() {
        const QStringList args{"triplets", makeFixture("ratings_models.h5") + ":/net/conv",
                               "--triplets", makeFixture("triplets_things.csv"), "--bootstrap",
                               "200", "--seed", "5", "--json"};
        const auto a = QJsonDocument::fromJson(runRepscope(args).out.toUtf8()).object();
        const auto b = QJsonDocument::fromJson(runRepscope(args).out.toUtf8()).object();
        const QJsonArray ci = a["ci95"].toArray();
        QCOMPARE(ci.size(), 2);
        QCOMPARE(ci, b["ci95"].toArray());
        QVERIFY(ci[0].toDouble() < a["agreement"].toDouble() && a["agreement"].toDouble() < ci[1].toDouble());
    }

    void refusals() {
        const QString h5 = makeFixture("ratings_models.h5");
        const QString bad = QDir(scratchDir()).filePath("bad_triplets.csv");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("subject,a,b,c,odd_one_out\ns,stim01,stim02,stim03,stim02\ns,stim01,stim02,stim03,stim09\n");
        f.close();
        auto r = runRepscope({"triplets", h5 + ":/net/conv", "--triplets", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bad + " line 3: the odd one out 'stim09'") && r.err.count('\n') == 1,
                 qPrintable(r.err));
        r = runRepscope({"triplets", h5 + ":/net/conv"});
        QCOMPARE(r.exitCode, 2);
        r = runRepscope({"triplets", h5 + ":/net/conv", "--triplets", bad, "--similarity", "l2"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(runRepscope({"--help"}).out.contains("triplets"));
        // A .npy that is no (n, 3) integer array, or names a stimulus twice in a row: one line.
        r = runRepscope({"triplets", h5 + ":/net/conv", "--triplets", makeFixture("npy_triplets_float.npy")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("(n, 3) integer array") && r.err.count('\n') == 1, qPrintable(r.err));
        r = runRepscope({"triplets", h5 + ":/net/conv", "--triplets", makeFixture("triplets_things.csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("agreement") && r.out.contains("noise ceiling"), qPrintable(r.out));
    }
};

QTEST_APPLESS_MAIN(TestCliTriplets)
#include "test_cli_triplets.moc"
