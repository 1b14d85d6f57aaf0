// The chart (views/chart.h) that the Alignment view, figures and reports share: where bars,
// points and the band go follows from the values (linear and logarithmic axes), what is under
// the mouse is the item drawn there, the painted pixels carry the bars' colours and the band, and
// SVG keeps the labels as text. Expected positions are computed here from the axis formulas.
#include <QApplication>
#include <QBuffer>
#include <QPainter>
#include <QSvgGenerator>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "repscope/views/chart.h"
#include "repscope/views/chart_view.h"
#include "repscope/views/figure_file.h"
#include "text_recorder.h"

using namespace repscope::views;
using repscope::test::TextRecorder;

namespace {

ChartContent threeBars() {
    ChartContent c;
    c.kind = ChartKind::Bars;
    c.valueTitle = QStringLiteral("Spearman rho");
    const double values[] = {0.4, -0.1, 0.25};
    const QColor colours[] = {QColor(200, 40, 40), QColor(40, 160, 40), QColor(40, 40, 200)};
    for (int k = 0; k < 3; ++k) {
        ChartItem b;
        b.value = values[k];
        b.errLo = values[k] - 0.05;
        b.errHi = values[k] + 0.05;
        b.label = QStringLiteral("layer%1").arg(k + 1);
        b.colour = colours[k];
        b.tooltip = QStringLiteral("tip %1").arg(k);
        b.id = 10 + k;
        c.bars.push_back(b);
    }
    c.band = ChartBand{0.5, 0.6, QStringLiteral("noise ceiling")};
    c.legend = {{colours[0], QStringLiteral("net")}};
    return c;
}


}  // namespace

class TestChart : public QObject {
    Q_OBJECT
private slots:
    void barsFollowTheirValues() {
        const ChartContent c = threeBars();
        const ChartGeometry g = layoutChart(c, QRectF(0, 0, 600, 400));
        QCOMPARE(g.bars.size(), std::size_t{3});
        // The axis spans every value, error bar and the band, from below the smallest to above 0.6.
        QVERIFY(g.valueLo <= -0.15 && g.valueHi >= 0.6);
        const double zero = g.plot.left() + (0.0 - g.valueLo) / (g.valueHi - g.valueLo) * g.plot.width();
        for (std::size_t k = 0; k < 3; ++k) {
            const double end = g.plot.left() + (c.bars[k].value - g.valueLo) / (g.valueHi - g.valueLo) * g.plot.width();
            QVERIFY(std::abs(g.bars[k].left() - std::min(zero, end)) < 1e-6);
            QVERIFY(std::abs(g.bars[k].right() - std::max(zero, end)) < 1e-6);
            // Rows top to bottom in the order given.
            if (k > 0) QVERIFY(g.bars[k].top() > g.bars[k - 1].bottom());
        }
        QVERIFY(std::abs(g.band.left() - g.valuePixel(ChartKind::Bars, 0.5)) < 1e-6);
        QVERIFY(std::abs(g.band.right() - g.valuePixel(ChartKind::Bars, 0.6)) < 1e-6);
        // What is under a bar's centre is that bar; above the plot, nothing.
        for (std::size_t k = 0; k < 3; ++k) {
            const auto hit = hitTestChart(c, g, g.bars[k].center());
            QVERIFY(hit.has_value());
            QCOMPARE(hit->index, k);
        }
        QVERIFY(!hitTestChart(c, g, QPointF(g.plot.center().x(), g.plot.top() - 5)).has_value());
    }

