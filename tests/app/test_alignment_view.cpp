// The Alignment view (issue: model comparison): a file with model layers and a subject RDM set
// opens the view by itself; its bars are the core's evaluation of every model; the noise-ceiling
// band spans the computed bounds; a bar click moves focus A and the RDM view; the target's pooled
// RDM shows on the RDM view's T side with each pair the mean of the subjects that have it; the
// title always names what the bars show (comparator, selection); screenshots are kept.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/alignment/alignment_controller.h"
#include "gui/alignment/alignment_dock.h"
#include "gui/alignment/alignment_panel.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/main_window.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/view_export.h"
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/alignment/collection_triplets.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/chart_view.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/selection_model.h"
#include "test_support.h"

using repscope::gui::AlignmentPanel;
using repscope::gui::MainWindow;
using repscope::views::ChartView;

namespace {
constexpr int kTimeoutMs = 120000;
}  // namespace

class TestAlignmentView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test"));
        const QString path = repscope::test::makeFixture(QStringLiteral("rdm_set_native.h5"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 800);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        QVERIFY(!w_->alignment()->dock()->isVisible());
        QSignalSpy changed(w_.get(), &MainWindow::collectionChanged);
        w_->openFiles({path});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        // Nothing asked for: the view opens because the collection now has a target.
        QTRY_VERIFY_WITH_TIMEOUT(w_->alignment()->dock()->isVisible(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && controller()->shown() != nullptr, kTimeoutMs);
    }

    void barsAreTheCoreEvaluation() {
        const auto& shown = *controller()->shown();
        repscope::alignment::CollectionEvaluationOptions options;
        options.evaluation.comparator = repscope::alignment::Comparator::Spearman;
        const auto targets = repscope::alignment::rdmSetTargets(w_->collection());
        QCOMPARE(targets.size(), std::size_t{1});
        const auto expected = repscope::alignment::evaluateCollection(w_->collection(), targets.front(), options);
        // Models: the two layers and the precomputed RDM, never the subjects.
        QCOMPARE(shown.models.size(), std::size_t{3});
        QCOMPARE(expected.models.size(), std::size_t{3});
        const auto& bars = panel()->barsView()->content().bars;
        QCOMPARE(bars.size(), std::size_t{3});
        for (const auto& bar : bars) {
            const auto m = static_cast<std::size_t>(bar.id);
            QVERIFY(m < 3);
            QCOMPARE(bar.value, expected.result.models[m].mean);
            QCOMPARE(bar.errHi - bar.value, expected.result.models[m].sem);
            QCOMPARE(bar.dots.size(), std::size_t{4});
            QVERIFY(bar.tooltip.contains(QStringLiteral("per subject")));
        }
        QVERIFY(panel()->title().contains(QStringLiteral("brain/subjects")));
        QVERIFY(panel()->subtitle().contains(QStringLiteral("spearman")));
        QVERIFY(panel()->subtitle().contains(QStringLiteral("4 subjects")));
    }

    void ceilingBandSpansTheBounds() {
        const auto& shown = *controller()->shown();
        QVERIFY(shown.result.noiseCeiling.has_value());
        const double lower = shown.result.noiseCeiling->lower;
        const double upper = shown.result.noiseCeiling->upper;
        QVERIFY(lower <= upper);
        const auto& content = panel()->barsView()->content();
        QVERIFY(content.band.has_value());
        QCOMPARE(content.band->lo, lower);
        QCOMPARE(content.band->hi, upper);
        panel()->tabs()->setCurrentWidget(panel()->barsView());
        const repscope::views::ChartGeometry g = panel()->barsView()->chartGeometry();
        QVERIFY(std::abs(g.band.left() - g.valuePixel(repscope::views::ChartKind::Bars, lower)) < 0.5);
        QVERIFY(std::abs(g.band.right() - g.valuePixel(repscope::views::ChartKind::Bars, upper)) < 1.01);
        QVERIFY(g.plot.contains(g.band.center()));
        // The profile draws the same band, horizontally.
        const auto& profile = panel()->profileView()->content();
        QVERIFY(profile.band.has_value());
        QCOMPARE(profile.band->hi, upper);
    }

    void barClickMovesFocusAAndTheRdmView() {
        panel()->tabs()->setCurrentWidget(panel()->barsView());
        ChartView* view = panel()->barsView();
        const auto& bars = view->content().bars;
        // Click the bar of the model that is not focus A now.
        std::size_t row = 0;
        const auto& shown = *controller()->shown();
        const auto& reps = w_->analysis()->representations();
        for (std::size_t r = 0; r < bars.size(); ++r) {
            const auto& info = shown.models[static_cast<std::size_t>(bars[r].id)].representation->info();
            if (info.qualifiedName() != reps[w_->analysis()->focusA()].representation->info().qualifiedName()) {
                row = r;
                break;
            }
        }
        const std::string wanted =
            shown.models[static_cast<std::size_t>(bars[row].id)].representation->info().qualifiedName();
        QSignalSpy rdm(w_->analysis(), &repscope::gui::AnalysisController::rdmShown);
        const QPointF centre = view->chartGeometry().bars[row].center();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        QCOMPARE(reps[w_->analysis()->focusA()].representation->info().qualifiedName(), wanted);
        QTRY_VERIFY_WITH_TIMEOUT(rdm.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QVERIFY(!w_->rdmPanel()->targetShown());
        QVERIFY(w_->rdmPanel()->findChild<QToolButton*>(QStringLiteral("focusTargetButton"))->isVisible());
    }

    void targetShowsThePooledRdm() {
        QSignalSpy rdm(w_->analysis(), &repscope::gui::AnalysisController::rdmShown);
        panel()->findChild<QPushButton*>(QStringLiteral("alignmentShowTarget"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(rdm.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QVERIFY(w_->rdmPanel()->targetShown());
        const auto* source =
            dynamic_cast<const repscope::tiles::DenseTileSource*>(w_->rdmPanel()->view()->source().get());
        QVERIFY(source != nullptr);
        // Each pair the mean of the subjects that have it, computed here from the subjects' RDMs.
        const auto targets = repscope::alignment::rdmSetTargets(w_->collection());
        const auto& set = repscope::alignment::targetSet(w_->collection(), targets.front());
        std::vector<repscope::MatrixF> subjects;
        for (const auto& member : set.members) subjects.push_back(w_->collection().read({member, 0}));
        const auto& m = source->matrix();  // in stimulus order; rowOrder() only orders the display
        QCOMPARE(m.rows(), Eigen::Index{10});
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            for (Eigen::Index j = 0; j < m.cols(); ++j) {
                double sum = 0.0;
                int count = 0;
                for (const auto& s : subjects) {
                    if (std::isfinite(s(i, j))) {
                        sum += s(i, j);
                        ++count;
                    }
                }
                const double expected = i == j ? 0.0 : sum / count;
                QVERIFY2(std::abs(m(i, j) - expected) < 1e-5, qPrintable(QStringLiteral("%1,%2").arg(i).arg(j)));
            }
        }
        // The fixture leaves pair (2, 5) out for one subject: the pooled value uses the other three.
        QVERIFY(std::isfinite(m(2, 5)));
        QVERIFY(w_->rdmPanel()->focusLabel()->text().contains(QStringLiteral("T: ")));
        // An export says what the RDM view shows: the target, not focus A or B.
        auto* exporter = w_->findChild<repscope::gui::ViewExporter*>(QStringLiteral("viewExporter"));
        QVERIFY(exporter != nullptr);
        const auto rdmFigure = exporter->figureOf(repscope::gui::ViewExporter::Target::Rdm);
        QVERIFY(rdmFigure.has_value());
        QVERIFY2(rdmFigure->title.contains(QStringLiteral("target")) && rdmFigure->title.contains(QStringLiteral("mean of 4")),
                 qPrintable(rdmFigure->title));
        // The Alignment view exports its chart in front under its title.
        const auto chart = exporter->figureOf(repscope::gui::ViewExporter::Target::Alignment);
        QVERIFY(chart.has_value());
        QCOMPARE(chart->title, panel()->title());
        QVERIFY(std::holds_alternative<repscope::views::ChartContent>(chart->content));
    }

    void titleFollowsTheComparatorAndTheSelection() {
        auto* comparator = panel()->findChild<QComboBox*>(QStringLiteral("alignmentComparatorCombo"));
        comparator->setCurrentIndex(comparator->findText(QStringLiteral("pearson")));
        // While it computes the old bars are dimmed and say so.
        QVERIFY(controller()->isComputing());
        QVERIFY(!panel()->barsView()->overlayText().isEmpty());
        QVERIFY(panel()->subtitle().contains(QStringLiteral("spearman")));
        QTRY_VERIFY_WITH_TIMEOUT(!controller()->isComputing() && !w_->isBusy(), kTimeoutMs);
        QVERIFY(panel()->subtitle().contains(QStringLiteral("pearson")));
        QVERIFY(panel()->barsView()->overlayText().isEmpty());

        w_->selectionModel()->select({0, 1, 2, 3, 4});
        auto* box = panel()->findChild<QCheckBox*>(QStringLiteral("alignmentSelectionBox"));
        QVERIFY(box->isEnabled());
        box->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!controller()->isComputing() && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(controller()->shown()->n, std::size_t{5});
        QVERIFY2(panel()->title().contains(QStringLiteral("on 5 selected stimuli")), qPrintable(panel()->title()));
        box->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(!controller()->isComputing() && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(controller()->shown()->n, std::size_t{10});
        QVERIFY(!panel()->title().contains(QStringLiteral("selected")));
    }

    void screenshots() {
        const QString dir = QDir::currentPath();
        panel()->tabs()->setCurrentWidget(panel()->barsView());
        QTest::qWait(50);
        QVERIFY(repscope::test::windowImage(*w_).save(QDir(dir).filePath(QStringLiteral("alignment_1280x800.png"))));
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("alignment_bars.png"))));
        panel()->tabs()->setCurrentWidget(panel()->profileView());
        QTest::qWait(50);
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("alignment_profile.png"))));
        QVERIFY(w_->width() <= 1280);
    }

    void tripletsAndRatingsAreTargets() {
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 800);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        const QString models = repscope::test::makeFixture(QStringLiteral("ratings_models.h5"));
        const QString triplets = repscope::test::makeFixture(QStringLiteral("triplets_things.csv"));
        QSignalSpy changed(w_.get(), &MainWindow::collectionChanged);
        w_->openFiles({models});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        QVERIFY(!w_->alignment()->dock()->isVisible());  // no target yet
        // A triplet CSV is a target, not a file of stimuli.
        w_->openFiles({triplets});
        QCOMPARE(w_->collection().files().size(), std::size_t{1});
        QTRY_VERIFY_WITH_TIMEOUT(w_->alignment()->dock()->isVisible(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && controller()->shownTriplets() != nullptr, kTimeoutMs);
        const auto expected = repscope::alignment::evaluateTriplets(
            w_->collection(), QFile::encodeName(triplets).toStdString(), repscope::alignment::TripletSimilarity::Cosine);
        const auto& content = panel()->barsView()->content();
        QCOMPARE(content.bars.size(), expected.models.size());
        QCOMPARE(content.bars.size(), std::size_t{3});
        for (const auto& bar : content.bars) {
            QCOMPARE(bar.value, expected.agreement[static_cast<std::size_t>(bar.id)]);
            QVERIFY(bar.value >= 0.0 && bar.value <= 1.0);
        }
        QVERIFY(expected.dropped > 0);  // the fixture names labels the models lack: said in the note
        QVERIFY(panel()->findChild<QLabel*>(QStringLiteral("alignmentNote"))->text().contains(QStringLiteral("left out")));
        QCOMPARE(content.rules.size(), std::size_t{1});
        QCOMPARE(content.rules.front().value, 1.0 / 3.0);
        QVERIFY(expected.ceiling.has_value());
        QVERIFY(content.band.has_value());
        QCOMPARE(content.band->lo, expected.ceiling->value);
        QVERIFY(panel()->title().contains(QStringLiteral("triplets_things.csv")));
        QVERIFY(!panel()->findChild<QComboBox*>(QStringLiteral("alignmentComparatorCombo"))->isEnabled());
        QVERIFY(panel()->grab().save(QDir(QDir::currentPath()).filePath(QStringLiteral("alignment_triplets.png"))));

        // A ratings CSV opens as an RDM set (one subject per rater) and is listed before the triplets.
        const QString ratings = repscope::test::makeFixture(QStringLiteral("ratings_similarity.csv"));
        w_->openFiles({ratings});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kTimeoutMs);
        auto* combo = panel()->findChild<QComboBox*>(QStringLiteral("alignmentTargetCombo"));
        QCOMPARE(combo->count(), 2);
        QVERIFY(combo->itemText(0).contains(QStringLiteral("/ratings")));
        QVERIFY(combo->itemText(1).contains(QStringLiteral("triplets")));
        combo->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && controller()->shown() != nullptr, kTimeoutMs);
        QCOMPARE(controller()->shown()->subjects.size(), std::size_t{3});
        QVERIFY(panel()->title().contains(QStringLiteral("/ratings")));
        QVERIFY(panel()->findChild<QComboBox*>(QStringLiteral("alignmentComparatorCombo"))->isEnabled());
    }

    void cleanupTestCase() { w_.reset(); }

private:
    AlignmentPanel* panel() const { return w_->alignment()->panel(); }
    repscope::gui::AlignmentController* controller() const { return w_->alignment()->controller(); }

    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestAlignmentView)
#include "test_alignment_view.moc"
