// `repscope report` from the command line. With the GUI built: the HTML report is one
// well-formed, self-contained file (every image an inline PNG that decodes and is not blank, no
// external reference, no script), with every section, stimulus labels and category names from
// the file escaped, and the SHA-256 of the input in its provenance; the PDF renders with
// pdftoppm into non-blank pages; bad input gives one line and no file. Built with
// REPSCOPE_BUILD_GUI=OFF it says in one line that it has no report support and writes nothing.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>
#include <unistd.h>

#ifdef REPSCOPE_TEST_REPORTS
#include <QImage>
#endif

#include "test_support.h"

using namespace repscope::test;

namespace {

[[maybe_unused]] QByteArray readAll(const QString& path) {  // unused without the GUI
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

[[maybe_unused]] QString freshDir(const QString& name) {  // unused without the GUI
    const QString dir = QDir(scratchDir()).filePath(name);
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir;
}

#ifdef REPSCOPE_TEST_REPORTS
// More than one colour in a sample of the pixels, and not all (near) white.
bool isBlank(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    QSet<QRgb> colours;
    int dark = 0;
    for (int y = 0; y < rgb.height(); y += 3) {
        for (int x = 0; x < rgb.width(); x += 3) {
            const QRgb p = rgb.pixel(x, y);
            colours.insert(p);
            if (qGray(p) < 200) ++dark;
        }
    }
    return colours.size() < 3 || dark == 0;
}
#endif

}  // namespace

class TestCliReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fixture_ = makeFixture(QStringLiteral("report_escape.h5")); }

    void helpInEveryBuild() {
        const auto r = runRepscope({"report", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--out OUT.html|OUT.pdf"));
        QVERIFY(r.out.contains("--layers"));
        QVERIFY(runRepscope({"--help"}).out.contains("report"));
    }

#ifdef REPSCOPE_TEST_REPORTS
    void htmlReportIsSelfContainedAndEscaped() {
        const QString dir = freshDir(QStringLiteral("html"));
        const QString out = QDir(dir).filePath(QStringLiteral("report.html"));
        const auto r = runRepscope({"report", fixture_, "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value("format").toString(), QStringLiteral("html"));
        QCOMPARE(json.value("representations").toInt(), 5);
        QVERIFY2(r.err.contains("computing the cka_linear matrix"), qPrintable(r.err));  // progress
        QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList{"report.html"});  // no temp file left
        const QByteArray bytes = readAll(out);
        const QString html = QString::fromUtf8(bytes);

        // Well formed: the Debian python3's html.parser, with balanced tags checked.
        const auto check = runProcess(pythonExecutable(),
                                      {sourceDir() + "/tests/cli/check_report_html.py", out});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.trimmed().isEmpty(), qPrintable(check.out));

        // Sections.
        for (const char* id : {"summary", "matrices", "layers", "pairs", "parameters", "definitions", "provenance"}) {
            QVERIFY2(html.contains(QStringLiteral("id=\"%1\"").arg(id)), id);
        }
        for (const char* text : {"Dataset summary", "Layer × layer matrices", "RDMs and projections",
                                 "Most similar", "Least similar", "Metric definitions", "Provenance",
                                 "cka_linear", "rsa_spearman", "Kornblith", "Kriegeskorte"}) {
            QVERIFY2(html.contains(QString::fromUtf8(text)), text);
        }

        // No external reference of any kind; every image inline, decodable and not blank.
        const QRegularExpression attribute(QStringLiteral("\\b(src|href)\\s*=\\s*\"([^\"]*)\""));
        int images = 0;
        for (auto it = attribute.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            const QString value = m.captured(2);
            if (m.captured(1) == "href") {  // links within the page only
                QVERIFY2(value.startsWith('#') && !value.contains("http:") && !value.contains("https:") &&
                             !value.contains("//"),
                         qPrintable(value));
                continue;
            }
            // An inline PNG: the prefix, then nothing but base64 (which may well contain "//").
            const QString prefix = QStringLiteral("data:image/png;base64,");
            QVERIFY2(value.startsWith(prefix), qPrintable(value.left(80)));
            static const QRegularExpression base64(QStringLiteral("^[A-Za-z0-9+/]+=*$"));
            QVERIFY(base64.match(value.mid(prefix.size())).hasMatch());
            QImage image;
            QVERIFY(image.loadFromData(QByteArray::fromBase64(value.mid(value.indexOf(',') + 1).toLatin1()), "PNG"));
            QVERIFY(!image.isNull());
            QVERIFY2(!isBlank(image), qPrintable(QStringLiteral("image %1 is blank").arg(images)));
            ++images;
        }
        // 2 layer matrices, and an RDM and a projection of the last layer of each of 2 models.
        QCOMPARE(images, 6);
        QVERIFY(!html.contains("url(", Qt::CaseInsensitive));
        QVERIFY(!html.contains("@import", Qt::CaseInsensitive));

        // Text from the file is escaped: the label shows as text, never as an element.
        QVERIFY(!html.contains("<script", Qt::CaseInsensitive));
        QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(html.contains("cats &amp; &quot;dogs&quot;"));
        QVERIFY(!html.contains("cats & \"dogs\""));
        QVERIFY(html.contains("m&amp;m/layer2"));
        QVERIFY(html.contains("note = &lt;b&gt;pooled&lt;/b&gt; &amp; normalised"));  // an HDF5 attribute

        // Provenance: the input's SHA-256, computed here.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(readAll(fixture_));
        const QString sha = QString::fromLatin1(hash.result().toHex());
        QVERIFY2(html.contains(QStringLiteral("<code class=\"sha256\">%1</code>").arg(sha)), qPrintable(sha));
        QVERIFY(html.contains(QString::number(QFileInfo(fixture_).size())));
    }

    void chosenMetricsAndLayers() {
        const QString dir = freshDir(QStringLiteral("chosen"));
        const QString out = QDir(dir).filePath(QStringLiteral("r.html"));
        const auto r = runRepscope({"report", fixture_, "--out", out, "--metric", "procrustes_angular",
                                    "--metric", "cka_rbf,rsa_pearson", "--layers",
                                    fixture_ + ":/net/layer1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value("metrics").toVariant().toStringList(),
                 (QStringList{"procrustes_angular", "cka_rbf", "rsa_pearson"}));
        QCOMPARE(json.value("layers").toVariant().toStringList(), QStringList{"report_escape.h5:/net/layer1"});
        const QString html = QString::fromUtf8(readAll(out));
        QVERIFY(html.contains("id=\"matrix-procrustes_angular\""));
        QVERIFY(!html.contains("id=\"matrix-cka_linear\""));
        QVERIFY(html.contains("RDM of net/layer1"));
        QVERIFY(!html.contains("RDM of net/layer3"));
    }

    void pdfReportRendersIntoPages() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty()) {
            QSKIP("pdftoppm (poppler-utils, packaging/install-deps.sh) is not installed");
        }
        const QString dir = freshDir(QStringLiteral("pdf"));
        const QString out = QDir(dir).filePath(QStringLiteral("report.pdf"));
        const auto r = runRepscope({"report", fixture_, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readAll(out).startsWith("%PDF-"));
        const auto ppm = runProcess(QStringLiteral("pdftoppm"),
                                    {"-r", "40", "-png", out, QDir(dir).filePath(QStringLiteral("page"))});
        QVERIFY2(ppm.exitCode == 0, qPrintable(ppm.err));
        const QStringList pages = QDir(dir).entryList({"page*.png"}, QDir::Files, QDir::Name);
        QVERIFY2(pages.size() >= 3, qPrintable(pages.join(' ')));
        for (const QString& page : pages) {
            QImage image(QDir(dir).filePath(page));
            QVERIFY(!image.isNull());
            QVERIFY2(!isBlank(image), qPrintable(page));
        }
    }

    void badInputGivesOneLineAndNoFile_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("expected");
        const QString dir = freshDir(QStringLiteral("bad"));
        const QString html = QDir(dir).filePath(QStringLiteral("r.html"));
        QTest::newRow("missing file") << QStringList{dir + "/missing.h5", "--out", html} << html << "missing.h5";
        QTest::newRow("unknown metric") << QStringList{fixture_, "--out", html, "--metric", "cka_nope"} << html
                                        << "cka_nope";
        QTest::newRow("bad suffix") << QStringList{fixture_, "--out", dir + "/r.txt"} << dir + "/r.txt" << ".html or .pdf";
        QTest::newRow("no --out") << QStringList{fixture_} << html << "--out";
        QTest::newRow("missing directory") << QStringList{fixture_, "--out", dir + "/nowhere/r.html"}
                                           << dir + "/nowhere/r.html" << "does not exist";
        QTest::newRow("unknown layer") << QStringList{fixture_, "--out", html, "--layers", fixture_ + ":/net/nope"}
                                       << html << "/net/nope";
        QTest::newRow("not a representation name") << QStringList{fixture_, "--out", html, "--layers", "layer1"}
                                                   << html << "layer1";
    }

    void badInputGivesOneLineAndNoFile() {
        QFETCH(QStringList, args);
        QFETCH(QString, out);
        QFETCH(QString, expected);
        const QStringList before = QDir(QFileInfo(out).absolutePath()).entryList(QDir::Files);
        const auto r = runRepscope(QStringList{"report"} + args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.trimmed().count('\n') == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(QDir(QFileInfo(out).absolutePath()).entryList(QDir::Files), before);
    }

    void unwritableDirectory() {
        if (geteuid() == 0) QSKIP("permissions do not stop root");
        const QString dir = freshDir(QStringLiteral("readonly"));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const QString out = QDir(dir).filePath(QStringLiteral("r.html"));
        const auto r = runRepscope({"report", fixture_, "--out", out});
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.trimmed().count('\n') == 0 && r.err.contains("not writable"), qPrintable(r.err));
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
    }
#else
    void saysNoReportSupport() {
        const QString out = QDir(scratchDir()).filePath(QStringLiteral("r.html"));
        const auto r = runRepscope({"report", fixture_, "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.trimmed().count('\n') == 0 && r.err.contains("no report support"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
#endif

private:
    QString fixture_;
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "test_cli_report.moc"