    void logarithmicAxes() {
        ChartContent c;
        c.kind = ChartKind::Lines;
        c.logValue = true;
        c.logX = true;
        ChartSeries s;
        s.colour = Qt::black;
        for (const double d : {8.0, 16.0, 32.0, 64.0}) {
            ChartItem p;
            p.x = d;
            p.value = 1.0 / d;
            s.points.push_back(p);
        }
        c.series.push_back(s);
        const ChartGeometry g = layoutChart(c, QRectF(0, 0, 500, 400));
        // A decade of values and an octave of x are each the same distance everywhere.
        const double decade = g.valuePixel(ChartKind::Lines, 0.01) - g.valuePixel(ChartKind::Lines, 0.1);
        QVERIFY(std::abs(decade - (g.valuePixel(ChartKind::Lines, 0.001) - g.valuePixel(ChartKind::Lines, 0.01))) < 1e-6);
        const double octave = g.xPixel(16) - g.xPixel(8);
        QVERIFY(octave > 0);
        QVERIFY(std::abs(octave - (g.xPixel(64) - g.xPixel(32))) < 1e-6);
        QVERIFY(std::isnan(g.valuePixel(ChartKind::Lines, 0.0)));
        QVERIFY(std::isnan(g.xPixel(-1.0)));
        // Points lie on a straight line (value ∝ 1/x on log-log axes).
        const auto& pts = g.points.front();
        const double slope0 = (pts[1].y() - pts[0].y()) / (pts[1].x() - pts[0].x());
        const double slope2 = (pts[3].y() - pts[2].y()) / (pts[3].x() - pts[2].x());
        QVERIFY(std::abs(slope0 - slope2) < 1e-6);
        // The nearest point within reach is hit.
        const auto hit = hitTestChart(c, g, pts[2] + QPointF(3, -2));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->index, std::size_t{2});
        QVERIFY(!hitTestChart(c, g, pts[2] + QPointF(40, 40)).has_value());
    }

    void paintedPixelsShowBarsAndBand() {
        const ChartContent c = threeBars();
        QImage image(600, 400, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        paintChart(painter, c, QRectF(0, 0, 600, 400));
        painter.end();
        const ChartGeometry g = layoutChart(c, QRectF(0, 0, 600, 400));
        for (std::size_t k = 0; k < 3; ++k) {
            const QRectF r = g.bars[k];
            // A point inside the bar, away from its error bar (drawn at the bar's end).
            const QPoint inside(static_cast<int>(r.left() + r.width() * 0.3), static_cast<int>(r.top() + 2));
            QCOMPARE(QColor(image.pixel(inside)), c.bars[k].colour);
        }
        // The band is grey between two bars' rows (no bar reaches it).
        const QPoint inBand(static_cast<int>(g.band.center().x()), static_cast<int>((g.bars[0].bottom() + g.bars[1].top()) / 2));
        const QColor band(image.pixel(inBand));
        QVERIFY(band.red() == band.green() && band.green() == band.blue() && band.red() < 250 && band.red() > 150);
    }

    void svgKeepsTextAsText() {
        const Figure f{QStringLiteral("Alignment with <set>"), QStringLiteral("subtitle"), threeBars()};
        const QByteArray svg = figureBytes(f, FigureFormat::Svg, QSize(700, 500));
        for (const char* word : {"noise ceiling", "layer1", "layer3", "Spearman rho", "net", "Alignment with &lt;set&gt;"}) {
            QVERIFY2(svg.contains(word), word);
        }
    }

    // A value title longer than a short chart is tall is elided ("…") inside the chart, not run
    // off its edges (the inspector's spectrum cut "explained variance ratio" to "explained
    // variance r"); a tall chart keeps it whole.
    void valueTitleFitsAShortChart() {
        ChartContent c;
        c.kind = ChartKind::Lines;
        c.valueTitle = QStringLiteral("explained variance ratio");
        ChartSeries s;
        s.colour = Qt::black;
        for (const double d : {1.0, 2.0, 3.0}) {
            ChartItem p;
            p.x = d;
            p.value = 1.0 / d;
            s.points.push_back(p);
        }
        c.series.push_back(s);
        const auto svgOf = [&c](int height) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(QSize(300, height));
            svg.setViewBox(QRect(0, 0, 300, height));
            QPainter painter(&svg);
            paintChart(painter, c, QRectF(0, 0, 300, height));
            painter.end();
            return QString::fromUtf8(buffer.data());
        };
        QVERIFY(svgOf(400).contains(QStringLiteral("explained variance ratio")));
        const QString shortChart = svgOf(90);
        QVERIFY(!shortChart.contains(QStringLiteral("explained variance ratio")));
        QVERIFY2(shortChart.contains(QStringLiteral("explained")) && shortChart.contains(QChar(0x2026)),
                 qPrintable(shortChart));
    }

    // Every label, title and note of a chart lies inside its area, whatever its size: the layer
    // profile cut the last layer's name ("rdm_sum") at its right edge.
    void everyLabelLiesInsideTheChart() {
        ChartContent lines;
        lines.kind = ChartKind::Lines;
        lines.valueTitle = QStringLiteral("Pearson r");
        lines.xTitle = QStringLiteral("layer");
        lines.note = QStringLiteral("noise ceiling 0.9806 – 0.9893 · * FDR q < 0.05 (mean > 0)");
        lines.band = ChartBand{0.98, 0.99, QStringLiteral("noise ceiling")};
        ChartSeries s;
        s.colour = Qt::black;
        s.name = QStringLiteral("model");
        const QString names[] = {QStringLiteral("layer1"), QStringLiteral("layer2"), QStringLiteral("rdm_sum")};
        for (int k = 0; k < 3; ++k) {
            ChartItem p;
            p.x = k;
            p.value = 0.6 - 0.3 * k;
            s.points.push_back(p);
            lines.xTicks.emplace_back(k, names[k]);
        }
        lines.series.push_back(s);
        lines.legend = {{Qt::black, QStringLiteral("model")}};
        for (const ChartContent& c : {lines, threeBars()}) {
            for (const QSize size : {QSize(340, 420), QSize(220, 160), QSize(600, 300)}) {
                TextRecorder device(size);
                QPainter painter(&device);
                paintChart(painter, c, QRectF(QPointF(0, 0), size));
                painter.end();
                QVERIFY(device.texts.size() >= 4);
                const QRectF area = QRectF(QPointF(0, 0), size).adjusted(-0.5, -0.5, 0.5, 0.5);
                for (const TextRecorder::Text& t : device.texts) {
                    const QString where = QStringLiteral("'%1' at (%2, %3, %4 x %5) in %6 x %7")
                                              .arg(t.text).arg(t.rect.left()).arg(t.rect.top()).arg(t.rect.width())
                                              .arg(t.rect.height()).arg(size.width()).arg(size.height());
                    QVERIFY2(area.contains(t.rect), qPrintable(where));
                }
            }
        }
    }

    // A chart with nothing to plot shows its message alone, not empty axes with a made-up range
    // faded behind it (the inspector's spectrum of a representation with NaN did).
    void aMessageWithoutDataShowsNoAxes() {
        ChartView view;
        view.resize(320, 220);
        view.setContent({});
        view.setOverlayText(QStringLiteral("the representation contains NaN or infinite values"));
        const QImage image = view.grab().toImage();
        // The message is centred; above and below it, where the axes, their ticks and the top
        // value label would be, is blank.
        int marked = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const bool rim = y > image.height() * 3 / 4 || y < image.height() / 5;
                if (rim && QColor(image.pixel(x, y)) != QColor(Qt::white)) ++marked;
            }
        }
        QCOMPARE(marked, 0);
    }

    void viewHoversAndClicks() {
        ChartView view;
        view.resize(600, 400);
        view.setContent(threeBars());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const ChartGeometry g = view.chartGeometry();
        QCOMPARE(view.tooltipAt(g.bars[1].center()), QStringLiteral("tip 1"));
        QSignalSpy clicked(&view, &ChartView::itemClicked);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, g.bars[2].center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().front().toInt(), 12);
        // A hover is sent to the view itself: QTest::mouseMove without a button warps the X
        // pointer, which the other GUI tests sharing the display may hold over their own windows
        // (the test then failed now and then when the suite ran in parallel).
        const QPointF over = g.bars[0].center();
        QMouseEvent hover(QEvent::MouseMove, over, view.mapToGlobal(over), Qt::NoButton,
                          Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &hover);
        QVERIFY(view.highlighted().has_value() && view.highlighted()->index == 0);
    }
};

QTEST_MAIN(TestChart)
#include "test_chart.moc"
