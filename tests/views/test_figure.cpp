// Figures (views/figure.h, figure_file.h): PNG at 1×/2×, SVG and PDF of heatmaps and scatters
// show the colours the colour scale gives for the data, the colormap, the category colours,
// title and labels; bad sizes, formats and destinations write nothing.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <random>

#include "figure_checks.h"
#include "repscope/error.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"
#include "repscope/views/figure.h"
#include "repscope/views/figure_file.h"

using namespace repscope;
using repscope::test::distinctColours;
using repscope::test::pixelsNear;

namespace {

constexpr int kBlock = 30;
constexpr float kWithin = 0.1F;
constexpr float kBetween = 0.9F;

// Two categories of kBlock stimuli: kWithin inside a category, kBetween across, 0 on the diagonal.
std::shared_ptr<Stimuli> twoCategories() {
    auto s = std::make_shared<Stimuli>();
    s->count = 2 * kBlock;
    CategoryColumn c;
    c.name = "category";
    c.categories = {"faces", "places"};
    for (int i = 0; i < 2 * kBlock; ++i) c.codes.push_back(i < kBlock ? 0 : 1);
    s->columns.push_back(c);
    return s;
}

views::Figure blockHeatmap(views::Colormap map = views::Colormap::Viridis) {
    MatrixF m(2 * kBlock, 2 * kBlock);
    for (int i = 0; i < 2 * kBlock; ++i) {
        for (int j = 0; j < 2 * kBlock; ++j) m(i, j) = i == j ? 0.0F : (i < kBlock) == (j < kBlock) ? kWithin : kBetween;
    }
    views::HeatmapContent c;
    c.source = std::make_shared<tiles::DenseTileSource>(m, "correlation");
    c.scale.colormap = map;
    c.scale.autoRange = false;
    c.scale.low = 0.0F;
    c.scale.high = 1.0F;
    c.rowStimuli = twoCategories();
    c.categoryColumn = "category";
    c.rowAxisTitle = c.colAxisTitle = QStringLiteral("60 stimuli");
    return views::Figure{QStringLiteral("Block RDM"), QStringLiteral("two categories"), c};
}

// A small labelled matrix with its values written in the cells.
views::Figure labelledMatrix() {
    MatrixF m(4, 4);
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 4; ++j) m(i, j) = i == j ? 1.0F : 0.5F;
    }
    auto s = std::make_shared<Stimuli>();
    s->count = 4;
    s->labels = {"alpha", "beta", "gamma", "delta"};
    views::HeatmapContent c;
    c.source = std::make_shared<tiles::DenseTileSource>(m, "cka_linear");
    c.scale.autoRange = false;
    c.rowStimuli = s;
    c.annotateCells = true;
    return views::Figure{QStringLiteral("Layer matrix"), QString(), c};
}

// Three separated clusters of 50 points, one category each.
views::Figure clusters() {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.3);
    Eigen::MatrixXd p(150, 2);
    auto s = std::make_shared<Stimuli>();
    s->count = 150;
    CategoryColumn c;
    c.name = "digit";
    c.categories = {"zero", "one", "two"};
    for (int i = 0; i < 150; ++i) {
        const int k = i / 50;
        p(i, 0) = 4.0 * k + noise(rng);
        p(i, 1) = (k == 1 ? 3.0 : 0.0) + noise(rng);
        c.codes.push_back(k);
    }
    s->columns.push_back(c);
    views::ScatterContent sc;
    sc.points = p;
    sc.stimuli = s;
    sc.categoryColumn = "digit";
    sc.xTitle = QStringLiteral("PC 1");
    sc.yTitle = QStringLiteral("PC 2");
    return views::Figure{QStringLiteral("PCA of clusters"), QString(), sc};
}

// The category palette's first colours (Tableau 10), as the heatmap strips draw them.
constexpr std::array<std::array<std::uint8_t, 3>, 3> kCategoryColours{
    {{0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}}};

