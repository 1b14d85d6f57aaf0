// The command line with files from others: damaged files are one line and an exit code below 128
// (the probe takes HDF5's own crashes and hangs), names from a file never reach the terminal raw,
// links outside the file's folder are listed and not followed unless allowed, a mistyped
// sub-command is named. Every file the fuzzers ever found a crash or hang with is replayed here.
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using repscope::test::makeFixture;
using repscope::test::runRepscope;

namespace {

bool oneLine(const QString& err) {
    const QString t = err.endsWith('\n') ? err.chopped(1) : err;
    return !t.isEmpty() && !t.contains('\n');
}

QJsonObject infoJson(const QStringList& args) {
    const auto r = runRepscope(QStringList{QStringLiteral("info")} + args + QStringList{QStringLiteral("--json")});
    if (r.exitCode != 0) return {};
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QStringList strings(const QJsonValue& v) {
    QStringList out;
    for (const auto& x : v.toArray()) out << x.toString();
    return out;
}

QStringList paths(const QJsonObject& info) {
    QStringList out;
    for (const auto& r : info["representations"].toArray()) out << r.toObject()["path"].toString();
    return out;
}

}  // namespace

class TestCliHostile : public QObject {
    Q_OBJECT
private slots:
    // Files that hang HDF5 are given up on after 5 s here (30 s by default).
    void initTestCase() { qputenv("REPSCOPE_PROBE_TIMEOUT", "5"); }

