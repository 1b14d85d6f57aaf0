// ProjectionView on a small known scatter: points are drawn in their category's colour where the
// view's mapping puts them, the selection dims the others; a dragged rectangle and an Alt-lasso
// select exactly the points whose pixels lie inside them (worked out here from pixel positions);
// legend clicks select a category (Shift adds); the wheel zooms about the cursor; Esc clears;
// animateTo arrives at the new layout.
#include <QPolygonF>
#include <QSignalSpy>
#include <QtTest>
#include <random>

#include "repscope/views/projection_view.h"
#include "repscope/views/selection_model.h"

using namespace repscope;
using namespace repscope::views;
using Indices = std::vector<std::size_t>;

namespace {

constexpr int kN = 400;
constexpr int kCategories = 4;
// Tableau 10's first four colours: the palette of the heatmap strips, which the points share.
const QColor kPalette[kCategories] = {QColor(0x4e79a7), QColor(0xf28e2b), QColor(0xe15759),
                                      QColor(0x76b7b2)};

int distance(QRgb a, const QColor& b) {
    return std::max({std::abs(qRed(a) - b.red()), std::abs(qGreen(a) - b.green()),
                     std::abs(qBlue(a) - b.blue())});
}

}  // namespace

class TestProjectionView : public QObject {
    Q_OBJECT
private slots:
    void init() {
        selection_ = std::make_unique<Selection>();
        model_ = std::make_unique<SelectionModel>(*selection_, nullptr);
        auto stimuli = std::make_shared<Stimuli>();
        stimuli->count = kN;
        CategoryColumn column;
        column.name = "kind";
        for (int c = 0; c < kCategories; ++c) column.categories.push_back("kind " + std::to_string(c));
        // A 20 × 20 grid (one unit apart, slightly jittered), a category per quadrant: 0 lower
        // left, 1 lower right, 2 upper left, 3 upper right.
        points_ = ScatterPoints(kN, 2);
        codes_.clear();
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> jitter(-0.15F, 0.15F);
        for (int i = 0; i < kN; ++i) {
            const int gx = i % 20;
            const int gy = i / 20;
            const int c = (gx >= 10 ? 1 : 0) + (gy >= 10 ? 2 : 0);
            column.codes.push_back(c);
            codes_.push_back(c);
            stimuli->labels.push_back("stimulus " + std::to_string(i));
            points_(i, 0) = static_cast<float>(gx) - 9.5F + jitter(rng);
            points_(i, 1) = static_cast<float>(gy) - 9.5F + jitter(rng);
        }
        stimuli->columns.push_back(column);
        stimuli_ = stimuli;
        view_ = std::make_unique<ProjectionView>(nullptr);
        view_->resize(500, 420);
        view_->setSelectionModel(model_.get());
        view_->setPoints(points_, stimuli_);
        view_->setCategoryColumn("kind");
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        frame();
    }
    void cleanup() {
        view_.reset();
        model_.reset();
        selection_.reset();
    }

    void pointsAreDrawnInTheirCategoryColour() {
        const QImage img = frame();
        int checked = 0;
        for (int i = 0; i < kN; i += 7) {
            const QPoint px = pixelOf(i);
            // Another point drawn over this one may have another colour: skip crowded spots.
            if (crowded(i)) continue;
            const QRgb got = img.pixel(px);
            QVERIFY2(distance(got, kPalette[codes_[static_cast<std::size_t>(i)]]) <= 3,
                     qPrintable(QStringLiteral("point %1 at (%2, %3): %4").arg(i).arg(px.x()).arg(px.y())
                                    .arg(QColor(got).name())));
            ++checked;
        }
        QVERIFY(checked > 10);
        // Far from every point the background is white.
        QCOMPARE(QColor(img.pixel(view_->toWidget({0.0, 0.0}).toPoint())), QColor(Qt::white));
    }

