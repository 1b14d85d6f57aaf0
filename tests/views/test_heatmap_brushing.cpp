// Brushing in HeatmapView selects exactly the stimuli under the brush (through the display
// order), and the selection highlight appears in the right rows and columns.
#include <QToolTip>
#include <QtTest>
#include <numeric>
#include <random>

#include "heatmap_test_helpers.h"
#include "repscope/views/selection_model.h"

using namespace repscope;
using namespace repscope::views;

class TestHeatmapBrushing : public QObject {
    Q_OBJECT
private slots:
    void init() {
        selection_ = std::make_unique<Selection>();
        model_ = std::make_unique<SelectionModel>(*selection_, nullptr);
        view_ = std::make_unique<HeatmapView>(nullptr);
        view_->resize(420, 360);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        order_.resize(kN);
        std::iota(order_.begin(), order_.end(), std::size_t{0});
        std::shuffle(order_.begin(), order_.end(), std::mt19937(5));
        view_->setSource(std::make_shared<tiles::DenseTileSource>(test::knownMatrix(kN), "v", order_, order_));
        view_->setSelectionModel(model_.get());
        ColorScale scale;
        scale.autoRange = false;
        view_->setColorScale(scale);
        (void)test::completeFrame(*view_);
    }
    void cleanup() {
        view_.reset();
        model_.reset();
        selection_.reset();
    }

