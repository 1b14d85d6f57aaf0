// The analysis views of the main window: opening the demo fills the layer matrix and the RDM
// view without user action; a click on a layer-matrix cell sets the focus pair and the RDM view
// follows; the Data panel sets focus A; a newer request supersedes an older one; brushing uses
// the window's selection model; precomputed RDMs enter only RSA metrics. Saves a screenshot of
// the window (analysis_views.png in the working directory) for a look.
#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <algorithm>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/elided_label.h"
#include "gui/main_window.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/tasks/task_runner.h"
#include "gui/view_export.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"
#include "repscope/views/data_panel.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/selection_model.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::tiles::DenseTileSource;
using repscope::views::HeatmapView;

namespace {

constexpr int kTimeoutMs = 300000;

HeatmapView* matrixView(const MainWindow& w) {
    return w.layerMatrixPanel()->view();
}
HeatmapView* rdmView(const MainWindow& w) {
    return w.rdmPanel()->view();
}

const DenseTileSource* shownMatrix(const MainWindow& w) {
    return dynamic_cast<const DenseTileSource*>(matrixView(w)->source().get());
}

QString statusText(const MainWindow& w) {
    const auto* label = w.findChild<QLabel*>(QStringLiteral("analysisStatus"));
    return label != nullptr ? label->text() : QString();
}

// The Data panel's row of the layer with this qualified name (invalid when absent).
QModelIndex layerRow(const QAbstractItemModel* model, const QString& qualifiedName,
                     const QModelIndex& parent = {}) {
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (index.data(repscope::views::DataPanel::QualifiedNameRole).toString() == qualifiedName)
            return index;
        if (const QModelIndex found = layerRow(model, qualifiedName, index); found.isValid())
            return found;
    }
    return {};
}

QString qualifiedName(const MainWindow& w, std::size_t index) {
    return QString::fromStdString(
        w.analysis()->representations().at(index).representation->info().qualifiedName());
}

QString pathOf(const MainWindow& w, std::size_t index) {
    return QString::fromStdString(
        w.analysis()->representations().at(index).representation->info().path);
}

using repscope::test::windowImage;

// Waits until nothing is pending and the RDM view shows representation `index`.
bool waitForRdmOf(const MainWindow& w, std::size_t index) {
    const QString expected = QStringLiteral("RDM of %1,").arg(pathOf(w, index));
    return QTest::qWaitFor([&] { return !w.isBusy() && statusText(w).contains(expected); },
                           kTimeoutMs) &&
           rdmView(w)->source() != nullptr;
}

}  // namespace

