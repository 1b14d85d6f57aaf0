// Undefined values are drawn and named, never a blank view or an unexplained colour: a
// representation with a NaN leaves only its row and column of the layer matrix undefined (with
// the reason on hover, an "undefined" swatch by the colorbar), and the RDM of that layer names the
// stimulus whose pattern is undefined and says why on hover.
#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/analysis/rdm_panel.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/heatmap_view.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::views::HeatmapView;

namespace {
constexpr int kTimeoutMs = 120000;
}  // namespace

class TestUndefinedValues : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test"));
        const QString path = repscope::test::makeFixture(QStringLiteral("nan_layer.h5"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 800);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        QSignalSpy changed(w_.get(), &MainWindow::collectionChanged);
        w_->openFiles({path});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && w_->layerMatrixPanel()->view()->source() != nullptr, kTimeoutMs);
        const auto& reps = w_->analysis()->matrixRepresentations();
        for (std::size_t k = 0; k < reps.size(); ++k) {
            if (w_->analysis()->representations()[reps[k]].representation->info().path == "/net/layer2") nanRow_ = static_cast<int>(k);
        }
        QVERIFY(nanRow_ >= 0);
    }

    void onlyTheNanRepresentationsPairsAreUndefined() {
        HeatmapView* view = w_->layerMatrixPanel()->view();
        const auto* source = dynamic_cast<const repscope::tiles::DenseTileSource*>(view->source().get());
        QVERIFY(source != nullptr);
        const auto& m = source->matrix();
        QCOMPARE(m.rows(), 3);
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                const bool undefined = i == nanRow_ || j == nanRow_;
                QVERIFY2(std::isnan(m(i, j)) == undefined, qPrintable(QStringLiteral("cell %1,%2").arg(i).arg(j)));
            }
        }
        (void)repscope::test::completeFrame(*view);
        QVERIFY(view->showsUndefined());
        const QString tip = view->tooltipText(repscope::test::cellCentre(*view, nanRow_, (nanRow_ + 1) % 3));
        QVERIFY2(tip.contains(QStringLiteral("undefined")) && tip.contains(QStringLiteral("NaN")), qPrintable(tip));
        // One NaN is "1 NaN or infinite value", not "values".
        QVERIFY2(tip.contains(QStringLiteral("contains 1 NaN or infinite value (")), qPrintable(tip));
        // A defined cell says nothing of undefined values.
        const int other = (nanRow_ + 1) % 3;
        QVERIFY(!view->tooltipText(repscope::test::cellCentre(*view, other, other)).contains(QStringLiteral("undefined")));
    }

    void leavingOutTheNanStimulusDefinesEveryPair() {
        repscope::gui::LayerMatrixPanel* panel = w_->layerMatrixPanel();
        QVERIFY(panel->dropButton()->isVisible());
        QVERIFY(!panel->title().contains(QStringLiteral("left out")));
        panel->dropButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && panel->droppedStimuli() == 1, kTimeoutMs);
        const auto* source = dynamic_cast<const repscope::tiles::DenseTileSource*>(panel->view()->source().get());
        QVERIFY(source != nullptr);
        QVERIFY(source->matrix().allFinite());
        QVERIFY2(panel->title().contains(QStringLiteral("1 stimulus with NaN left out")), qPrintable(panel->title()));
        QVERIFY2(panel->note().contains(QStringLiteral("stim04")), qPrintable(panel->note()));
        // Off again: the undefined row and column come back.
        panel->dropButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && panel->droppedStimuli() == 0, kTimeoutMs);
        const auto* again = dynamic_cast<const repscope::tiles::DenseTileSource*>(panel->view()->source().get());
        QVERIFY(again != nullptr && !again->matrix().allFinite());
    }

    void theRdmNamesTheUndefinedStimulus() {
        const auto& reps = w_->analysis()->matrixRepresentations();
        w_->analysis()->setFocusPair(reps[static_cast<std::size_t>(nanRow_)], reps[0]);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && w_->rdmPanel()->note().contains(QStringLiteral("Undefined row")), kTimeoutMs);
        // x[4, 1] is NaN: stimulus stim04's pattern has no correlation distance to any other.
        QVERIFY2(w_->rdmPanel()->note().contains(QStringLiteral("stim04")), qPrintable(w_->rdmPanel()->note()));
        HeatmapView* view = w_->rdmPanel()->view();
        (void)repscope::test::completeFrame(*view);
        QVERIFY(view->showsUndefined());
        // The undefined row's cells explain themselves on hover.
        const auto& order = view->source()->rowOrder();
        std::int64_t row = 4;
        for (std::size_t p = 0; p < order.size(); ++p) {
            if (order[p] == 4) row = static_cast<std::int64_t>(p);
        }
        const QString tip = view->tooltipText(repscope::test::cellCentre(*view, static_cast<double>(row), static_cast<double>(row == 0 ? 1 : 0)));
        QVERIFY2(tip.contains(QStringLiteral("stim04")) && tip.contains(QStringLiteral("pattern")), qPrintable(tip));
        QVERIFY(repscope::test::windowImage(*w_).save(QStringLiteral("undefined_values.png")));
    }

    void cleanupTestCase() { w_.reset(); }

private:
    std::unique_ptr<MainWindow> w_;
    int nanRow_ = -1;
};

QTEST_MAIN(TestUndefinedValues)
#include "test_undefined_values.moc"