    void selectionDimsTheOthers() {
        model_->select({0, 1});
        const QImage img = frame();
        // Selected points keep their colour (with a dark rim, away from the centre).
        for (int i : {0, 1}) QVERIFY(distance(img.pixel(pixelOf(i)), kPalette[0]) <= 3);
        int checked = 0;
        for (int i = 4; i < kN; i += 11) {
            if (crowded(i)) continue;
            // The others fade 70% of the way to a light grey (0.8 × 255).
            const QColor full = kPalette[codes_[static_cast<std::size_t>(i)]];
            const auto faded = [](int c) { return static_cast<int>(std::lround(c + 0.7 * (204.0 - c))); };
            const QColor expected(faded(full.red()), faded(full.green()), faded(full.blue()));
            QVERIFY2(distance(img.pixel(pixelOf(i)), expected) <= 3,
                     qPrintable(QColor(img.pixel(pixelOf(i))).name() + QStringLiteral(" vs ") + expected.name()));
            ++checked;
        }
        QVERIFY(checked > 10);
    }

    void rectangleDragSelectsThePointsInside() {
        QSignalSpy changed(model_.get(), &SelectionModel::changed);
        const Indices lowerLeft = drag({-11.0, -0.2}, {-0.2, -11.0}, {});
        QCOMPARE(lowerLeft.size(), std::size_t{kN / kCategories});  // the lower-left quadrant
        QCOMPARE(selection_->indices(), lowerLeft);
        QCOMPARE(changed.count(), 1);
        for (std::size_t i : lowerLeft) QCOMPARE(codes_[i], 0);

        // Shift adds the upper-right cluster.
        const Indices upperRight = drag({0.2, 11.0}, {11.0, 0.2}, Qt::ShiftModifier);
        QCOMPARE(upperRight.size(), std::size_t{kN / kCategories});
        for (std::size_t i : upperRight) QCOMPARE(codes_[i], 3);
        QCOMPARE(selection_->size(), lowerLeft.size() + upperRight.size());
        QTest::keyClick(view_.get(), Qt::Key_Escape);
        QVERIFY(selection_->empty());
    }

    void altDragDrawsALasso() {
        // A pentagon around the lower-right cluster, drawn point by point.
        const std::vector<QPointF> corners{{0.2, -0.2}, {11.0, -0.2}, {11.0, -11.0}, {3.0, -11.0}, {0.2, -5.0}};
        std::vector<QPoint> path;
        for (std::size_t k = 0; k < corners.size(); ++k) {
            const QPointF p = view_->toWidget(corners[k]);
            const QPointF q = view_->toWidget(corners[(k + 1) % corners.size()]);
            for (int s = 0; s < 10; ++s) path.push_back((p + (q - p) * (s / 10.0)).toPoint());
        }
        QTest::mousePress(view_.get(), Qt::LeftButton, Qt::AltModifier, path.front());
        for (std::size_t k = 1; k < path.size(); ++k) QTest::mouseMove(view_.get(), path[k]);
        QTest::mouseRelease(view_.get(), Qt::LeftButton, Qt::AltModifier, path.front());
        QPolygonF polygon;
        for (const QPoint& p : path) polygon << QPointF(p);
        Indices expected;
        for (int i = 0; i < kN; ++i) {
            if (polygon.containsPoint(view_->toWidget({points_(i, 0), points_(i, 1)}), Qt::OddEvenFill))
                expected.push_back(i);
        }
        QVERIFY(expected.size() > 50);
        QCOMPARE(selection_->indices(), expected);
        for (std::size_t i : expected) QCOMPARE(codes_[i], 1);
    }