class TestAnalysisViews : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        // Not test_main_window's cache directory: it deletes the demo there, and ctest runs
        // both at once.
        QApplication::setApplicationName(QStringLiteral("repscope-test-analysis"));
        QVERIFY(!repscope::test::makeFixture(QStringLiteral("native_rdm.h5")).isEmpty());
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 820);  // within Xvfb's default 1280 × 1024 screen
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openDemo();
    }
    void cleanupTestCase() { w_.reset(); }

    void demoFillsTheLayerMatrix() {
        QTRY_VERIFY_WITH_TIMEOUT(shownMatrix(*w_) != nullptr, kTimeoutMs);
        const DenseTileSource& m = *shownMatrix(*w_);
        const std::size_t k = w_->analysis()->representations().size();
        QVERIFY(k >= 3);
        QCOMPARE(w_->layerMatrixPanel()->metric(), QStringLiteral("cka_linear"));
        QCOMPARE(m.measureName(), std::string("cka_linear"));
        QCOMPARE(static_cast<std::size_t>(m.rows()), k);  // the demo has no precomputed RDM
        QCOMPARE(static_cast<std::size_t>(m.cols()), k);
        for (Eigen::Index i = 0; i < m.matrix().rows(); ++i) {
            QVERIFY2(std::abs(m.matrix()(i, i) - 1.0F) < 1e-4F,
                     qPrintable(QString::number(m.matrix()(i, i))));
            for (Eigen::Index j = 0; j < m.matrix().cols(); ++j) {
                QVERIFY(m.matrix()(i, j) >= -1e-4F && m.matrix()(i, j) <= 1.0F + 1e-4F);
                QCOMPARE(m.matrix()(i, j), m.matrix()(j, i));
            }
        }
        // Tooltips name the representations.
        HeatmapView* view = matrixView(*w_);
        (void)repscope::test::completeFrame(*view);
        const QString tip = view->tooltipText(repscope::test::cellCentre(*view, 1, 0));
        QVERIFY2(
            tip.contains(w_->analysis()->displayName(w_->analysis()->matrixRepresentations()[1])) &&
                tip.contains(QStringLiteral("cka_linear: ")),
            qPrintable(tip));
    }

    void demoShowsTheFirstRdm() {
        QVERIFY2(waitForRdmOf(*w_, 0), qPrintable(statusText(*w_)));
        QCOMPARE(w_->analysis()->focusA(), std::size_t{0});
        QCOMPARE(w_->analysis()->focusB(), std::size_t{1});
        const auto* rdm = dynamic_cast<const repscope::tiles::RepresentationTileSource*>(
            rdmView(*w_)->source().get());
        QVERIFY(rdm != nullptr);
        const auto n = static_cast<std::int64_t>(w_->collection().stimulusCount());
        QCOMPARE(rdm->rows(), n);
        QCOMPARE(rdm->measureName(), std::string("correlation"));
        QCOMPARE(rdm->rowOrder().size(), static_cast<std::size_t>(n));  // clustered
        const QString status = statusText(*w_);
        QVERIFY2(status.contains(
                     QStringLiteral("RDM of %1, correlation, clustered order").arg(pathOf(*w_, 0))),
                 qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("cka_linear")), qPrintable(status));
        QVERIFY(w_->rdmPanel()->focusLabel()->text().contains(w_->analysis()->displayName(0)));
    }

    void clickOnTheLayerMatrixSetsTheFocusPair() {
        HeatmapView* view = matrixView(*w_);
        (void)repscope::test::completeFrame(*view);
        const QString before = w_->rdmPanel()->focusLabel()->text();
        const auto shownBefore = rdmView(*w_)->source();
        const std::vector<std::size_t> reps = w_->analysis()->matrixRepresentations();
        QSignalSpy focus(w_->analysis(), &repscope::gui::AnalysisController::focusChanged);
        // Row 2, column 1: A = the third representation, B = the second.
        QTest::mouseClick(view, Qt::LeftButton, {}, repscope::test::cellCentre(*view, 2, 1));
        QCOMPARE(focus.count(), 1);
        QCOMPARE(w_->analysis()->focusA(), reps[2]);
        QCOMPARE(w_->analysis()->focusB(), reps[1]);
        QVERIFY(w_->rdmPanel()->focusLabel()->text() != before);
        QVERIFY(
            w_->rdmPanel()->focusLabel()->text().contains(w_->analysis()->displayName(reps[2])));
        QVERIFY2(waitForRdmOf(*w_, reps[2]), qPrintable(statusText(*w_)));
        const auto source = rdmView(*w_)->source();
        QVERIFY(source != shownBefore);
        const auto& entry = w_->analysis()->representations()[reps[2]];
        QCOMPARE(static_cast<std::size_t>(source->rows()), entry.representation->info().n);
        QCOMPARE(source->cols(), source->rows());
        // A drag pans and leaves the focus alone.
        QTest::mousePress(view, Qt::LeftButton, {}, repscope::test::cellCentre(*view, 0, 0));
        QTest::mouseMove(view, repscope::test::cellCentre(*view, 1, 2));
        QTest::mouseRelease(view, Qt::LeftButton, {}, repscope::test::cellCentre(*view, 1, 2));
        QCOMPARE(focus.count(), 1);
        view->fitToView();
    }

    void dataPanelSetsFocusA() {
        const std::size_t last = w_->analysis()->representations().size() - 1;
        const QModelIndex row = layerRow(w_->dataModel(), qualifiedName(*w_, last));
        QVERIFY(row.isValid());
        const std::size_t b = w_->analysis()->focusB();
        w_->dataPanel()->treeView()->setCurrentIndex(row);
        QCOMPARE(w_->analysis()->focusA(), last);
        QCOMPARE(w_->analysis()->focusB(), b);
        QVERIFY2(waitForRdmOf(*w_, last), qPrintable(statusText(*w_)));
    }

    // While a new metric computes, the chooser names it but the title, the banner and an export
    // name the values on screen; a cancel puts the chooser back. Whichever way the race ends
    // (cancelled, or finished first), title, chooser and values agree.
    void titlesNameTheValuesShown() {
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && shownMatrix(*w_) != nullptr, kTimeoutMs);
        auto* panel = w_->layerMatrixPanel();
        auto* title = panel->findChild<repscope::gui::ElidedLabel*>(QStringLiteral("layerMatrixTitle"));
        QVERIFY(title != nullptr);
        QCOMPARE(panel->shownMetric(), QStringLiteral("cka_linear"));
        QCOMPARE(title->fullText(), QStringLiteral("Layer matrix: cka_linear"));
        // The RDM's values are distances (1 − r), and the view says so, not "correlation".
        const QString rdmTip = rdmView(*w_)->tooltipText(repscope::test::cellCentre(*rdmView(*w_), 1, 0));
        QVERIFY2(rdmTip.contains(QStringLiteral("correlation distance (1 − r)")), qPrintable(rdmTip));
        panel->setMetric(QStringLiteral("cka_rbf"));
        QVERIFY(panel->isPending());
        QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("layerMatrixPending"))->text(),
                 QStringLiteral("Showing cka_linear — computing cka_rbf…"));
        // REPSCOPE_TEST_SHOTS=DIR keeps a picture of the dimmed matrix to look at.
        if (const QString dir = qEnvironmentVariable("REPSCOPE_TEST_SHOTS"); !dir.isEmpty()) {
            QVERIFY(panel->grab().save(QDir(dir).filePath(QStringLiteral("layer_matrix_pending.png"))));
        }
        auto* exporter = w_->findChild<repscope::gui::ViewExporter*>(QStringLiteral("viewExporter"));
        QVERIFY(exporter != nullptr);
        const auto figure = exporter->figureOf(repscope::gui::ViewExporter::Target::LayerMatrix);
        QVERIFY(figure.has_value());
        QCOMPARE(figure->title, QStringLiteral("Layer matrix: ") + panel->shownMetric());
        w_->taskRunner()->cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        QVERIFY(!panel->isPending());
        const QString shown = panel->shownMetric();
        QCOMPARE(QString::fromStdString(shownMatrix(*w_)->measureName()), shown);
        QCOMPARE(panel->metric(), shown);
        QCOMPARE(title->fullText(), QStringLiteral("Layer matrix: ") + shown);
        if (shown == QStringLiteral("cka_linear")) {
            QVERIFY2(panel->note().contains(QStringLiteral("Cancelled: the cka_rbf layer matrix; the matrix shows cka_linear.")),
                     qPrintable(panel->note()));
        }
        panel->setMetric(QStringLiteral("cka_linear"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && shownMatrix(*w_)->measureName() == "cka_linear", kTimeoutMs);
    }

    void newerRequestsSupersedeOlderOnes() {
        QSignalSpy shown(w_->analysis(), &repscope::gui::AnalysisController::layerMatrixShown);
        w_->layerMatrixPanel()->setMetric(QStringLiteral("rsa_spearman"));
        w_->layerMatrixPanel()->setMetric(QStringLiteral("cka_linear_debiased"));
        auto* ordering = w_->findChild<QComboBox*>(QStringLiteral("rdmOrderingCombo"));
        auto* measure = w_->findChild<QComboBox*>(QStringLiteral("rdmMeasureCombo"));
        QVERIFY(ordering != nullptr && measure != nullptr);
        QSignalSpy rdmShown(w_->analysis(), &repscope::gui::AnalysisController::rdmShown);
        measure->setCurrentText(QStringLiteral("cosine"));
        ordering->setCurrentText(QStringLiteral("by category"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        // Only the last of each kind was shown.
        QCOMPARE(shown.count(), 1);
        QCOMPARE(rdmShown.count(), 1);
        QCOMPARE(shownMatrix(*w_)->measureName(), std::string("cka_linear_debiased"));
        QCOMPARE(rdmView(*w_)->source()->measureName(), std::string("cosine"));
        QVERIFY2(statusText(*w_).contains(QStringLiteral("cosine, grouped by category")),
                 qPrintable(statusText(*w_)));
        // Back to the defaults.
        w_->layerMatrixPanel()->setMetric(QStringLiteral("cka_linear"));
        measure->setCurrentText(QStringLiteral("correlation"));
        ordering->setCurrentText(QStringLiteral("clustered"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && shownMatrix(*w_) != nullptr &&
                                     shownMatrix(*w_)->measureName() == "cka_linear",
                                 kTimeoutMs);
    }

    void brushingIsSharedThroughTheWindowsSelection() {
        HeatmapView* rdm = rdmView(*w_);
        QCOMPARE(rdm->selectionModel(), w_->selectionModel());
        // The layer matrix's rows are representations, not stimuli: it stays out of it.
        QVERIFY(matrixView(*w_)->selectionModel() == nullptr);
        (void)repscope::test::completeFrame(*rdm);
        const std::int64_t n = rdm->source()->rows();
        QTest::mousePress(rdm, Qt::LeftButton, Qt::ShiftModifier,
                          repscope::test::cellCentre(*rdm, n / 4.0, n / 4.0));
        QTest::mouseMove(rdm, repscope::test::cellCentre(*rdm, n / 3.0, n / 3.0));
        QTest::mouseRelease(rdm, Qt::LeftButton, Qt::ShiftModifier,
                            repscope::test::cellCentre(*rdm, n / 2.0, n / 2.0));
        const std::vector<std::size_t> selected = w_->selectionModel()->selection().indices();
        QVERIFY(!selected.empty());
        QVERIFY(selected.size() < static_cast<std::size_t>(n));
        // The brushed stimuli are the ones shown in the brushed display range.
        const std::vector<std::size_t>& order = rdm->source()->rowOrder();
        QVERIFY(w_->selectionModel()->selection().contains(order[static_cast<std::size_t>(n / 3)]));

        // B's RDM shows the same stimuli selected: same model, nothing reset.
        auto* b = w_->findChild<QToolButton*>(QStringLiteral("focusBButton"));
        QVERIFY(b != nullptr && b->isEnabled());
        b->click();
        QCOMPARE(w_->rdmPanel()->side(), repscope::gui::FocusSide::B);
        QVERIFY2(waitForRdmOf(*w_, w_->analysis()->focusB()), qPrintable(statusText(*w_)));
        QCOMPARE(rdm->selectionModel(), w_->selectionModel());
        QCOMPARE(w_->selectionModel()->selection().indices(), selected);
        const QImage frame = repscope::test::completeFrame(*rdm);
        QVERIFY(!frame.isNull());
    }

    void screenshot() {
        // The views as a user sees them (B's RDM with the brushed stimuli highlighted).
        (void)repscope::test::completeFrame(*matrixView(*w_));
        (void)repscope::test::completeFrame(*rdmView(*w_));
        w_->statusBar()->clearMessage();  // show what the views show, not "Opened …"
        QTest::qWait(200);
        const QString path = QDir::current().absoluteFilePath(QStringLiteral("analysis_views.png"));
        QVERIFY(windowImage(*w_).save(path));
        qInfo("screenshot: %s", qPrintable(path));
        // What the X server shows, when ImageMagick's import is there (Xvfb's whole screen).
        const QString import = QStandardPaths::findExecutable(QStringLiteral("import"));
        if (!import.isEmpty() && qEnvironmentVariableIsSet("DISPLAY")) {
            const QString screen =
                QDir::current().absoluteFilePath(QStringLiteral("analysis_views_screen.png"));
            const auto result = repscope::test::runProcess(
                import, {QStringLiteral("-window"), QStringLiteral("root"), screen}, 60000);
            if (result.exitCode == 0) qInfo("screen: %s", qPrintable(screen));
        }
    }

    void escapeClearsTheSelection() {
        rdmView(*w_)->setFocus();
        QTest::keyClick(rdmView(*w_), Qt::Key_Escape);
        QVERIFY(w_->selectionModel()->selection().empty());
    }

    void precomputedRdmsEnterOnlyRsaMetrics() {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({repscope::test::makeFixture(QStringLiteral("native_rdm.h5"))});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy() && shownMatrix(w) != nullptr, kTimeoutMs);
        const std::size_t k = w.analysis()->representations().size();
        QCOMPARE(static_cast<std::size_t>(shownMatrix(w)->rows()), k - 1);  // brain/it left out
        QVERIFY2(w.layerMatrixPanel()->note().contains(QStringLiteral("precomputed RDM")),
                 qPrintable(w.layerMatrixPanel()->note()));
        std::size_t brain = k;
        for (std::size_t i = 0; i < k; ++i) {
            if (pathOf(w, i) == QStringLiteral("/brain/it")) brain = i;
        }
        QVERIFY(brain < k);
        w.layerMatrixPanel()->setMetric(QStringLiteral("rsa_spearman"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy() && shownMatrix(w) != nullptr &&
                                     shownMatrix(w)->measureName() == "rsa_spearman",
                                 kTimeoutMs);
        QCOMPARE(static_cast<std::size_t>(shownMatrix(w)->rows()), k);
        const std::vector<std::size_t>& reps = w.analysis()->matrixRepresentations();
        const auto row =
            static_cast<Eigen::Index>(std::find(reps.begin(), reps.end(), brain) - reps.begin());
        QVERIFY(std::abs(shownMatrix(w)->matrix()(row, row) - 1.0F) < 1e-5F);

        // The stored RDM is shown as it is; there is no measure to choose.
        w.analysis()->setFocusPair(brain, 0);
        QVERIFY2(waitForRdmOf(w, brain), qPrintable(statusText(w)));
        const auto* stored = dynamic_cast<const DenseTileSource*>(rdmView(w)->source().get());
        QVERIFY(stored != nullptr);
        QCOMPARE(stored->rows(), std::int64_t{12});
        const repscope::MatrixF values =
            w.collection().read(w.analysis()->representations()[brain]);
        QVERIFY(stored->matrix().isApprox(values));
        QVERIFY(!w.findChild<QComboBox*>(QStringLiteral("rdmMeasureCombo"))->isEnabled());
        QVERIFY2(statusText(w).contains(QStringLiteral("RDM of /brain/it, precomputed")),
                 qPrintable(statusText(w)));
    }

    void closingTheLastFileShowsTheSummary() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({repscope::test::makeFixture(QStringLiteral("native_rdm.h5"))});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        auto* summary = w.findChild<QLabel*>(QStringLiteral("collectionSummary"));
        QVERIFY(summary != nullptr && !summary->isVisible());
        QVERIFY(w.layerMatrixPanel()->isVisible());
        emit w.dataPanel()->closeFileRequested(0);  // while the views may still be computing
        QVERIFY(summary->isVisible());
        QVERIFY(matrixView(w)->source() == nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QVERIFY(matrixView(w)->source() == nullptr);
        QVERIFY(rdmView(w)->source() == nullptr);
        QVERIFY(statusText(w).isEmpty());
    }

private:
    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestAnalysisViews)
#include "test_analysis_views.moc"
