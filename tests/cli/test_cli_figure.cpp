// `repscope figure` from the command line's side, in both kinds of build: with the GUI it writes
// a PNG of the asked size with no display; built with REPSCOPE_BUILD_GUI=OFF it says in one line
// that it has no figure support and writes nothing. (Pictures are checked in tests/app and
// tests/views.)
#include <QDir>
#include <QFile>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {

QString reference() { return sourceDir() + QStringLiteral("/tests/data/kornblith_demo.h5:/demo/X"); }

// Width and height from a PNG's IHDR chunk (big-endian, bytes 16–23).
[[maybe_unused]] QSize pngSize(const QByteArray& png) {  // unused without the GUI
    const auto be32 = [&](int at) {
        return (static_cast<quint32>(static_cast<quint8>(png[at])) << 24) |
               (static_cast<quint32>(static_cast<quint8>(png[at + 1])) << 16) |
               (static_cast<quint32>(static_cast<quint8>(png[at + 2])) << 8) |
               static_cast<quint32>(static_cast<quint8>(png[at + 3]));
    };
    if (png.size() < 24 || !png.startsWith("\x89PNG\r\n\x1a\n") || png.mid(12, 4) != "IHDR") return {};
    return QSize(static_cast<int>(be32(16)), static_cast<int>(be32(20)));
}

}  // namespace

class TestCliFigure : public QObject {
    Q_OBJECT
private slots:
    void rdmFigureWithoutDisplay() {
        const QString out = QDir(scratchDir()).filePath(QStringLiteral("x.png"));
        const auto r = runRepscope({"figure", reference(), "--view", "rdm", "--out", out, "--size", "640x480"});
#ifdef REPSCOPE_TEST_FIGURES
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(pngSize(file.read(64)), QSize(640, 480));
#else
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.trimmed().count('\n') == 0 && r.err.contains("no figure support"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
#endif
    }

    void helpInEveryBuild() {
        const auto r = runRepscope({"figure", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--view rdm|matrix|projection|units"));
    }
};

QTEST_MAIN(TestCliFigure)
#include "test_cli_figure.moc"