    void rectangleSelectsItsRowsAndColumns() {
        int changes = 0;
        connect(model_.get(), &SelectionModel::changed, this, [&] { ++changes; });
        // Rows 2–5, columns 8–10 (display positions), dragged bottom-right to top-left.
        QTest::mousePress(view_.get(), Qt::LeftButton, Qt::ShiftModifier, test::cellCentre(*view_, 5, 10));
        QTest::mouseMove(view_.get(), test::cellCentre(*view_, 3, 9));
        QTest::mouseRelease(view_.get(), Qt::LeftButton, Qt::ShiftModifier, test::cellCentre(*view_, 2, 8));
        std::vector<std::size_t> expected;
        for (int p : {2, 3, 4, 5, 8, 9, 10}) expected.push_back(order_[static_cast<std::size_t>(p)]);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(selection_->indices(), expected);
        QCOMPARE(changes, 1);
        // Ctrl adds; a plain drag pans and leaves the selection alone.
        QTest::mousePress(view_.get(), Qt::LeftButton, Qt::ShiftModifier, test::cellCentre(*view_, 12, 12));
        QTest::mouseRelease(view_.get(), Qt::LeftButton, Qt::ShiftModifier | Qt::ControlModifier,
                            test::cellCentre(*view_, 12, 12));
        QCOMPARE(selection_->size(), std::size_t{8});
        const HeatmapViewport before = view_->viewport();
        QTest::mousePress(view_.get(), Qt::LeftButton, {}, test::cellCentre(*view_, 1, 1));
        QTest::mouseMove(view_.get(), test::cellCentre(*view_, 4, 4));
        QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, test::cellCentre(*view_, 4, 4));
        QCOMPARE(selection_->size(), std::size_t{8});
        QVERIFY(view_->viewport().originX != before.originX);
    }
    void axisStripSelectsARange() {
        const HeatmapLayout l = view_->layout();
        const int x = static_cast<int>(l.rowStrip.center().x());
        QTest::mousePress(view_.get(), Qt::LeftButton, {}, QPoint(x, test::cellCentre(*view_, 6, 0).y()));
        QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, QPoint(x, test::cellCentre(*view_, 9, 0).y()));
        std::vector<std::size_t> expected;
        for (int p = 6; p <= 9; ++p) expected.push_back(order_[static_cast<std::size_t>(p)]);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(selection_->indices(), expected);
        QTest::keyClick(view_.get(), Qt::Key_Escape);
        QVERIFY(selection_->empty());
    }
    void highlightAppearsInTheSelectedRows() {
        // Select the stimuli shown at display positions 4 and 5.
        selection_->select({order_[4], order_[5]});
        const QImage img = test::completeFrame(*view_);
        const ColorScale scale = view_->effectiveColorScale();
        const MatrixF m = test::knownMatrix(kN);
        int worst = 0;
        for (int p = 0; p < kN; ++p) {
            for (int q = 0; q < kN; ++q) {
                const bool lit = p == 4 || p == 5 || q == 4 || q == 5;
                auto c = scale.colour(m(static_cast<Eigen::Index>(order_[static_cast<std::size_t>(p)]),
                                        static_cast<Eigen::Index>(order_[static_cast<std::size_t>(q)])));
                if (!lit) {
                    for (int k = 0; k < 3; ++k) c[static_cast<std::size_t>(k)] += 0.7F * (255.0F - c[static_cast<std::size_t>(k)]);
                }
                worst = std::max(worst, test::channelDistance(img.pixel(test::cellCentre(*view_, p, q)), c));
            }
        }
        if (worst > 2) test::saveActual(img, QStringLiteral("heatmap_highlight"));
        QVERIFY2(worst <= 2, qPrintable(QStringLiteral("largest channel error %1/255").arg(worst)));
        // Clearing restores the plain colours without recomputing tiles.
        selection_->clear();
        const QImage plain = test::completeFrame(*view_);
        const QPoint p = test::cellCentre(*view_, 0, 0);
        QVERIFY(test::channelDistance(plain.pixel(p), scale.colour(m(static_cast<Eigen::Index>(order_[0]),
                                                                     static_cast<Eigen::Index>(order_[0])))) <= 2);
    }
    void tooltipNamesRowColumnAndValue() {
        const QString text = view_->tooltipText(test::cellCentre(*view_, 3, 7));
        QVERIFY2(text.contains(QStringLiteral("#%1").arg(order_[3])), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("#%1").arg(order_[7])), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("v: ")));
        QVERIFY(view_->tooltipText(QPointF(1, 1)).isEmpty());
    }

    // Labels from a file are shown as text: markup is escaped, control characters are \xNN.
    void tooltipShowsLabelsAsPlainText() {
        auto stimuli = std::make_shared<Stimuli>();
        stimuli->count = kN;
        for (int i = 0; i < kN; ++i) {
            stimuli->labels.push_back(i % 2 == 0 ? "<img src=x>" + std::to_string(i)
                                                 : "<script>s</script>\x1b[2J" + std::to_string(i));
        }
        view_->setSource(std::make_shared<tiles::DenseTileSource>(test::knownMatrix(kN), "v", order_, order_),
                         stimuli);
        (void)test::completeFrame(*view_);
        const QPoint at = test::cellCentre(*view_, 3, 7);
        const QString text = view_->tooltipText(at);
        QVERIFY2(text.contains(QStringLiteral("\\x1b[2J")) || text.contains(QStringLiteral("<img")),
                 qPrintable(text));
        QVERIFY(!text.contains(QChar(0x1b)));
        QHelpEvent help(QEvent::ToolTip, at, view_->mapToGlobal(at));
        QCoreApplication::sendEvent(view_.get(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const QString shown = QToolTip::text();
        QVERIFY2(!shown.contains(QStringLiteral("<img")) && !shown.contains(QStringLiteral("<script>")),
                 qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("&lt;")), qPrintable(shown));
        QToolTip::hideText();
    }

    void clickWithoutDragEmitsTheCell() {
        QSignalSpy clicked(view_.get(), &HeatmapView::cellClicked);
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, test::cellCentre(*view_, 3, 11));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), 3);
        QCOMPARE(clicked.at(0).at(1).toLongLong(), 11);
        // A drag pans; a Shift+click brushes; a click beside the matrix is nothing.
        QTest::mousePress(view_.get(), Qt::LeftButton, {}, test::cellCentre(*view_, 3, 3));
        QTest::mouseMove(view_.get(), test::cellCentre(*view_, 6, 6));
        QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, test::cellCentre(*view_, 6, 6));
        QTest::mouseClick(view_.get(), Qt::LeftButton, Qt::ShiftModifier, test::cellCentre(*view_, 2, 2));
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(clicked.count(), 1);
        QVERIFY(!selection_->empty());
    }
    void axisLabelsTakeRoomLeftAndAbove() {
        auto stimuli = std::make_shared<Stimuli>();
        stimuli->count = kN;
        for (int i = 0; i < kN; ++i) stimuli->labels.push_back("stimulus " + std::to_string(i));
        view_->setSource(view_->source(), stimuli);
        const HeatmapLayout plain = view_->layout();
        QVERIFY(plain.rowLabels.isEmpty() && plain.colLabels.isEmpty());
        view_->setAxisLabelsShown(true);
        const HeatmapLayout labelled = view_->layout();
        QVERIFY(labelled.matrix.left() > plain.matrix.left() + 20);
        QVERIFY(labelled.matrix.top() > plain.matrix.top() + 20);
        QVERIFY(labelled.rowLabels.right() <= labelled.rowStrip.left());
        QVERIFY(labelled.colLabels.bottom() <= labelled.colStrip.top());
        // Brushing and tooltips follow the moved matrix.
        (void)test::completeFrame(*view_);
        const QString tip = view_->tooltipText(test::cellCentre(*view_, 2, 5));
        QVERIFY2(tip.contains(QStringLiteral("stimulus %1").arg(order_[2])), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("stimulus %1").arg(order_[5])), qPrintable(tip));
    }

private:
    static constexpr int kN = 16;
    std::unique_ptr<Selection> selection_;
    std::unique_ptr<SelectionModel> model_;
    std::unique_ptr<HeatmapView> view_;
    std::vector<std::size_t> order_;
};

QTEST_MAIN(TestHeatmapBrushing)
#include "test_heatmap_brushing.moc"