    void legendClicksSelectCategories() {
        const auto entries = view_->legendEntries();
        QCOMPARE(entries.size(), std::size_t{kCategories});
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, entries[2].rect.center().toPoint());
        Indices expected;
        for (int i = 0; i < kN; ++i) {
            if (codes_[static_cast<std::size_t>(i)] == 2) expected.push_back(i);
        }
        QCOMPARE(selection_->indices(), expected);
        QTest::mouseClick(view_.get(), Qt::LeftButton, Qt::ShiftModifier, entries[3].rect.center().toPoint());
        for (int i = 0; i < kN; ++i) {
            if (codes_[static_cast<std::size_t>(i)] == 3) expected.push_back(i);
        }
        std::sort(expected.begin(), expected.end());
        QCOMPARE(selection_->indices(), expected);
    }

    void clickSelectsOnePointAndHoverNamesIt() {
        int i = 0;
        while (i + 1 < kN && crowded(i)) ++i;
        QSignalSpy clicked(view_.get(), &ProjectionView::pointClicked);
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, pixelOf(i));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().front().toLongLong(), qint64{i});
        QCOMPARE(selection_->indices(), Indices{static_cast<std::size_t>(i)});
        QCOMPARE(view_->tooltipText(pixelOf(i)),
                 QStringLiteral("stimulus %1 (kind %2)").arg(i).arg(codes_[static_cast<std::size_t>(i)]));
        // A click on empty space clears.
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, view_->toWidget({0.0, 0.0}).toPoint());
        QVERIFY(selection_->empty());
    }

    void wheelZoomsAboutTheCursor() {
        const QPoint at = view_->toWidget({3.0, -2.0}).toPoint();
        const QPointF before = view_->toData(at);
        const double scale = view_->viewport().scale;
        QWheelEvent wheel(at, view_->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view_.get(), &wheel);
        QVERIFY(view_->viewport().scale > scale * 1.5);
        const QPointF after = view_->toData(at);
        QVERIFY(std::abs(after.x() - before.x()) < 1e-6 && std::abs(after.y() - before.y()) < 1e-6);
        // A double-click fits again.
        QTest::mouseDClick(view_.get(), Qt::LeftButton, {}, at);
        frame();
        QCOMPARE(view_->viewport().scale, scale);
    }

    void animateToArrivesAtTheNewLayout() {
        ScatterPoints moved = points_ * 0.8F;
        moved.col(0).array() += 1.0F;
        QSignalSpy finished(view_.get(), &ProjectionView::animationFinished);
        view_->animateTo(moved, 200);
        QVERIFY(view_->isAnimating());
        QVERIFY(finished.wait(5000));
        QVERIFY(!view_->isAnimating());
        QVERIFY(view_->points() == moved);
        // Drawn where the new layout puts them.
        const QImage img = frame();
        points_ = moved;
        int i = 0;
        while (i + 1 < kN && crowded(i)) ++i;
        QVERIFY(distance(img.pixel(pixelOf(i)), kPalette[codes_[static_cast<std::size_t>(i)]]) <= 3);
    }

    void manyPointsDrawFast() {
        // 100k points: a frame (forced to completion by the read-back) takes well under a
        // quarter of a second, also on llvmpipe (15–70 ms measured on the shared 2-core VM);
        // printed next to the same frame with the 400 points for comparison.
        const auto msPerFrame = [this] {
            frame();
            QElapsedTimer timer;
            timer.start();
            constexpr int kFrames = 5;
            for (int k = 0; k < kFrames; ++k) {
                view_->zoomAbout(1.01, QPointF(200, 200));
                (void)view_->grabFramebuffer();
            }
            return static_cast<double>(timer.elapsed()) / kFrames;
        };
        const double few = msPerFrame();
        ScatterPoints many(100000, 2);
        std::mt19937 rng(1);
        std::uniform_real_distribution<float> g(-1.0F, 1.0F);
        for (Eigen::Index i = 0; i < many.rows(); ++i) {
            many(i, 0) = g(rng);
            many(i, 1) = g(rng);
        }
        view_->setPoints(many, nullptr);
        const double ms = msPerFrame();
        qInfo("frame with read-back: %.1f ms for 100k points, %.1f ms for %d", ms, few, kN);
        QVERIFY2(ms < 250.0, qPrintable(QString::number(ms)));
    }

    void manyPointsKeepTheirColours() {
        // 25,000 points (drawn on the CPU under llvmpipe, as triangles on a GPU): one alone in
        // category 1, the rest piled up in category 0.
        constexpr int kMany = 25000;
        auto stimuli = std::make_shared<Stimuli>();
        stimuli->count = kMany;
        CategoryColumn column;
        column.name = "kind";
        column.categories = {"pile", "alone"};
        ScatterPoints p(kMany, 2);
        std::mt19937 rng(2);
        std::uniform_real_distribution<float> u(-1.0F, 1.0F);
        for (int i = 0; i < kMany; ++i) {
            column.codes.push_back(i == 0 ? 1 : 0);
            p(i, 0) = i == 0 ? 5.0F : -5.0F + u(rng);
            p(i, 1) = i == 0 ? 5.0F : -5.0F + u(rng);
        }
        stimuli->columns.push_back(column);
        view_->setPoints(p, stimuli);
        view_->setCategoryColumn("kind");
        QImage img = frame();
        // The pixel a point lies in.
        const auto pixel = [this](QPointF data) {
            const QPointF w = view_->toWidget(data);
            return QPoint(static_cast<int>(std::floor(w.x())), static_cast<int>(std::floor(w.y())));
        };
        const QPoint alone = pixel({5.0, 5.0});
        const QPoint pile = pixel({-5.0, -5.0});
        QVERIFY2(distance(img.pixel(alone), kPalette[1]) <= 3, qPrintable(QColor(img.pixel(alone)).name()));
        QVERIFY2(distance(img.pixel(pile), kPalette[0]) <= 3, qPrintable(QColor(img.pixel(pile)).name()));
        // Selecting the lone point fades the pile, not the point.
        model_->select({0});
        img = frame();
        const auto faded = [](int c) { return static_cast<int>(std::lround(c + 0.7 * (204.0 - c))); };
        const QColor fadedPile(faded(kPalette[0].red()), faded(kPalette[0].green()), faded(kPalette[0].blue()));
        QVERIFY2(distance(img.pixel(alone), kPalette[1]) <= 3, qPrintable(QColor(img.pixel(alone)).name()));
        QVERIFY2(distance(img.pixel(pile), fadedPile) <= 3, qPrintable(QColor(img.pixel(pile)).name()));
        // It is drawn larger (5 pixels), with a dark rim.
        for (const QPoint& d : {QPoint(2, 0), QPoint(-2, 0), QPoint(0, 2), QPoint(0, -2)})
            QVERIFY(QColor(img.pixel(alone + d)).lightness() < 60);
    }

