// The Embedding checks view on the demo: old and new follow focus A and B; the compatibility
// table holds the core's retrieval scores; a prefix equal to D gives the metric's self value (CKA
// of X with itself is 1); the spectrum's ratios sum to at most 1 and each categorical column has
// an R² bar per representation; every layer of the old model is a row of the layer × prefix grid
// (cells = CKA computed here); clicking a prefix point or a grid cell shows that prefix in the RDM
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
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/embedding/embedding_controller.h"
#include "gui/embedding/embedding_dock.h"
#include "gui/embedding/embedding_panel.h"
#include "gui/embedding/embedding_result.h"
#include "gui/exploration_views.h"
#include "gui/inspector/inspector_controller.h"
#include "gui/inspector/inspector_panel.h"
#include "gui/inspector/spectrum_section.h"
#include "gui/projection/projection_panel.h"
#include "repscope/views/projection_view.h"
#include "gui/main_window.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/view_export.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/embedding_checks/prefix.h"
#include "repscope/metrics/knn.h"
#include "repscope/views/heatmap_view.h"
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

    void everyLayerOfTheOldModelIsARowOfTheGrid() {
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
        QCOMPARE(layers, std::size_t{4});
        // 2D Matryoshka as a heatmap: one row per layer, one column per prefix size (the union of
        // the layers' defaults); each defined cell is linear CKA of X[:, :d] with X, computed here
        // in float64; cells past a layer's D are undefined and say why.
        const auto& shown = *w_->embedding()->controller()->shown();
        repscope::views::HeatmapView* grid = panel()->gridView();
        QVERIFY(grid->source() != nullptr);
        QCOMPARE(grid->source()->rows(), static_cast<std::int64_t>(layers));
        QCOMPARE(grid->source()->cols(), static_cast<std::int64_t>(shown.gridDims.size()));
        QCOMPARE(shown.grid.size(), layers);
        std::vector<int> ds;
        for (const auto& row : shown.grid) ds.push_back(row.d);
        QCOMPARE(shown.gridDims, repscope::embedding_checks::gridPrefixDims(ds));
        for (std::size_t r = 0; r < shown.grid.size(); ++r) {
            const auto& row = shown.grid[r];
            QCOMPARE(grid->stimuli()->label(r), row.layer);
            const repscope::MatrixF xf = w_->collection().read(reps[row.representation]);
            QCOMPARE(static_cast<int>(xf.cols()), row.d);
            const Eigen::MatrixXd xd = xf.cast<double>();
            const Eigen::MatrixXd full = xd.rowwise() - xd.colwise().mean();
            for (std::size_t k = 0; k < shown.gridDims.size(); ++k) {
                const int d = shown.gridDims[k];
                QCOMPARE(grid->columnStimuli()->label(k), std::to_string(d));
                if (d > row.d) {
                    QVERIFY(std::isnan(row.value[k]));
                    QVERIFY(grid->source()->undefinedReason(static_cast<std::int64_t>(r), static_cast<std::int64_t>(k))
                                .find("fewer than") != std::string::npos);
                    continue;
                }
                const Eigen::MatrixXd p = full.leftCols(d);
                const double cka = (full.transpose() * p).squaredNorm() /
                                   ((p.transpose() * p).norm() * (full.transpose() * full).norm());
                QVERIFY2(std::abs(row.value[k] - cka) < 1e-4, qPrintable(QStringLiteral("%1 d=%2").arg(r).arg(d)));
                if (d == row.d) QVERIFY(std::abs(row.value[k] - 1.0) < 1e-6);
            }
        }
        // The tooltip names the layer and the size.
        panel()->tabs()->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(grid->isVisible() && grid->width() > 0, kTimeoutMs);
        grid->waitForTiles();
        const QString tip = grid->tooltipText(repscope::test::cellCentre(*grid, 0, 0));
        QVERIFY2(tip.contains(QString::fromStdString(shown.grid[0].layer)) &&
                     tip.contains(QStringLiteral("column: %1").arg(shown.gridDims[0])),
                 qPrintable(tip));
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
        // The projection (side A) follows: PCA of X[:, :d], computed here by an SVD of the centred
        // prefix, equal up to each axis' sign.
        auto* projection = w_->exploration()->projectionPanel();
        QTRY_VERIFY_WITH_TIMEOUT(projection->shownName().contains(QStringLiteral("(first %1 dimensions)").arg(d)) &&
                                     !w_->isBusy(),
                                 kTimeoutMs);
        const auto& reps = w_->analysis()->representations();
        const repscope::MatrixF x = w_->collection().read(reps[w_->analysis()->focusA()]);
        QVERIFY(d < x.cols());
        const Eigen::MatrixXd prefix = x.leftCols(d).cast<double>();
        const Eigen::MatrixXd centred = prefix.rowwise() - prefix.colwise().mean();
        const Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU);
        const Eigen::MatrixXd scores = svd.matrixU().leftCols(2) * svd.singularValues().head(2).asDiagonal();
        const auto& points = projection->view()->points();
        QCOMPARE(points.rows(), scores.rows());
        for (int c = 0; c < 2; ++c) {
            const double sign = scores.col(c).dot(points.col(c).cast<double>()) < 0.0 ? -1.0 : 1.0;
            const double err = (points.col(c).cast<double>() * sign - scores.col(c)).cwiseAbs().maxCoeff();
            QVERIFY2(err < 1e-3 * scores.col(c).cwiseAbs().maxCoeff(), qPrintable(QString::number(err)));
        }
        const auto chart = exporter->figureOf(repscope::gui::ViewExporter::Target::Embedding);
        QVERIFY(chart.has_value());
        QCOMPARE(chart->title, panel()->title());
    }

    void gridClickShowsThatLayersPrefix() {
        // A grid cell: focus A moves to that layer with its prefix; old and new stay.
        const auto& shown = *w_->embedding()->controller()->shown();
        const QString title = panel()->title();
        panel()->tabs()->setCurrentIndex(1);
        repscope::views::HeatmapView* grid = panel()->gridView();
        QTRY_VERIFY_WITH_TIMEOUT(grid->isVisible(), kTimeoutMs);
        const std::size_t row = shown.grid.size() - 1;  // another layer than the old one
        QSignalSpy rdm(w_->analysis(), &repscope::gui::AnalysisController::rdmShown);
        QTest::mouseClick(grid, Qt::LeftButton, {}, repscope::test::cellCentre(*grid, static_cast<double>(row), 0));
        QCOMPARE(w_->analysis()->focusA(), shown.grid[row].representation);
        QCOMPARE(w_->analysis()->prefix(), shown.gridDims[0]);
        QTRY_VERIFY_WITH_TIMEOUT(rdm.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QVERIFY2(w_->analysis()->statusText().contains(QStringLiteral("first %1 of").arg(shown.gridDims[0])),
                 qPrintable(w_->analysis()->statusText()));
        QCOMPARE(panel()->title(), title);
        QVERIFY(!w_->embedding()->controller()->isComputing());
    }

    void inspectorShowsTheSpectrumOfA() {
        // Focus A's spectrum in the Inspector: participation ratio from the eigenvalues of the
        // covariance and each column's R² (between-category sum of squares over the total),
        // both computed here. A is what the other views show: the prefix the grid click chose
        // (the Inspector showed the whole of A under A's name while the RDM and projection showed
        // its first d dimensions).
        w_->exploration()->inspectorDock()->show();
        w_->exploration()->inspectorDock()->raise();
        const auto& reps = w_->analysis()->representations();
        const int d = w_->analysis()->focusAPrefix();
        QVERIFY2(d > 0, "the grid click left no prefix");
        const QString name = w_->analysis()->focusAName();
        QVERIFY(name.endsWith(QStringLiteral("(first %1 dimensions)").arg(d)));
        auto* section = w_->exploration()->inspectorPanel()->spectrumSection();
        QTRY_VERIFY_WITH_TIMEOUT(section->shownName() == name && !w_->isBusy(), kTimeoutMs);
        const repscope::MatrixF xf = w_->collection().read(reps[w_->analysis()->focusA()]);
        QVERIFY(d < xf.cols());
        const Eigen::MatrixXd x = xf.leftCols(d).cast<double>();
        QVERIFY2(section->summary().contains(QStringLiteral("D = %1)").arg(d)), qPrintable(section->summary()));
        const Eigen::MatrixXd c = x.rowwise() - x.colwise().mean();
        const Eigen::VectorXd lambda = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(c.transpose() * c).eigenvalues();
        const double pr = lambda.sum() * lambda.sum() / lambda.squaredNorm();
        const QString summary = section->summary();
        QVERIFY2(summary.contains(QStringLiteral("participation ratio %1").arg(pr, 0, 'f', 1)), qPrintable(summary));
        const auto* digit = w_->collection().stimuli().column("digit");
        Eigen::MatrixXd means = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(digit->categories.size()), c.cols());
        Eigen::VectorXd counts = Eigen::VectorXd::Zero(means.rows());
        for (Eigen::Index i = 0; i < c.rows(); ++i) {
            means.row(digit->codes[static_cast<std::size_t>(i)]) += c.row(i);
            counts(digit->codes[static_cast<std::size_t>(i)]) += 1.0;
        }
        double between = 0.0;
        for (Eigen::Index k = 0; k < means.rows(); ++k) {
            if (counts(k) > 0) between += means.row(k).squaredNorm() / counts(k);
        }
        const double r2 = between / c.squaredNorm();
        QVERIFY2(summary.contains(QStringLiteral("digit %1").arg(r2, 0, 'f', 3)), qPrintable(summary));
        QCOMPARE(section->chart()->content().series.size(), std::size_t{1});
        QVERIFY(section->chart()->content().logValue);
    }

    // The Inspector's nearest neighbours in A are those of the prefix shown (cosine over the
    // first d dimensions, computed here with the core's kNN), B's those of all of B; a stimulus
    // whose neighbours differ between the prefix and the whole of A makes the check count.
    void inspectorNeighboursOfAAreThoseOfThePrefix() {
        const int d = w_->analysis()->focusAPrefix();
        QVERIFY(d > 0);
        const auto& reps = w_->analysis()->representations();
        const repscope::MatrixF xf = w_->collection().read(reps[w_->analysis()->focusA()]);
        const int k = repscope::gui::InspectorController::kNeighbours;
        const auto prefixNn = repscope::metrics::nearestNeighbours(xf.leftCols(d).cast<double>(), k);
        const auto wholeNn = repscope::metrics::nearestNeighbours(xf.cast<double>(), k);
        Eigen::Index chosen = -1;
        for (Eigen::Index i = 0; i < prefixNn.rows() && chosen < 0; ++i) {
            if (prefixNn.row(i) != wholeNn.row(i)) chosen = i;
        }
        QVERIFY2(chosen >= 0, "the prefix has the same neighbours as the whole for every stimulus");
        auto* inspector = w_->exploration()->inspectorPanel();
        QSignalSpy shown(w_->exploration()->inspector(), &repscope::gui::InspectorController::neighboursShown);
        inspector->chooseStimulus(static_cast<std::size_t>(chosen));
        QVERIFY(shown.wait(kTimeoutMs));
        const QTableWidget* table = inspector->neighboursTable();
        // The header is cut to its column; its tooltip is the whole name.
        QCOMPARE(table->horizontalHeaderItem(0)->toolTip(), QStringLiteral("A: ") + w_->analysis()->focusAName());
        QVERIFY2(table->horizontalHeaderItem(0)->toolTip().endsWith(QStringLiteral("(first %1 dimensions)").arg(d)),
                 qPrintable(table->horizontalHeaderItem(0)->toolTip()));
        QCOMPARE(table->rowCount(), k);
        for (int r = 0; r < k; ++r) {
            const QString label = QString::fromStdString(
                w_->collection().stimuli().label(static_cast<std::size_t>(prefixNn(chosen, r))));
            QVERIFY2(table->item(r, 0)->text().startsWith(label + QStringLiteral("  (")),
                     qPrintable(table->item(r, 0)->text() + QStringLiteral(" vs ") + label));
        }
        inspector->chooseStimulus(std::nullopt);
    }

    void screenshots() {
        const QString dir = QDir::currentPath();
        panel()->tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        QVERIFY(panel()->grab().save(QDir(dir).filePath(QStringLiteral("embedding_compat.png"))));
        panel()->tabs()->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(repscope::test::windowImage(*panel()).save(QDir(dir).filePath(QStringLiteral("embedding_prefix.png"))));
        // The grid is wholly inside its page (its two-line title once pushed it 14 px under the
        // note below the tabs).
        auto* grid = panel()->findChild<QWidget*>(QStringLiteral("embeddingGrid"));
        QVERIFY(grid != nullptr);
        QCOMPARE(grid->visibleRegion().boundingRect(), grid->rect());
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