    void mistypedSubcommandIsNamed() {
        const auto r = runRepscope({QStringLiteral("inof"), QStringLiteral("x.h5")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("repscope: unknown sub-command 'inof' (did you mean 'info'?); "
                                       "see repscope --help\n"));
        const auto far = runRepscope({QStringLiteral("frobnicate")});
        QCOMPARE(far.exitCode, 2);
        QCOMPARE(far.err, QStringLiteral("repscope: unknown sub-command 'frobnicate'; see repscope --help\n"));
    }

    // The window takes file names: a mistyped option is said on the terminal (escaped) and no
    // window opens.
    void unknownOptionOrNoOpenGLOpensNoWindow() {
#ifdef REPSCOPE_TEST_GUI
        const QStringList offscreen = {QStringLiteral("QT_QPA_PLATFORM=offscreen")};
        const auto r = repscope::test::runProcess(QStringLiteral(REPSCOPE_BINARY),
                                  {QStringLiteral("--demo\x1b[2J")}, 60000, offscreen);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.endsWith(QStringLiteral(
                     "repscope: unknown option '--demo\\x1b[2J'; the window takes file names "
                     "(repscope [FILE...], a name that starts with '-' after --); see repscope --help\n")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(QChar(0x1b)));
        // After "--" the same name is a file: no complaint about an option. The offscreen
        // platform has no OpenGL, which the window needs: said in one line, where Qt 6.4 crashed
        // on the first repaint (exit 139) before the check.
        const auto asFile = repscope::test::runProcess(
            QStringLiteral(REPSCOPE_BINARY), {QStringLiteral("--"), QStringLiteral("--demo")}, 60000,
            offscreen);
        QCOMPARE(asFile.exitCode, 2);
        QVERIFY2(!asFile.err.contains(QStringLiteral("unknown option")), qPrintable(asFile.err));
        QVERIFY2(asFile.err.endsWith(QStringLiteral(
                     "repscope: RepScope's window needs OpenGL, which this display (Qt platform "
                     "'offscreen') does not provide. The sub-commands run without a display: see "
                     "repscope --help.\n")),
                 qPrintable(asFile.err));
#else
        QSKIP("this build has no window");
#endif
    }

    void controlCharactersNeverReachTheTerminal() {
        const QString file = makeFixture(QStringLiteral("escape_names.h5"));
        const auto text = runRepscope({QStringLiteral("info"), file});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        for (const QString* s : {&text.out, &text.err}) {
            QVERIFY(!s->contains(QChar(0x1b)));
            QVERIFY(!s->contains(QChar(0x07)));
        }
        QVERIFY2(text.out.contains(QStringLiteral("layer\\x1b]0;x\\x07")), qPrintable(text.out));
        QVERIFY2(text.err.contains(QStringLiteral("bad\\nname is rank-1")), qPrintable(text.err));
        const auto json = runRepscope({QStringLiteral("info"), file, QStringLiteral("--json")});
        QVERIFY(!json.out.contains(QChar(0x1b)));
        QVERIFY(QJsonDocument::fromJson(json.out.toUtf8()).isObject());
        // An error message that quotes a path from the user with a newline and ESC in it.
        const auto err = runRepscope({QStringLiteral("rdm"), file + QStringLiteral(":/net\x1b[2J/bad\nname")});
        QCOMPARE(err.exitCode, 1);
        QVERIFY2(oneLine(err.err), qPrintable(err.err));
        QVERIFY(!err.err.contains(QChar(0x1b)));
    }

    void damagedFileIsOneSentence() {
        const QString file = makeFixture(QStringLiteral("gheap_crash.h5"));
        const auto r = runRepscope({QStringLiteral("info"), file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r.err), qPrintable(r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("repscope info: ") + file +
                                  QStringLiteral(" is damaged: reading its structure made the HDF5 library fail (")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("near /stimuli/labels); RepScope did not open it")), qPrintable(r.err));
    }

    // A representation with NaN: its pairs are null with the reason, the others computed.
    void matrixWithNanLeavesOnlyItsPairsNull() {
        const QString file = makeFixture(QStringLiteral("nan_layer.h5"));
        const auto r = runRepscope({QStringLiteral("matrix"), file, QStringLiteral("--metric"),
                                    QStringLiteral("cka_linear"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray values = o["values"].toArray();
        QCOMPARE(values.size(), 3);
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                const QJsonValue v = values[i].toArray()[j];
                QCOMPARE(v.isNull(), i == 1 || j == 1);
            }
        }
        QCOMPARE(values[0].toArray()[0].toDouble(), 1.0);
        const QJsonArray undefined = o["undefined"].toArray();
        QCOMPARE(undefined.size(), 3);
        QVERIFY2(undefined[0].toObject()["reason"].toString().contains(QStringLiteral("/net/layer2")),
                 qPrintable(undefined[0].toObject()["reason"].toString()));
    }

    void linksAreListedAndRefused() {
        const QString main = makeFixture(QStringLiteral("links/links_main.h5"));
        const QJsonObject o = infoJson({main});
        QVERIFY(!o.isEmpty());
        QVERIFY(paths(o).contains(QStringLiteral("/linked/inside")));
        QVERIFY(!paths(o).contains(QStringLiteral("/linked/secret")));
        const QString warnings = strings(o["warnings"]).join('\n');
        QVERIFY2(warnings.contains(QStringLiteral("/linked/secret is an external link to ../outside/secret.h5:/layer, "
                                                  "outside the file's folder; not followed")),
                 qPrintable(warnings));
        QCOMPARE(strings(o["linked_files"]).size(), 1);
        QVERIFY(strings(o["linked_files"]).front().endsWith(QStringLiteral("/links/sub/inside.h5")));

        const QJsonObject allowed = infoJson({main, QStringLiteral("--allow-links-outside")});
        QVERIFY(paths(allowed).contains(QStringLiteral("/linked/secret")));
        QVERIFY(paths(allowed).contains(QStringLiteral("/virtual/secret")));
        QCOMPARE(strings(allowed["linked_files"]).size(), 3);
    }

#ifdef REPSCOPE_TEST_REPORTS
    // Every file actually read is in the report's provenance with its SHA-256.
    void reportHashesLinkedFiles() {
        const QString main = makeFixture(QStringLiteral("links/links_main.h5"));
        const QString out = repscope::test::scratchDir() + QStringLiteral("/links_report.html");
        const auto r = runRepscope({QStringLiteral("report"), main, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile html(out);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(html.readAll());
        QVERIFY(text.contains(QStringLiteral("inside.h5 (read through a link in links_main.h5)")));
        QFile inside(QFileInfo(main).absolutePath() + QStringLiteral("/sub/inside.h5"));
        QVERIFY(inside.open(QIODevice::ReadOnly));
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(inside.readAll(), QCryptographicHash::Sha256).toHex());
        QVERIFY2(text.contains(sha), qPrintable(sha));
        QVERIFY(!text.contains(QStringLiteral("secret.h5 (read through")));
    }
#endif

    // Every file a fuzzer ever crashed or hung RepScope (or HDF5 inside it) with, and the
    // hand-made hostile files: one line, an exit code below 128, within the time limit.
    void fuzzRegressionsAreCleanErrors_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(repscope::test::sourceDir() + QStringLiteral("/tests/fuzz/regressions"));
        for (const QString& name : dir.entryList({QStringLiteral("*.h5")}, QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        }
        for (const char* name : {"thumbs_overflow.h5", "dims_overflow.h5", "h5ad_bad_codes.h5",
                                 "hardlink_cycle.h5", "deep_nesting.h5", "float16_layouts.h5",
                                 "gheap_hang.h5"}) {
            QTest::newRow(name) << makeFixture(QString::fromLatin1(name));
        }
    }
    void fuzzRegressionsAreCleanErrors() {
        QFETCH(QString, file);
        const auto r = runRepscope({QStringLiteral("info"), file, QStringLiteral("--json")}, 120000);
        QVERIFY2(r.exitCode >= 0 && r.exitCode < 128, qPrintable(QString::number(r.exitCode) + r.err));
        if (r.exitCode != 0) QVERIFY2(oneLine(r.err), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