private:
    QImage frame() {
        QCoreApplication::processEvents();
        return view_->grabFramebuffer();
    }
    // The widget pixel of a data point, kept inside the plot area.
    QPoint inside(QPointF data) const {
        const QRectF area = view_->plotArea().adjusted(2, 2, -2, -2);
        const QPointF p = view_->toWidget(data);
        return QPointF(std::clamp(p.x(), area.left(), area.right()),
                       std::clamp(p.y(), area.top(), area.bottom()))
            .toPoint();
    }
    // Drags a rectangle between two data points; returns the stimuli whose pixels lie in it.
    Indices drag(QPointF from, QPointF to, Qt::KeyboardModifiers modifiers) {
        const QPoint a = inside(from);
        const QPoint b = inside(to);
        QTest::mousePress(view_.get(), Qt::LeftButton, modifiers, a);
        QTest::mouseMove(view_.get(), (a + b) / 2);
        QTest::mouseMove(view_.get(), b);
        QTest::mouseRelease(view_.get(), Qt::LeftButton, modifiers, b);
        const QRectF band = QRectF(QPointF(a), QPointF(b)).normalized();
        Indices in;
        for (int i = 0; i < kN; ++i) {
            if (band.contains(view_->toWidget({points_(i, 0), points_(i, 1)}))) in.push_back(i);
        }
        return in;
    }
    QPoint pixelOf(int i) const {
        return view_->toWidget({points_(i, 0), points_(i, 1)}).toPoint();
    }
    // Another point (drawn later, so on top) lies within a point's diameter of point i.
    bool crowded(int i) const {
        const QPointF p = view_->toWidget({points_(i, 0), points_(i, 1)});
        const double reach = view_->pointSize() + 3.0;
        for (int j = 0; j < kN; ++j) {
            if (j == i) continue;
            const QPointF q = view_->toWidget({points_(j, 0), points_(j, 1)});
            if (std::abs(p.x() - q.x()) < reach && std::abs(p.y() - q.y()) < reach) return true;
        }
        return false;
    }

    std::unique_ptr<Selection> selection_;
    std::unique_ptr<SelectionModel> model_;
    std::unique_ptr<ProjectionView> view_;
    std::shared_ptr<const Stimuli> stimuli_;
    ScatterPoints points_;
    std::vector<int> codes_;  // category of each point
};

QTEST_MAIN(TestProjectionView)
#include "test_projection_view.moc"
