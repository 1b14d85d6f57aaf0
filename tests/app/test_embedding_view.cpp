// The Embedding checks view on the demo: old and new follow focus A and B; the compatibility
// table holds the core's retrieval scores; a prefix equal to D gives the metric's self value (CKA
// of X with itself is 1); the spectrum's ratios sum to at most 1 and each categorical column has
// an R² bar per representation; clicking a prefix point shows that prefix of focus A in the RDM
// view and its export says so; screenshots are kept.
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis_controller.h"
#include "gui/embedding/embedding_controller.h"
#include "gui/embedding/embedding_dock.h"
#include "gui/embedding/embedding_panel.h"
#include "gui/embedding/embedding_result.h"
#include "gui/main_window.h"
#include "gui/rdm_panel.h"
#include "gui/view_export.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/views/chart_view.h"
#include "test_support.h"

using repscope::gui::EmbeddingPanel;
using repscope::gui::MainWindow;

namespace {
constexpr int kTimeoutMs = 120000;
}  // namespace

class TestEmbeddingView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 800);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        QSignalSpy changed(w_.get(), &MainWindow::collectionChanged);
        w_->openDemo();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        w_->embedding()->dock()->show();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && w_->embedding()->controller()->shown() != nullptr, kTimeoutMs);
    }

    void compatibilityIsTheCoresRetrieval() {
        const auto& reps = w_->analysis()->representations();
        const auto oldEntry = reps[w_->analysis()->focusA()];
        const auto newEntry = reps[w_->analysis()->focusB()];
        const repscope::MatrixF oldX = w_->collection().read(oldEntry);
        const repscope::MatrixF newX = w_->collection().read(newEntry);
        const auto* digit = w_->collection().stimuli().column("digit");
        QVERIFY(digit != nullptr);
        QCOMPARE(panel()->labelColumn(), QStringLiteral("digit"));
        const auto& shown = *w_->embedding()->controller()->shown();
        QVERIFY(shown.aligned.has_value());
        QTableWidget* table = panel()->compatTable();
        QVERIFY(table->rowCount() >= 3);
        if (oldX.cols() == newX.cols()) {
            const auto expected = repscope::embedding_checks::compatibility(oldX, newX, digit->codes);
            QVERIFY(shown.plain.has_value());
            for (std::size_t k = 0; k < expected.measures.size(); ++k) {
                const auto& m = expected.measures[k];
                QCOMPARE(shown.plain->measures[k].newOld, m.newOld);
                QCOMPARE(table->item(static_cast<int>(k), 2)->text(), QString::number(m.newOld, 'f', 4));
                QCOMPARE(table->item(static_cast<int>(k), 0)->text(), QString::number(m.oldOld, 'f', 4));
            }
        }
        QVERIFY(panel()->title().contains(w_->analysis()->displayName(w_->analysis()->focusA())));
    }

    void fullPrefixIsTheSelfValue() {
        const auto& content = panel()->prefixView()->content();
        QVERIFY(content.logX);
        QCOMPARE(content.series.size(), std::size_t{4});  // old and new: cka_linear and top-1
        for (const auto& s : content.series) {
            QVERIFY(!s.points.empty());
            if (s.name.contains(QStringLiteral("cka_linear"))) {
                // X[:, :D] is X: linear CKA of X with itself is 1.
                QVERIFY(std::abs(s.points.back().value - 1.0) < 1e-6);
            } else {
                for (const auto& p : s.points) QVERIFY(p.value >= 0.0 && p.value <= 1.0);
            }
        }
    }

    void everyLayerOfTheOldModelHasACurve() {
        // 2D Matryoshka: one curve per feature layer of the old model, each ending at its full self (1).
        // Old follows focus A: make it a layer of an MLP with four layers.
        const auto& all = w_->analysis()->representations();
        for (const auto& e : all) {
            const auto& info = e.representation->info();
            if (info.model == "mlp_w64_s1" && info.layer == "hidden2") {
                w_->analysis()->focusRepresentation(QString::fromStdString(info.qualifiedName()));
            }
        }
        QVERIFY(panel()->title().contains(QStringLiteral("mlp_w64_s1/hidden2")) ||
                w_->embedding()->controller()->isComputing());
        QTRY_VERIFY_WITH_TIMEOUT(!w_->embedding()->controller()->isComputing() && !w_->isBusy(), kTimeoutMs);
        QVERIFY(panel()->title().contains(QStringLiteral("mlp_w64_s1/hidden2 (old)")));
        const auto& reps = w_->analysis()->representations();
        const auto& old = reps[w_->analysis()->focusA()].representation->info();
        std::size_t layers = 0;
        for (const auto& e : reps) {
            const auto& info = e.representation->info();
            if (info.file == old.file && info.model == old.model && info.kind == repscope::RepresentationKind::Features) ++layers;
        }
        const auto& content = panel()->layersView()->content();
        QCOMPARE(layers, std::size_t{4});
        QCOMPARE(content.series.size(), layers);
        for (const auto& s : content.series) QVERIFY(std::abs(s.points.back().value - 1.0) < 1e-6);
    }

    void spectrumAndShares() {
        const auto& shown = *w_->embedding()->controller()->shown();
        double sum = 0.0;
        for (const double r : shown.oldSpectrum.explained) sum += r;
        QVERIFY(std::abs(sum - 1.0) < 1e-6);
        QVERIFY(shown.oldSpectrum.participationRatio >= 1.0);
        const auto& spectrum = panel()->spectrumView()->content();
        QVERIFY(spectrum.logValue);
        QCOMPARE(spectrum.series.size(), std::size_t{2});
        const auto& shares = panel()->sharesView()->content();
        QCOMPARE(shares.bars.size(), 2 * w_->collection().stimuli().columns.size());
        for (const auto& b : shares.bars) QVERIFY(b.value >= -1e-9 && b.value <= 1.0 + 1e-9);
    }

    void prefixClickShowsItInTheRdmView() {
        panel()->tabs()->setCurrentIndex(1);
        QTest::qWait(50);
        repscope::views::ChartView* view = panel()->prefixView();
        const auto g = view->chartGeometry();
        const auto& series = view->content().series.front();
        QVERIFY(series.points.size() >= 2);
        const int d = series.points.front().id;
        QSignalSpy rdm(w_->analysis(), &repscope::gui::AnalysisController::rdmShown);
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, g.points.front().front().toPoint());
        QCOMPARE(w_->analysis()->prefix(), d);
        QTRY_VERIFY_WITH_TIMEOUT(rdm.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QVERIFY2(w_->analysis()->statusText().contains(QStringLiteral("first %1 of").arg(d)),
                 qPrintable(w_->analysis()->statusText()));
        auto* exporter = w_->findChild<repscope::gui::ViewExporter*>(QStringLiteral("viewExporter"));
        const auto rdmFigure = exporter->figureOf(repscope::gui::ViewExporter::Target::Rdm);
        QVERIFY(rdmFigure.has_value());
        QVERIFY2(rdmFigure->title.contains(QStringLiteral("first %1 dimensions").arg(d)), qPrintable(rdmFigure->title));
        // The RDM panel's own label names the prefix too, and the prefix did not recompute the checks.
        QVERIFY2(w_->rdmPanel()->focusLabel()->text().contains(QStringLiteral("first %1 dimensions").arg(d)),
                 qPrintable(w_->rdmPanel()->focusLabel()->text()));
        QVERIFY(!w_->embedding()->controller()->isComputing());
        const auto chart = exporter->figureOf(repscope::gui::ViewExporter::Target::Embedding);
        QVERIFY(chart.has_value());
        QCOMPARE(chart->title, panel()->title());
    }

    void screenshots() {
        const QString dir = QDir::currentPath();
        panel()->tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("embedding_compat.png"))));
        panel()->tabs()->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("embedding_prefix.png"))));
        panel()->tabs()->setCurrentIndex(2);
        QTest::qWait(50);
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("embedding_spectrum.png"))));
        QVERIFY(repscope::test::windowImage(*w_).save(QDir(dir).filePath(QStringLiteral("embedding_1280x800.png"))));
        QVERIFY(w_->width() <= 1280);
    }

    void cleanupTestCase() { w_.reset(); }

private:
    EmbeddingPanel* panel() const { return w_->embedding()->panel(); }

    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestEmbeddingView)
#include "test_embedding_view.moc"