std::array<std::uint8_t, 3> scaleColour(const views::Figure& f, float v) {
    return std::get<views::HeatmapContent>(f.content).scale.colour8(v);
}

}  // namespace

class TestFigure : public QObject {
    Q_OBJECT

private slots:
    void pngHasTheSizeAndTheDataColours_data() {
        QTest::addColumn<int>("scale");
        QTest::newRow("1x") << 1;
        QTest::newRow("2x") << 2;
        QTest::newRow("4x") << 4;
    }
    void pngHasTheSizeAndTheDataColours() {
        QFETCH(int, scale);
        const views::Figure f = blockHeatmap();
        const QImage img = views::renderFigureImage(f, QSize(600, 500), scale);
        QCOMPARE(img.size(), QSize(600 * scale, 500 * scale));
        const double pixels = static_cast<double>(img.width()) * img.height();
        QVERIFY(distinctColours(img) >= 30);
        // Both kinds of cell, in about the proportions of the matrix (half each, the matrix taking
        // a good part of the picture), coloured exactly as the colour scale says.
        const int within = pixelsNear(img, scaleColour(f, kWithin), 1);
        const int between = pixelsNear(img, scaleColour(f, kBetween), 1);
        QVERIFY2(within > 0.1 * pixels && between > 0.1 * pixels,
                 qPrintable(QStringLiteral("%1 %2 of %3").arg(within).arg(between).arg(pixels)));
        QVERIFY(std::abs(within - between) < 0.1 * (within + between));
        // The colorbar reaches both ends of the colormap; the strips show both categories.
        const auto& table = views::colormapTable(views::Colormap::Viridis);
        QVERIFY(pixelsNear(img, table[0], 3) >= scale);
        QVERIFY(pixelsNear(img, table[255], 3) >= scale);
        QVERIFY(pixelsNear(img, kCategoryColours[0], 2) > 500 * scale * scale);
        QVERIFY(pixelsNear(img, kCategoryColours[1], 2) > 500 * scale * scale);
    }

    void colormapIsTheOneAsked() {
        const views::Figure f = blockHeatmap(views::Colormap::Magma);
        const QImage img = views::renderFigureImage(f, QSize(600, 500));
        const auto viridis = scaleColour(blockHeatmap(views::Colormap::Viridis), kBetween);
        QVERIFY(pixelsNear(img, scaleColour(f, kBetween), 1) > 5000);
        QVERIFY(pixelsNear(img, viridis, 3) < 50);  // at most where the colorbar passes near it
    }

    void svgIsVectorWithTheCellsAsOneImage() {
        const views::Figure f = labelledMatrix();
        const QByteArray svg = views::figureBytes(f, views::FigureFormat::Svg, QSize(600, 500));
        const test::SvgSummary s = test::summariseSvg(svg);
        QVERIFY2(s.wellFormed, qPrintable(s.error));
        QCOMPARE(s.root, QStringLiteral("svg"));
        QCOMPARE(s.images, 1);  // the cells; text, colorbar and frame are vector shapes
        QVERIFY(s.texts >= 4 + 4 + 16 + 2);  // row and column labels, values, title and caption
        for (const char* word : {"Layer matrix", "alpha", "delta", "cka_linear", "0.50", "1.00"}) {
            QVERIFY2(s.allText.contains(QLatin1String(word)), qPrintable(s.allText));
        }
        QVERIFY(svg.contains("linearGradient"));  // the colorbar
    }

