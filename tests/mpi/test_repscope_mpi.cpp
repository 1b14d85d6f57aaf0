// repscope-mpi matrix, rdm and evaluate on 2 and 3 local ranks. The reference for the
// distribution logic is the single-process `repscope` (its metrics are tested against published
// values elsewhere): the distributed matrix must equal `repscope matrix` to 1e-6, with every rank
// computing pairs; a run stopped after its first tiles resumes from the checkpoint to the same
// values, and a rerun with a finished checkpoint computes nothing; bad inputs give one sentence
// and no output file. `repscope-mpi rdm` (row blocks over the ranks) is held to `repscope rdm`
// the same way, and `repscope-mpi evaluate` (models over the ranks) to `repscope evaluate`.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <cmath>

#include "test_support.h"

using namespace repscope::test;

namespace {

QString zoo(const QString& name) { return QDir(scratchDir()).filePath(name); }

// The installed program, with the fault switch of the test build set on every run: it must not
// know it (the switch exists only in REPSCOPE_MPI_FAULT_BINARY).
ProcessResult runMpi(int ranks, const QStringList& args) {
    QStringList all = {QStringLiteral("--oversubscribe"), QStringLiteral("-n"),
                       QString::number(ranks), QStringLiteral("-x"),
                       QStringLiteral("REPSCOPE_MPI_TEST_FAIL_RANK=1"),
                       QStringLiteral(REPSCOPE_MPI_BINARY)};
    all += args;
    return runProcess(QStringLiteral(REPSCOPE_MPIEXEC), all, 300000,
                      {QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT=1"),
                       QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"),
                       QStringLiteral("OMP_NUM_THREADS=1"), QStringLiteral("OPENBLAS_NUM_THREADS=1")});
}

QJsonObject parse(const ProcessResult& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

// RepScope's own sentences on stderr, less the plan line ("repscope-mpi matrix: 7
// representations, 28 pairs in 10 tiles ..."); Open MPI adds its banner about the exit status.
QStringList ownLines(const QString& err) {
    QStringList lines;
    for (const QString& l : err.split('\n')) {
        if (l.startsWith(QStringLiteral("repscope-mpi")) && !l.contains(" representations, ")) {
            lines << l;
        }
    }
    return lines;
}

// Compares the "values" of two matrix documents: equal to 1e-6, null where the other is null.
void compareValues(const QJsonObject& reference, const QJsonObject& actual) {
    QCOMPARE(actual.value("labels").toArray(), reference.value("labels").toArray());
    const QJsonArray a = reference.value("values").toArray();
    const QJsonArray b = actual.value("values").toArray();
    QCOMPARE(b.size(), a.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonArray ra = a[i].toArray();
        const QJsonArray rb = b[i].toArray();
        QCOMPARE(rb.size(), ra.size());
        for (qsizetype j = 0; j < ra.size(); ++j) {
            QCOMPARE(rb[j].isNull(), ra[j].isNull());
            if (!ra[j].isNull()) {
                QVERIFY2(std::abs(ra[j].toDouble() - rb[j].toDouble()) <= 1e-6,
                         qPrintable(QString("(%1, %2): %3 vs %4").arg(i).arg(j)
                                        .arg(ra[j].toDouble(), 0, 'g', 17)
                                        .arg(rb[j].toDouble(), 0, 'g', 17)));
            }
        }
    }
    QCOMPARE(actual.value("undefined").toArray(), reference.value("undefined").toArray());
}

QJsonObject reference(const QString& metric) {
    const ProcessResult r = runRepscope({"matrix", zoo("zoo_a.h5"), zoo("zoo_b.h5"), "--metric",
                                         metric, "--json"});
    if (r.exitCode != 0) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QStringList matrixArgs(const QString& metric) {
    return {"matrix", zoo("zoo_a.h5"), zoo("zoo_b.h5"), "--metric", metric, "--tile-size", "2"};
}

}  // namespace

class TestRepscopeMpi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        const ProcessResult r =
            runProcess(pythonExecutable(),
                       {QStringLiteral(REPSCOPE_SOURCE_DIR "/tests/mpi/make_zoo.py"), scratchDir()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void equalsSingleProcess_data() {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<int>("ranks");
        QTest::newRow("cka_linear on 3 ranks") << "cka_linear" << 3;
        QTest::newRow("rsa_spearman on 2 ranks") << "rsa_spearman" << 2;
        QTest::newRow("cca_r2 on 3 ranks") << "cca_r2" << 3;
        // Not symmetric: every tile and every pair of it.
        QTest::newRow("pwcca on 2 ranks") << "pwcca" << 2;
        QTest::newRow("cka_linear_debiased on 2 ranks") << "cka_linear_debiased" << 2;
    }
    void equalsSingleProcess() {
        QFETCH(QString, metric);
        QFETCH(int, ranks);
        const QJsonObject ref = reference(metric);
        QVERIFY(!ref.isEmpty());
        const QString out = zoo(metric + ".h5");
        const ProcessResult r = runMpi(ranks, matrixArgs(metric) << "--out" << out << "--json");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("metric").toString(), metric);
        compareValues(ref, o);
        QVERIFY(QFile::exists(out));
        const auto k = ref.value("labels").toArray().size();
        QCOMPARE(k, 7);
        const bool symmetric = metric != "pwcca";
        const int allPairs = int(symmetric ? k * (k + 1) / 2 : k * k);
        QCOMPARE(o.value("computed_pairs").toInt(), allPairs);
        QCOMPARE(o.value("resumed_pairs").toInt(), 0);
        const QJsonArray rankStats = o.value("ranks").toArray();
        QCOMPARE(rankStats.size(), ranks);
        int pairs = 0;
        for (const auto& s : rankStats) {
            QVERIFY2(s.toObject().value("pairs").toInt() > 0, "a rank computed no pairs");
            // A rank reads only what its tiles need: never all 7 layers' worth more than once.
            QVERIFY(s.toObject().value("prepared").toInt() <= 7);
            pairs += s.toObject().value("pairs").toInt();
        }
        QCOMPARE(pairs, allPairs);
    }

    void resumesFromCheckpoint() {
        const QJsonObject ref = reference("cka_linear");
        const QString ck = zoo("resume.ck.h5");
        const QString out = zoo("resume.h5");
        // A simulated preemption: each of 2 ranks stops after its first tile.
        const ProcessResult stopped = runMpi(
            2, matrixArgs("cka_linear") << "--checkpoint" << ck << "--stop-after-tiles" << "1"
                                        << "--out" << out << "--json");
        QCOMPARE(stopped.exitCode, 75);
        QVERIFY2(stopped.err.contains("holds 2 of 10 tiles"), qPrintable(stopped.err));
        QVERIFY(QFile::exists(ck));
        QVERIFY(!QFile::exists(out));
        QVERIFY(stopped.out.isEmpty());

        const ProcessResult resumed =
            runMpi(3, matrixArgs("cka_linear") << "--checkpoint" << ck << "--out" << out << "--json");
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains("resumed 2 tiles"), qPrintable(resumed.err));
        const QJsonObject o = parse(resumed);
        compareValues(ref, o);
        QVERIFY(o.value("resumed_pairs").toInt() > 0);
        QCOMPARE(o.value("computed_pairs").toInt() + o.value("resumed_pairs").toInt(), 28);

        // The finished checkpoint: nothing is computed again.
        const ProcessResult again =
            runMpi(2, matrixArgs("cka_linear") << "--checkpoint" << ck << "--json");
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QJsonObject a = parse(again);
        compareValues(ref, a);
        QCOMPARE(a.value("computed_pairs").toInt(), 0);
        QCOMPARE(a.value("resumed_pairs").toInt(), 28);
        for (const auto& s : a.value("ranks").toArray()) {
            QCOMPARE(s.toObject().value("prepared").toInt(), 0);
        }
    }

    void failingRankKeepsCheckpoint() {
        const QJsonObject ref = reference("rsa_spearman");
        const QString ck = zoo("failing.ck.h5");
        const QString out = zoo("failing.h5");
        QStringList args = matrixArgs("rsa_spearman") << "--checkpoint" << ck << "--out" << out;
        ProcessResult failed = runProcess(
            QStringLiteral(REPSCOPE_MPIEXEC),
            QStringList{"--oversubscribe", "-n", "2", "-x", "REPSCOPE_MPI_TEST_FAIL_RANK=1",
                        REPSCOPE_MPI_FAULT_BINARY} + args,
            300000, {"OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"});
        QVERIFY(failed.exitCode != 0);
        const QStringList lines = ownLines(failed.err);
        QVERIFY2(lines.size() == 1 && lines[0].contains("rank 1 failed: "), qPrintable(failed.err));
        QVERIFY(!QFile::exists(out));
        // Whatever the checkpoint holds, it is whole: the rerun finishes from it.
        const ProcessResult rerun = runMpi(2, QStringList(args) << "--json");
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.err));
        compareValues(ref, parse(rerun));
    }

    // repscope-mpi rdm: row blocks from every rank, written by rank 0; read back with `repscope
    // rdm OUT.h5:/rdm` (a precomputed RDM) and held to the single process's RDM (float32 file).
    void rdmEqualsSingleProcess_data() {
        QTest::addColumn<QString>("measure");
        QTest::addColumn<int>("ranks");
        QTest::newRow("correlation on 3 ranks") << "correlation" << 3;
        QTest::newRow("euclidean on 2 ranks") << "euclidean" << 2;
    }
    void rdmEqualsSingleProcess() {
        QFETCH(QString, measure);
        QFETCH(int, ranks);
        const QString layer = zoo("zoo_a.h5") + ":/net/layer3";
        const ProcessResult ref = runRepscope({"rdm", layer, "--measure", measure, "--json"});
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err));
        const QString out = zoo("rdm-" + measure + ".h5");
        const ProcessResult r = runMpi(ranks, {"rdm", layer, "--measure", measure, "--out", out,
                                               "--block-rows", "7", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray rankStats = parse(r).value("ranks").toArray();
        QCOMPARE(rankStats.size(), ranks);
        int rows = 0;
        for (const auto& st : rankStats) {
            QVERIFY2(st.toObject().value("rows").toInt() > 0, "a rank computed no rows");
            rows += st.toObject().value("rows").toInt();
        }
        QCOMPARE(rows, 40);
        const ProcessResult back = runRepscope({"rdm", out + ":/rdm", "--json"});
        QVERIFY2(back.exitCode == 0, qPrintable(back.err));
        const QJsonObject a = parse(ref);
        const QJsonObject b = parse(back);
        QCOMPARE(b.value("measure").toString(), measure);
        QCOMPARE(b.value("labels").toArray(), a.value("labels").toArray());
        const QJsonArray ua = a.value("upper").toArray();
        const QJsonArray ub = b.value("upper").toArray();
        QCOMPARE(ub.size(), qsizetype(40 * 39 / 2));
        QCOMPARE(ub.size(), ua.size());
        for (qsizetype k = 0; k < ua.size(); ++k) {
            const double x = ua[k].toDouble();
            QVERIFY2(std::abs(x - ub[k].toDouble()) <= 1e-6 * std::max(std::abs(x), 1e-3),
                     qPrintable(QString("entry %1: %2 vs %3").arg(k).arg(x).arg(ub[k].toDouble())));
        }
    }

    void rdmOfConstantRowsIsOneSentence() {
        const QString out = zoo("rdm-constant.h5");
        const ProcessResult r = runMpi(2, {"rdm", zoo("zoo_b.h5") + ":/other/constant", "--out",
                                           out});
        QVERIFY(r.exitCode != 0);
        const QStringList lines = ownLines(r.err);
        QVERIFY2(lines.size() == 1 && lines[0].contains("undefined"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QVERIFY(QDir(scratchDir()).entryList({"rdm-constant.h5*"}).isEmpty());
    }

    // repscope-mpi evaluate: the models' RDMs on 3 ranks (one model each), the statistics on
    // rank 0: the same document as `repscope evaluate`, byte for byte, bootstrap included.
    void evaluateEqualsSingleProcess() {
        const QString f = makeFixture("rdm_set_native.h5");
        const QStringList args = {"evaluate", f, "--target", f + ":/brain/subjects",
                                  "--comparator", "spearman", "--bootstrap", "20", "--json"};
        const ProcessResult ref = runRepscope(args);
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err));
        const ProcessResult r = runMpi(3, args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!ref.out.isEmpty());
        QCOMPARE(r.out, ref.out);
        for (int rank = 0; rank < 3; ++rank) {
            QVERIFY2(r.err.contains(QString("rank %1: 1 models").arg(rank)), qPrintable(r.err));
        }
    }

    void badInputs_data() {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("checkpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing file") << QStringList{zoo("zoo_a.h5"), zoo("absent.h5")} << ""
                                      << "absent.h5";
        QTest::newRow("stimulus counts differ")
            << QStringList{zoo("zoo_a.h5"), zoo("other_n.h5")} << "" << "other_n.h5";
        QTest::newRow("checkpoint of other inputs")
            << QStringList{zoo("zoo_a.h5")} << "resume.ck.h5" << "other inputs";
    }
    void badInputs() {
        QFETCH(QStringList, files);
        QFETCH(QString, checkpoint);
        QFETCH(QString, says);
        const QString out = zoo("bad.h5");
        QStringList args = QStringList{"matrix"} + files;
        args << "--metric" << "cka_linear" << "--tile-size" << "2" << "--out" << out;
        QByteArray before;
        if (!checkpoint.isEmpty()) {
            QFile f(zoo(checkpoint));
            QVERIFY(f.open(QIODevice::ReadOnly));
            before = f.readAll();
            args << "--checkpoint" << zoo(checkpoint);
        }
        const ProcessResult r = runMpi(2, args);
        QVERIFY(r.exitCode != 0);
        const QStringList lines = ownLines(r.err);
        QVERIFY2(lines.size() == 1 && lines[0].contains(says), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        const QStringList left = QDir(scratchDir()).entryList({"bad.h5*"});
        QVERIFY2(left.isEmpty(), qPrintable(left.join(' ')));
        if (!checkpoint.isEmpty()) {
            QFile f(zoo(checkpoint));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before);
        }
    }
};

QTEST_GUILESS_MAIN(TestRepscopeMpi)
#include "test_repscope_mpi.moc"
