// The isolated probe: files that make HDF5 itself crash or hang are walked in a child process
// first, so that the calling process (here the test, in the app the GUI) keeps running and gets
// one sentence naming the file and where the child was.
#include <QtTest>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/probe.h"
#include "test_support.h"

using namespace repscope;

namespace {

void useProbe(unsigned timeoutSeconds) {
    ProbeSettings s;
    s.executable = REPSCOPE_BINARY;
    s.timeoutSeconds = timeoutSeconds;
    enableProbe(s);
}

QString openError(const QString& path) {
    try {
        (void)DataFile::open(path.toStdString());
    } catch (const FileError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TestIoProbe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (qEnvironmentVariable("REPSCOPE_PROBE") == QLatin1String("0")) {
            QSKIP("REPSCOPE_PROBE=0 turns the probe off");
        }
        useProbe(20);
        QVERIFY(probeEnabled());
    }
    void cleanupTestCase() { disableProbe(); }

    // A global heap whose first object claims a huge size: HDF5 1.10 reads past its buffer and
    // crashes (SIGSEGV) when the labels are read. The probe child dies, this process does not.
    void crashInsideHdf5BecomesOneSentence() {
        const QString path = test::makeFixture(QStringLiteral("gheap_crash.h5"));
        const QString message = openError(path);
        QVERIFY2(message.startsWith(path + QStringLiteral(" is damaged: reading its structure made the "
                                                           "HDF5 library fail (")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("near /stimuli/labels")), qPrintable(message));
        QVERIFY2(message.endsWith(QStringLiteral("); RepScope did not open it")), qPrintable(message));
        QVERIFY(!message.contains('\n'));
        // Cached by path, size and time: asking again does not spawn another child.
        const auto before = probeCounters();
        QCOMPARE(openError(path), message);
        QCOMPARE(probeCounters().spawned, before.spawned);
        QCOMPARE(probeCounters().cached, before.cached + 1);
    }

    // A global heap whose collection size is damaged: HDF5 loops forever. The probe gives up
    // after its time limit and kills the child.
    void hangInsideHdf5BecomesOneSentence() {
        useProbe(3);
        const QString path = test::makeFixture(QStringLiteral("gheap_hang.h5"));
        const QString message = openError(path);
        useProbe(20);
        QVERIFY2(message.startsWith(path + QStringLiteral(" is damaged: reading its structure did not "
                                                           "finish within 3 s (stuck near ")),
                 qPrintable(message));
        QVERIFY2(message.endsWith(QStringLiteral("); RepScope did not open it")), qPrintable(message));
    }

    // Cancelling stops a probe that would run to its time limit, and caches nothing.
    void cancelStopsTheProbe() {
        useProbe(20);
        const QString path = test::makeFixture(QStringLiteral("gheap_hang.h5"));
        QFile::remove(path + QStringLiteral(".copy.h5"));
        QVERIFY(QFile::copy(path, path + QStringLiteral(".copy.h5")));
        OpenOptions options;
        int polls = 0;
        // Without the cancel this file runs into the 20 s limit and throws FileError instead.
        options.cancelled = [&polls] { return ++polls > 5; };
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 (void)DataFile::open((path + QStringLiteral(".copy.h5")).toStdString(), options));
        const auto before = probeCounters();
        options.cancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 (void)DataFile::open((path + QStringLiteral(".copy.h5")).toStdString(), options));
        QCOMPARE(probeCounters().cached, before.cached);  // not answered from a cache
    }

    // A good file passes the probe and opens as without it; a clean error stays the loader's own.
    void goodFilesOpenAndCleanErrorsStay() {
        const QString good = test::makeFixture(QStringLiteral("native_basic.h5"));
        const auto f = DataFile::open(good.toStdString());
        QCOMPARE(f->stimulusCount(), std::size_t{40});
        const QString notHdf5 = test::makeFixture(QStringLiteral("not_hdf5.h5"));
        QVERIFY2(openError(notHdf5).contains(QStringLiteral("not an HDF5 file")),
                 qPrintable(openError(notHdf5)));
        try {
            (void)DataFile::open(test::makeFixture(QStringLiteral("no_numeric.h5")).toStdString());
            QFAIL("no error");
        } catch (const FormatError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("no numeric dataset")), e.what());
        }
    }

    // A changed file is probed again (the cache key includes size and modification time).
    void changedFileIsProbedAgain() {
        const QString path = test::scratchDir() + QStringLiteral("/changing.h5");
        QFile::remove(path);
        QVERIFY(QFile::copy(test::makeFixture(QStringLiteral("native_basic.h5")), path));
        (void)DataFile::open(path.toStdString());
        const auto before = probeCounters();
        QFile::remove(path);
        QVERIFY(QFile::copy(test::makeFixture(QStringLiteral("gheap_crash.h5")), path));
        QVERIFY2(openError(path).contains(QStringLiteral("is damaged")), qPrintable(openError(path)));
        QCOMPARE(probeCounters().spawned, before.spawned + 1);
    }
};

QTEST_APPLESS_MAIN(TestIoProbe)
#include "test_io_probe.moc"