    void pdfRendersThroughPoppler() {
        const views::Figure f = blockHeatmap();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("block.pdf"));
        views::writeFigure(f, path, QSize(600, 500));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        const QImage page = test::renderPdfPage(path, 72);  // 1 point = 1 pixel
        QVERIFY2(!page.isNull(), "pdftoppm could not render the PDF");
        QVERIFY(std::abs(page.width() - 600) <= 1 && std::abs(page.height() - 500) <= 1);
        QVERIFY(test::inkFraction(page) > 0.3);
        QVERIFY(distinctColours(page) >= 20);
        const double pixels = static_cast<double>(page.width()) * page.height();
        QVERIFY(pixelsNear(page, scaleColour(f, kWithin), 3) > 0.1 * pixels);
        QVERIFY(pixelsNear(page, scaleColour(f, kBetween), 3) > 0.1 * pixels);
        QVERIFY(pixelsNear(page, kCategoryColours[1], 3) > 500);
    }

    void scatterShowsEachCategory() {
        const views::Figure f = clusters();
        const QImage img = views::renderFigureImage(f, QSize(700, 500), 2);
        QCOMPARE(img.size(), QSize(1400, 1000));
        for (const auto& c : kCategoryColours) {
            // Legend swatches are opaque; dots are 85 % over white.
            QVERIFY(pixelsNear(img, c, 2) > 100);
            const std::array<std::uint8_t, 3> dot{
                static_cast<std::uint8_t>(std::lround(0.85 * c[0] + 0.15 * 255)),
                static_cast<std::uint8_t>(std::lround(0.85 * c[1] + 0.15 * 255)),
                static_cast<std::uint8_t>(std::lround(0.85 * c[2] + 0.15 * 255))};
            QVERIFY(pixelsNear(img, dot, 3) > 500);
        }
        const test::SvgSummary s =
            test::summariseSvg(views::figureBytes(f, views::FigureFormat::Svg, QSize(700, 500)));
        QVERIFY2(s.wellFormed, qPrintable(s.error));
        for (const char* word : {"PCA of clusters", "PC 1", "PC 2", "digit", "zero (50)", "two (50)"}) {
            QVERIFY2(s.allText.contains(QLatin1String(word)), qPrintable(s.allText));
        }
    }

    void largeRdmIsDrawnFromCoarseTiles() {
        // 3000 stimuli in a 400-unit matrix: level ≥ 2 tiles; every cell coloured, none NaN.
        std::mt19937 rng(3);
        std::normal_distribution<float> g;
        MatrixF x(3000, 8);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = g(rng);
        views::HeatmapContent c;
        c.source = std::make_shared<tiles::RepresentationTileSource>(x, metrics::RdmMeasure::Correlation);
        const views::Figure f{QStringLiteral("RDM"), QString(), c};
        const QImage img = views::renderFigureImage(f, QSize(500, 450));
        QVERIFY(test::inkFraction(img) > 0.3);
        const auto nan = views::ColorScale{}.nanColour;
        QCOMPARE(pixelsNear(img, {nan[0], nan[1], nan[2]}, 0), 0);  // the NaN colour
        QVERIFY(distinctColours(img) >= 50);
    }

    void badRequestsWriteNothing() {
        const views::Figure f = blockHeatmap();
        QTemporaryDir dir;
        const QString missingDir = dir.filePath(QStringLiteral("no/such/dir/x.png"));
        QVERIFY_THROWS_EXCEPTION(FileError, views::writeFigure(f, missingDir, QSize(600, 500)));
        QVERIFY_THROWS_EXCEPTION(InputError, views::writeFigure(f, dir.filePath(QStringLiteral("x.bmp")), QSize(600, 500)));
        QVERIFY_THROWS_EXCEPTION(InputError, views::writeFigure(f, dir.filePath(QStringLiteral("x.png")), QSize(100, 500)));
        QVERIFY_THROWS_EXCEPTION(InputError, views::writeFigure(f, dir.filePath(QStringLiteral("x.png")), QSize(600, 500), 3));
        QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
        // A good one leaves exactly its file (no temporary next to it).
        views::writeFigure(f, dir.filePath(QStringLiteral("ok.svg")), QSize(600, 500));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{"ok.svg"});
    }
};

QTEST_MAIN(TestFigure)
#include "test_figure.moc"
