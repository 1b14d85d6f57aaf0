// HeatmapView draws the colours the colour scale predicts (pixel read-back under Xvfb), and the
// CPU path (renderHeatmapImage) draws the same pixels as the GPU path.
#include <QtTest>
#include <cmath>

#include "heatmap_test_helpers.h"
#include "repscope/views/heatmap_image.h"
#include "repscope/views/selection_model.h"

using namespace repscope;
using namespace repscope::views;

class TestHeatmapRender : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        view_ = std::make_unique<HeatmapView>(nullptr);
        view_->resize(420, 360);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        source_ = std::make_shared<tiles::DenseTileSource>(test::knownMatrix(kN), "test value");
        view_->setSource(source_);
    }
    void cleanupTestCase() { view_.reset(); }

    void knownMatrixRendersToPredictedColours_data() {
        QTest::addColumn<int>("map");
        for (Colormap m : allColormaps()) {
            QTest::newRow(std::string(colormapName(m)).c_str()) << static_cast<int>(m);
        }
    }
    void knownMatrixRendersToPredictedColours() {
        QFETCH(int, map);
        ColorScale scale;
        scale.colormap = static_cast<Colormap>(map);
        scale.autoRange = false;
        scale.low = 0.0F;
        scale.high = 1.0F;
        scale.centre = 0.4F;  // off-centre: the diverging map must honour it
        scale.gamma = scale.colormap == Colormap::Magma ? 0.7F : 1.0F;
        scale.nanColour = {10, 200, 30};
        view_->setColorScale(scale);
        const QImage img = test::completeFrame(*view_);
        QVERIFY(view_->lastFrameComplete());
        QCOMPARE(img.size(), view_->size() * view_->devicePixelRatio());
        const MatrixF m = test::knownMatrix(kN);
        int worst = 0;
        for (int i = 0; i < kN; ++i) {
            for (int j = 0; j < kN; ++j) {
                const QPoint p = test::cellCentre(*view_, i, j);
                if (std::isnan(m(i, j))) continue;  // hatched: checked below
                worst = std::max(worst, test::channelDistance(img.pixel(p), scale.colour(m(i, j))));
            }
        }
        // The tiles are coloured with ColorScale::colour rounded to 8 bits.
        if (worst > 1) test::saveActual(img, QStringLiteral("heatmap_render_") + QTest::currentDataTag());
        QVERIFY2(worst <= 1, qPrintable(QStringLiteral("largest channel error %1/255").arg(worst)));
        // The NaN cell has the NaN colour, hatched: its pixels are that colour or kHatchShade of it,
        // and both occur (stripes kHatchWidth of every kHatchPeriod pixels).
        const QPoint centre = test::cellCentre(*view_, 1, 2);
        const auto shaded = [](int c) { return static_cast<int>(static_cast<float>(c) * repscope::views::kHatchShade); };
        int plain = 0;
        int dark = 0;
        for (int dy = -3; dy <= 3; ++dy) {
            for (int dx = -3; dx <= 3; ++dx) {
                const QRgb px = img.pixel(centre + QPoint(dx, dy));
                if (test::channelDistance(px, {10, 200, 30}) <= 1) {
                    ++plain;
                } else if (test::channelDistance(px, {float(shaded(10)), float(shaded(200)), float(shaded(30))}) <= 2) {
                    ++dark;
                } else {
                    QFAIL(qPrintable(QStringLiteral("a NaN pixel is %1").arg(px, 8, 16)));
                }
            }
        }
        QVERIFY2(plain > 0 && dark > 0, qPrintable(QStringLiteral("%1 plain, %2 hatched").arg(plain).arg(dark)));
    }

    void cpuPathMatchesGpuPath_data() {
        QTest::addColumn<bool>("zoomed");
        QTest::addColumn<bool>("withSelection");
        QTest::newRow("fit") << false << false;
        QTest::newRow("zoomed") << true << false;
        QTest::newRow("selection") << false << true;
    }
    void cpuPathMatchesGpuPath() {
        QFETCH(bool, zoomed);
        QFETCH(bool, withSelection);
        Selection selection;
        SelectionModel model(selection, nullptr);
        if (withSelection) {
            selection.select({3, 7, 8});
            view_->setSelectionModel(&model);
        }
        ColorScale scale;  // automatic range: both paths must find the same one
        scale.colormap = Colormap::Viridis;
        view_->setColorScale(scale);
        view_->fitToView();
        if (zoomed) {
            (void)test::completeFrame(*view_);
            view_->zoomAbout(2.3, QPointF(150, 140));
        }
        const QImage gpu = test::completeFrame(*view_).convertToFormat(QImage::Format_ARGB32);
        HeatmapImageOptions options;
        options.size = view_->size();
        options.scale = scale;
        options.viewport = view_->viewport();
        options.selection = withSelection ? &selection : nullptr;
        const QImage cpu = renderHeatmapImage(*source_, options);
        view_->setSelectionModel(nullptr);
        const QRect area = view_->layout().matrix.toRect();
        const HeatmapViewport vp = view_->viewport();
        // A pixel whose centre lies within 1/50 pixel of a cell edge may go either way (the
        // rasteriser interpolates in float): those are not compared.
        const auto nearEdge = [&](double stimulus) {
            const double f = stimulus - std::floor(stimulus);
            return std::min(f, 1.0 - f) * vp.scale < 0.02;
        };
        int worst = 0;
        int skipped = 0;
        for (int y = area.top(); y <= area.bottom(); ++y) {
            for (int x = area.left(); x <= area.right(); ++x) {
                if (nearEdge(vp.toStimulusX(x + 0.5 - area.left())) ||
                    nearEdge(vp.toStimulusY(y + 0.5 - area.top()))) {
                    ++skipped;
                    continue;
                }
                const QRgb a = gpu.pixel(x, y);
                const QRgb b = cpu.pixel(x, y);
                worst = std::max({worst, std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                  std::abs(qBlue(a) - qBlue(b))});
            }
        }
        // Both paths colour cells with the same function: away from cell edges, the same pixels.
        if (worst > 0) {
            test::saveActual(gpu, QStringLiteral("heatmap_gpu_") + QTest::currentDataTag());
            test::saveActual(cpu, QStringLiteral("heatmap_cpu_") + QTest::currentDataTag());
        }
        QVERIFY2(worst == 0, qPrintable(QStringLiteral("largest channel difference %1/255").arg(worst)));
        QVERIFY(skipped < area.width() * area.height() / 10);
        const auto range = view_->effectiveColorScale();
        QVERIFY(range.high > range.low);
    }

    void resourcesAreReleasedWithTheContext() {
        auto view = std::make_unique<HeatmapView>(nullptr);
        view->resize(200, 200);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        view->setSource(source_);
        (void)test::completeFrame(*view);
        view.reset();  // must not crash or leak a current context
        QVERIFY(true);
    }

private:
    static constexpr int kN = 16;
    std::unique_ptr<HeatmapView> view_;
    std::shared_ptr<tiles::DenseTileSource> source_;
};

QTEST_MAIN(TestHeatmapRender)
#include "test_heatmap_render.moc"
