// `repscope figure` run as a user would, with no display at all (DISPLAY, WAYLAND_DISPLAY and
// QT_QPA_PLATFORM unset): every view of the demo dataset to PNG, SVG and PDF, checked for size,
// colours, structure and text; bad input gives one line on stderr and writes nothing.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "figure_checks.h"
#include "repscope/data_file.h"
#include "repscope/views/colormap.h"
#include "test_support.h"

using namespace repscope::test;

namespace {

ProcessResult runHeadless(const QStringList& args) {
    return runProcess(QStringLiteral(REPSCOPE_BINARY), args, 600000,
                      {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"),
                       QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("XAUTHORITY")});
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden);
}

// The Tableau colours of the first categories (digits 0, 1, 2), as figures draw them.
constexpr std::array<std::array<std::uint8_t, 3>, 3> kCategoryColours{
    {{0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}}};

}  // namespace

class TestFigureCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        demo_ = QDir(scratchDir()).filePath(QStringLiteral("demo.h5"));
        const ProcessResult made = runHeadless({"demo", "--out", demo_});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const ProcessResult info = runHeadless({"info", demo_, "--json"});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        const QJsonArray reps = QJsonDocument::fromJson(info.out.toUtf8()).object()["representations"].toArray();
        QVERIFY(reps.size() >= 3);
        a_ = demo_ + ":" + reps[0].toObject()["path"].toString();
        b_ = demo_ + ":" + reps[1].toObject()["path"].toString();
        out_ = QDir(scratchDir()).filePath(QStringLiteral("figures"));
        QVERIFY(QDir().mkpath(out_));
    }

    void everyViewHeadless_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("colours");  // what the PNG must show: colormap ends or categories
        for (const char* format : {"png", "svg", "pdf"}) {
            QTest::addRow("rdm %s", format) << QStringList{"--view", "rdm"} << QString(format) << QStringLiteral("viridis");
            QTest::addRow("matrix %s", format) << QStringList{"--view", "matrix", "--colormap", "magma"}
                                               << QString(format) << QStringLiteral("magma");
            QTest::addRow("projection %s", format) << QStringList{"--view", "projection"} << QString(format) << QStringLiteral("categories");
            QTest::addRow("units %s", format) << QStringList{"--view", "units", "--with", b_} << QString(format) << QStringLiteral("rdbu");
        }
        QTest::addRow("rdm png 2x by category") << QStringList{"--view", "rdm", "--ordering", "category",
                                                               "--measure", "euclidean", "--scale", "2"}
                                                << QStringLiteral("png") << QStringLiteral("viridis");
        QTest::addRow("projection png umap") << QStringList{"--view", "projection", "--method", "umap"}
                                             << QStringLiteral("png") << QStringLiteral("categories");
    }
    void everyViewHeadless() {
        QFETCH(QStringList, options);
        QFETCH(QString, format);
        QFETCH(QString, colours);
        const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_');
        const QString out = QDir(out_).filePath(name + "." + format);
        const QString input = options.contains("matrix") ? demo_ : a_;
        const ProcessResult r = runHeadless(QStringList{"figure", input, "--out", out, "--size", "800x600"} + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));  // no warnings from Qt either
        QVERIFY(QFileInfo::exists(out));
        const int scale = options.contains("--scale") ? options[options.indexOf("--scale") + 1].toInt() : 1;

        if (format == "svg") {
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const SvgSummary s = summariseSvg(file.readAll());
            QVERIFY2(s.wellFormed, qPrintable(s.error));
            QCOMPARE(s.root, QStringLiteral("svg"));
            QCOMPARE(s.images, options.contains("projection") ? 0 : 1);
            QVERIFY(s.texts >= 8);
            return;
        }
        const QImage img = format == "png" ? QImage(out) : renderPdfPage(out, 72);
        QVERIFY2(!img.isNull(), qPrintable(out));
        if (format == "png") {
            QCOMPARE(img.size(), QSize(800 * scale, 600 * scale));
        } else {
            QVERIFY(std::abs(img.width() - 800) <= 1 && std::abs(img.height() - 600) <= 1);
        }
        QVERIFY2(inkFraction(img) > (colours == "categories" ? 0.05 : 0.2), qPrintable(out));
        QVERIFY(distinctColours(img) >= 30);
        const int tolerance = format == "png" ? 3 : 6;
        if (colours == "categories") {
            for (const auto& c : kCategoryColours) QVERIFY2(pixelsNear(img, c, tolerance) > 20, qPrintable(out));
        } else {
            // The colorbar spans the whole map: both ends are in the picture.
            const auto& table = repscope::views::colormapTable(repscope::views::parseColormap(colours.toStdString()));
            QVERIFY2(pixelsNear(img, table[0], tolerance) >= scale, qPrintable(out));
            QVERIFY2(pixelsNear(img, table[255], tolerance) >= scale, qPrintable(out));
        }
    }

    // The demo's pixels include columns that are 0 for every digit (constant units): the units
    // figure's subtitle counts them on each side, as the window's note does, since their blank
    // rows would otherwise read as "uncorrelated".
    void unitsFigureCountsConstantUnits() {
        const auto file = repscope::DataFile::open(demo_.toStdString());
        const auto constantColumns = [&](const QString& spec) {
            const auto rep = file->find(spec.mid(spec.indexOf(QLatin1Char(':')) + 1).toStdString());
            const repscope::MatrixF v = rep->readAll();
            int count = 0;
            for (Eigen::Index j = 0; j < v.cols(); ++j) count += (v.col(j).array() == v(0, j)).all() ? 1 : 0;
            return count;
        };
        const int inA = constantColumns(a_);
        const int inB = constantColumns(b_);
        QVERIFY2(inA > 0, "the demo's pixels should have constant columns");
        const QString out = QDir(out_).filePath(QStringLiteral("units_constant.svg"));
        const ProcessResult r = runHeadless({"figure", a_, "--view", "units", "--with", b_, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile svg(out);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(svg.readAll());
        const QString want = QStringLiteral("constant units (no correlation, counted as 0): %1 in A, %2 in B")
                                 .arg(inA)
                                 .arg(inB);
        QVERIFY2(text.contains(want), qPrintable(want));
    }

    void jsonSaysWhatWasWritten() {
        const QString out = QDir(out_).filePath(QStringLiteral("summary.png"));
        const ProcessResult r = runHeadless({"figure", a_, "--view", "rdm", "--out", out, "--scale", "2",
                                             "--title", "My RDM", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["view"].toString(), QStringLiteral("rdm"));
        QCOMPARE(o["format"].toString(), QStringLiteral("png"));
        QCOMPARE(o["title"].toString(), QStringLiteral("My RDM"));
        QCOMPARE(o["width"].toInt(), 1800);
        QCOMPARE(o["height"].toInt(), 1600);
        QCOMPARE(QImage(out).size(), QSize(1800, 1600));
    }

    void helpListsEveryOption() {
        const ProcessResult r = runHeadless({"figure", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--view", "--out", "--size", "--scale", "--title", "--measure", "--ordering",
                                   "--metric", "--colormap", "--method", "--seed", "--with", "--json"}) {
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
        }
        QVERIFY(runHeadless({"--help"}).out.contains(QLatin1String("figure")));
    }

    void badInputWritesNothing_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        const QString png = QStringLiteral("bad.png");
        QTest::newRow("missing path") << QStringList{"figure", demo_ + ":/no/such", "--view", "rdm", "--out", png} << QStringLiteral("/no/such");
        QTest::newRow("missing file") << QStringList{"figure", "/no/such/file.h5:/x", "--view", "rdm", "--out", png} << QStringLiteral("file.h5");
        QTest::newRow("unknown view") << QStringList{"figure", a_, "--view", "pie", "--out", png} << QStringLiteral("pie");
        QTest::newRow("no view") << QStringList{"figure", a_, "--out", png} << QStringLiteral("--view");
        QTest::newRow("bad size") << QStringList{"figure", a_, "--view", "rdm", "--out", png, "--size", "12x"} << QStringLiteral("--size");
        QTest::newRow("tiny size") << QStringList{"figure", a_, "--view", "rdm", "--out", png, "--size", "100x100"} << QStringLiteral("--size");
        QTest::newRow("bad scale") << QStringList{"figure", a_, "--view", "rdm", "--out", png, "--scale", "3"} << QStringLiteral("--scale");
        QTest::newRow("bad format") << QStringList{"figure", a_, "--view", "rdm", "--out", "bad.bmp"} << QStringLiteral(".png");
        QTest::newRow("unwritable out") << QStringList{"figure", a_, "--view", "rdm", "--out", "/no/such/dir/x.png"} << QStringLiteral("/no/such/dir");
        QTest::newRow("units without --with") << QStringList{"figure", a_, "--view", "units", "--out", png} << QStringLiteral("--with");
        QTest::newRow("option of another view") << QStringList{"figure", a_, "--view", "rdm", "--metric", "cka_linear", "--out", png} << QStringLiteral("--metric");
        QTest::newRow("unknown colormap") << QStringList{"figure", a_, "--view", "rdm", "--colormap", "jet", "--out", png} << QStringLiteral("jet");
        QTest::newRow("unknown metric") << QStringList{"figure", demo_, "--view", "matrix", "--metric", "nope", "--out", png} << QStringLiteral("nope");
    }
    void badInputWritesNothing() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const QTemporaryDir dir;
        for (QString& a : args) {
            if (a == "bad.png" || a == "bad.bmp") a = QDir(dir.path()).filePath(a);
        }
        const ProcessResult r = runHeadless(args);
        QVERIFY2(r.exitCode != 0 && r.exitCode != -2, qPrintable(r.err));  // an error, not a crash
        const QString err = r.err.trimmed();
        QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(r.err));
        QVERIFY2(err.contains(says), qPrintable(err));
        QVERIFY2(filesIn(dir.path()).isEmpty(), qPrintable(filesIn(dir.path()).join(' ')));
    }

private:
    QString demo_;
    QString a_;
    QString b_;
    QString out_;
};

QTEST_MAIN(TestFigureCommand)
#include "test_figure_command.moc"
