// The Projection panel and the Inspector in the main window, on the demo dataset: the
// projection of focus A fills in by itself (PCA of A); brushing a rectangle selects the stimuli
// whose points lie in it, and the RDM view's selection model and the Inspector's count follow;
// a legend click selects exactly one category; a click on the layer matrix changes what is
// projected; the layer slider moves to another layer's aligned projection; the Inspector's label
// search sets the selection and its neighbours match metrics::nearestNeighbours. Saves a
// screenshot (projection_inspector.png in the working directory) for a look.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QFontMetrics>
#include <QHeaderView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/exploration_views.h"
#include "gui/inspector/inspector_controller.h"
#include "gui/inspector/inspector_panel.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/elided_label.h"
#include "gui/projection/neighbourhood_colouring.h"
#include "gui/main_window.h"
#include "gui/projection/projection_controller.h"
#include "gui/projection/projection_panel.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/tasks/task_runner.h"
#include "repscope/embed/pca.h"
#include "repscope/embed/procrustes.h"
#include "repscope/metrics/knn.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/projection_view.h"
#include "repscope/views/selection_model.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::views::ProjectionView;
using Indices = std::vector<std::size_t>;

namespace {

constexpr int kTimeoutMs = 300000;

using repscope::test::windowImage;

Eigen::MatrixXd pcaOf(const MainWindow& w, std::size_t representation) {
    const repscope::MatrixF x = w.collection().read(w.analysis()->representations()[representation]);
    repscope::embed::PcaOptions o;
    o.components = 2;
    return repscope::embed::computePca(x, o).coordinates;
}

Eigen::MatrixXd shownPoints(ProjectionView* view) {
    return view->points().cast<double>();
}

}  // namespace

class TestProjectionInspector : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        // Its own cache directory: other GUI tests delete or write theirs while this one runs.
        QApplication::setApplicationName(QStringLiteral("repscope-test-projection"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 960);  // within Xvfb's default 1280 × 1024 screen
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openDemo();
    }
    void cleanupTestCase() { w_.reset(); }

    void theProjectionOfAFillsIn() {
        QTRY_VERIFY_WITH_TIMEOUT(projection()->shownRepresentation().has_value() && !w_->isBusy(),
                                 kTimeoutMs);
        QCOMPARE(*projection()->shownRepresentation(), w_->analysis()->focusA());
        QCOMPARE(panel()->method(), repscope::gui::ProjectionMethod::Pca);
        const auto n = static_cast<Eigen::Index>(w_->collection().stimulusCount());
        QCOMPARE(view()->points().rows(), n);
        // What is shown is A's first two principal components.
        const Eigen::MatrixXd expected = pcaOf(*w_, w_->analysis()->focusA());
        const double error = (shownPoints(view()) - expected).cwiseAbs().maxCoeff();
        QVERIFY2(error < 1e-3 * expected.cwiseAbs().maxCoeff(), qPrintable(QString::number(error)));
        // Coloured by the demo's digit column, with a legend of its ten digits.
        QCOMPARE(view()->categoryColumnName(), w_->analysis()->categoryColumn());
        QCOMPARE(view()->legendEntries().size(), std::size_t{10});
        // The slider moves through the layers of A's model: the demo's first representation is
        // the input pixels, a "model" of one layer, so there is nowhere to move yet.
        QCOMPARE(static_cast<std::size_t>(panel()->layerSlider()->maximum() + 1),
                 projection()->layers().size());
        QCOMPARE(panel()->layerSlider()->isEnabled(), projection()->layers().size() > 1);
    }

    void brushingARectangleIsShared() {
        (void)view()->grabFramebuffer();
        const QRectF area = view()->plotArea();
        // The middle of the plot area, well away from the legend.
        const QPoint a = (area.topLeft() + QPointF(area.width() * 0.3, area.height() * 0.35)).toPoint();
        const QPoint b = (area.topLeft() + QPointF(area.width() * 0.6, area.height() * 0.7)).toPoint();
        QTest::mousePress(view(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view(), (a + b) / 2);
        QTest::mouseMove(view(), b);
        QTest::mouseRelease(view(), Qt::LeftButton, {}, b);
        // The stimuli whose points are drawn inside the dragged band.
        const QRectF band = QRectF(QPointF(a), QPointF(b)).normalized();
        Indices expected;
        const auto& points = view()->points();
        for (Eigen::Index i = 0; i < points.rows(); ++i) {
            if (band.contains(view()->toWidget(QPointF(points(i, 0), points(i, 1)))))
                expected.push_back(static_cast<std::size_t>(i));
        }
        QVERIFY(expected.size() > 10);
        QVERIFY(expected.size() < static_cast<std::size_t>(points.rows()));
        QCOMPARE(w_->selectionModel()->selection().indices(), expected);
        // The RDM view draws the same selection; the Inspector counts it.
        QCOMPARE(w_->rdmPanel()->view()->selectionModel(), w_->selectionModel());
        QCOMPARE(w_->rdmPanel()->view()->selectionModel()->selection().indices(), expected);
        QCOMPARE(inspector()->selectedCount(), expected.size());
        QVERIFY2(inspector()->countLabel()->text().contains(QString::number(expected.size())),
                 qPrintable(inspector()->countLabel()->text()));
        QCOMPARE(static_cast<std::size_t>(inspector()->listedLabels().size()), expected.size());
        QCOMPARE(inspector()->listedLabels().front(),
                 QString::fromStdString(w_->collection().stimuli().label(expected.front())));
    }

    void inspectorShowsNeighboursInAAndB() {
        QVERIFY(inspector()->chosenStimulus().has_value());
        QSignalSpy shown(w_->exploration()->inspector(), &repscope::gui::InspectorController::neighboursShown);
        // Choose another selected stimulus: the neighbours follow.
        const Indices selected = w_->selectionModel()->selection().indices();
        const std::size_t chosen = selected[selected.size() / 2];
        inspector()->chooseStimulus(chosen);
        QVERIFY(shown.wait(kTimeoutMs));
        const auto& entries = w_->analysis()->representations();
        const QTableWidget* table = inspector()->neighboursTable();
        QCOMPARE(table->rowCount(), repscope::gui::InspectorController::kNeighbours);
        // Each column says its side and, cut in the middle to fit, its layer; whole as the tooltip.
        const QString sides[2] = {QStringLiteral("A: "), QStringLiteral("B: ")};
        const std::size_t focus[2] = {w_->analysis()->focusA(), w_->analysis()->focusB()};
        for (int c = 0; c < 2; ++c) {
            const QTableWidgetItem* header = table->horizontalHeaderItem(c);
            const QString whole = sides[c] + w_->analysis()->displayName(focus[c]);
            QCOMPARE(header->toolTip(), whole);
            QVERIFY2(header->text().startsWith(sides[c].left(1)), qPrintable(header->text()));
            QVERIFY2(header->text() == whole || header->text().contains(QChar(0x2026)), qPrintable(header->text()));
            QVERIFY(QFontMetrics(table->horizontalHeader()->font()).horizontalAdvance(header->text()) <=
                    table->horizontalHeader()->sectionSize(c));
        }
        int column = 0;
        for (std::size_t rep : {w_->analysis()->focusA(), w_->analysis()->focusB()}) {
            const Eigen::MatrixXd x = w_->collection().read(entries[rep]).cast<double>();
            const auto nn = repscope::metrics::nearestNeighbours(
                x, repscope::gui::InspectorController::kNeighbours);
            for (int r = 0; r < table->rowCount(); ++r) {
                const QString label = QString::fromStdString(w_->collection().stimuli().label(
                    static_cast<std::size_t>(nn(static_cast<Eigen::Index>(chosen), r))));
                QVERIFY2(table->item(r, column)->text().startsWith(label + QStringLiteral("  (")),
                         qPrintable(table->item(r, column)->text() + QStringLiteral(" vs ") + label));
            }
            ++column;
        }
    }

    void legendClickSelectsACategory() {
        const auto entries = view()->legendEntries();
        QVERIFY(entries.size() > 3);
        const std::int32_t code = entries[3].code;
        QTest::mouseClick(view(), Qt::LeftButton, {}, entries[3].rect.center().toPoint());
        const repscope::CategoryColumn* column =
            w_->collection().stimuli().column(w_->analysis()->categoryColumn());
        QVERIFY(column != nullptr);
        Indices expected;
        for (std::size_t i = 0; i < column->codes.size(); ++i) {
            if (column->codes[i] == code) expected.push_back(i);
        }
        QVERIFY(!expected.empty());
        QCOMPARE(w_->selectionModel()->selection().indices(), expected);
        QCOMPARE(inspector()->selectedCount(), expected.size());
        // The breakdown: all of that category, none of the others.
        const QTreeWidget* breakdown = inspector()->breakdown();
        QCOMPARE(breakdown->topLevelItemCount(), static_cast<int>(column->categories.size()));
        for (int c = 0; c < breakdown->topLevelItemCount(); ++c) {
            const QTreeWidgetItem* item = breakdown->topLevelItem(c);
            QCOMPARE(item->text(1), c == code ? QString::number(expected.size()) : QStringLiteral("0"));
        }
    }

    void labelSearchSetsTheSelection() {
        auto* search = w_->findChild<QLineEdit*>(QStringLiteral("inspectorLabelSearch"));
        QVERIFY(search != nullptr);
        const QString text = QStringLiteral("#01");
        search->setFocus();
        search->setText(text);
        QTest::keyClick(search, Qt::Key_Return);
        Indices expected;
        const repscope::Stimuli& stimuli = w_->collection().stimuli();
        for (std::size_t i = 0; i < stimuli.count; ++i) {
            if (stimuli.label(i).find("#01") != std::string::npos) expected.push_back(i);
        }
        QVERIFY(!expected.empty());
        QCOMPARE(w_->selectionModel()->selection().indices(), expected);
        QCOMPARE(inspector()->selectedCount(), expected.size());
        search->clear();
    }

    void aClickOnTheLayerMatrixChangesTheProjection() {
        repscope::views::HeatmapView* matrix = w_->layerMatrixPanel()->view();
        (void)repscope::test::completeFrame(*matrix);
        const std::vector<std::size_t> reps = w_->analysis()->matrixRepresentations();
        // A representation of another model than the one shown, if there is one.
        const std::vector<std::size_t> shownLayers = projection()->layers();
        std::size_t row = reps.size() - 1;
        for (std::size_t r = 0; r < reps.size(); ++r) {
            if (std::find(shownLayers.begin(), shownLayers.end(), reps[r]) == shownLayers.end()) row = r;
        }
        QSignalSpy shown(projection(), &repscope::gui::ProjectionController::projectionShown);
        QTest::mouseClick(matrix, Qt::LeftButton, {},
                          repscope::test::cellCentre(*matrix, static_cast<double>(row), 0.0));
        QCOMPARE(w_->analysis()->focusA(), reps[row]);
        QTRY_VERIFY_WITH_TIMEOUT(projection()->shownRepresentation() == reps[row] && !w_->isBusy(),
                                 kTimeoutMs);
        QVERIFY(panel()->focusLabel()->text().contains(w_->analysis()->displayName(reps[row])));
        // A new model's projection is its own PCA, unaligned.
        const Eigen::MatrixXd expected = pcaOf(*w_, reps[row]);
        QVERIFY((shownPoints(view()) - expected).cwiseAbs().maxCoeff() <
                1e-3 * expected.cwiseAbs().maxCoeff());
        // B on the toggle projects the column's representation.
        auto* b = w_->findChild<QToolButton*>(QStringLiteral("projectionBButton"));
        QVERIFY(b != nullptr && b->isEnabled());
        b->click();
        QTRY_VERIFY_WITH_TIMEOUT(projection()->shownRepresentation() == w_->analysis()->focusB() &&
                                     !w_->isBusy(),
                                 kTimeoutMs);
        w_->findChild<QToolButton*>(QStringLiteral("projectionAButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(projection()->shownRepresentation() == reps[row] && !w_->isBusy(),
                                 kTimeoutMs);
    }

    void theLayerSliderMovesToAnotherLayer() {
        QTRY_VERIFY_WITH_TIMEOUT(projection()->layersAligned() && !w_->isBusy(), kTimeoutMs);
        const std::vector<std::size_t> layers = projection()->layers();
        QVERIFY(layers.size() >= 2);
        QSlider* slider = panel()->layerSlider();
        const int from = slider->value();
        const int to = from + 1 < static_cast<int>(layers.size()) ? from + 1 : from - 1;
        const Eigen::MatrixXd before = shownPoints(view());
        QSignalSpy finished(view(), &ProjectionView::animationFinished);
        slider->setValue(to);  // as a user's drag does
        QCOMPARE(*projection()->shownRepresentation(), layers[static_cast<std::size_t>(to)]);
        QVERIFY(view()->isAnimating());
        QVERIFY(finished.wait(5000));
        const Eigen::MatrixXd after = shownPoints(view());
        // The new layer's PCA, moved by a similarity transform (Procrustes) onto the previous one:
        // the same shape as its PCA, and no farther from the previous layout than its raw PCA.
        const Eigen::MatrixXd raw = pcaOf(*w_, layers[static_cast<std::size_t>(to)]);
        const repscope::embed::ProcrustesResult fit = repscope::embed::alignProcrustes(raw, after);
        QVERIFY2(fit.relativeResidual < 1e-6, qPrintable(QString::number(fit.relativeResidual)));
        QVERIFY((after - before).norm() <= (raw - before).norm() * (1.0 + 1e-6));
        // The slider's label names the layer.
        auto* label = w_->findChild<repscope::gui::ElidedLabel*>(QStringLiteral("projectionLayerLabel"));
        const auto& info = w_->analysis()->representations()[layers[static_cast<std::size_t>(to)]]
                               .representation->info();
        QVERIFY(label != nullptr);
        QCOMPARE(label->fullText(), QString::fromStdString(info.layer));
        // The title names the layer the points are now, not the one the projection began with.
        QVERIFY2(panel()->focusLabel()->text().contains(
                     w_->analysis()->displayName(layers[static_cast<std::size_t>(to)]).toHtmlEscaped()),
                 qPrintable(panel()->focusLabel()->text()));
        slider->setValue(from);
        QVERIFY(finished.wait(5000));
    }

    void otherMethodsProject() {
        auto* combo = w_->findChild<QComboBox*>(QStringLiteral("projectionMethodCombo"));
        QVERIFY(combo != nullptr);
        for (const QString& method : {QStringLiteral("t-SNE"), QStringLiteral("MDS")}) {
            QSignalSpy shown(projection(), &repscope::gui::ProjectionController::projectionShown);
            combo->setCurrentText(method);
            QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1 && !w_->isBusy(), kTimeoutMs);
            const auto& points = view()->points();
            QCOMPARE(points.rows(), static_cast<Eigen::Index>(w_->collection().stimulusCount()));
            QVERIFY(points.allFinite());
            QVERIFY(panel()->note().isEmpty());
        }
        combo->setCurrentText(QStringLiteral("PCA"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && projection()->layersAligned(), kTimeoutMs);
    }

    void screenshot() {
        // A brushed selection, seen in the projection, the RDM and the Inspector.
        (void)view()->grabFramebuffer();
        const QRectF area = view()->plotArea();
        const QPoint a = (area.topLeft() + QPointF(area.width() * 0.15, area.height() * 0.2)).toPoint();
        const QPoint b = (area.topLeft() + QPointF(area.width() * 0.5, area.height() * 0.55)).toPoint();
        QTest::mousePress(view(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view(), b);
        QTest::mouseRelease(view(), Qt::LeftButton, {}, b);
        QVERIFY(!w_->selectionModel()->selection().empty());
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        (void)repscope::test::completeFrame(*w_->layerMatrixPanel()->view());
        (void)repscope::test::completeFrame(*w_->rdmPanel()->view());
        // Hover over a selected point: the card with its thumbnail.
        const std::size_t hovered = w_->selectionModel()->selection().indices().front();
        const auto& points = view()->points();
        const QPoint at = view()->toWidget(QPointF(points(static_cast<Eigen::Index>(hovered), 0),
                                                   points(static_cast<Eigen::Index>(hovered), 1)))
                              .toPoint();
        QTest::mouseMove(view(), at);
        QVERIFY(!view()->tooltipText(at).isEmpty());
        w_->statusBar()->clearMessage();
        QTest::qWait(200);
        const QString path = QDir::current().absoluteFilePath(QStringLiteral("projection_inspector.png"));
        QVERIFY(windowImage(*w_).save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }

    void escapeInTheProjectionClears() {
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Escape);
        QVERIFY(w_->selectionModel()->selection().empty());
        QCOMPARE(inspector()->selectedCount(), std::size_t{0});
    }

    void colourByNeighbourhoodChange() {
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), 300000);
        const auto& entries = w_->analysis()->representations();
        w_->analysis()->setFocusPair(entries.size() - 1, entries.size() - 2);
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), 300000);
        QSignalSpy coloured(w_->exploration()->neighbourhood(), &repscope::gui::NeighbourhoodColouring::coloured);
        auto* combo = w_->findChild<QComboBox*>(QStringLiteral("projectionColourCombo"));
        QVERIFY(combo != nullptr);
        const int entry = combo->findText(QStringLiteral("neighbourhood change A vs B"));
        QVERIFY(entry >= 0);
        combo->setCurrentIndex(entry);
        QTRY_VERIFY_WITH_TIMEOUT(coloured.count() == 1 && !w_->isBusy(), 300000);
        QVERIFY(view()->showsValues());
        QVERIFY(view()->legendEntries().empty());  // a colorbar, not a clickable legend

        // Independently: cosine 10-NN of every stimulus in A and in B (brute force here), the
        // share they have in common. Checked on every 25th stimulus.
        auto normalised = [&](std::size_t rep) {
            Eigen::MatrixXd x = w_->collection().read(entries[rep]).cast<double>();
            x.rowwise().normalize();
            return x;
        };
        const Eigen::MatrixXd a = normalised(w_->analysis()->focusA());
        const Eigen::MatrixXd b = normalised(w_->analysis()->focusB());
        auto neighbours = [](const Eigen::MatrixXd& x, Eigen::Index i) {
            const Eigen::VectorXd s = x * x.row(i).transpose();
            std::vector<Eigen::Index> order;
            for (Eigen::Index j = 0; j < x.rows(); ++j) {
                if (j != i) order.push_back(j);
            }
            std::stable_sort(order.begin(), order.end(), [&](Eigen::Index p, Eigen::Index q) { return s(p) > s(q); });
            order.resize(10);
            std::sort(order.begin(), order.end());
            return order;
        };
        const std::vector<float>& values = view()->pointValues();
        QCOMPARE(static_cast<Eigen::Index>(values.size()), a.rows());
        int checked = 0;
        for (Eigen::Index i = 0; i < a.rows(); i += 25) {
            const auto na = neighbours(a, i);
            const auto nb = neighbours(b, i);
            std::vector<Eigen::Index> common;
            std::set_intersection(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(common));
            QVERIFY2(std::abs(values[static_cast<std::size_t>(i)] - static_cast<float>(common.size()) / 10.0F) < 1e-6F,
                     qPrintable(QStringLiteral("stimulus %1").arg(i)));
            ++checked;
        }
        QVERIFY(checked > 50);
        // For a look: the points coloured by neighbourhood change, with the colorbar.
        QVERIFY(view()->grabFramebuffer().save(QStringLiteral("projection_neighbourhood.png")));
        // Back to the categories.
        combo->setCurrentIndex(combo->findData(QString::fromStdString(w_->analysis()->categoryColumn())));
        QVERIFY(!view()->showsValues());
        QVERIFY(!view()->legendEntries().empty());
    }

    void viewMenuHidesAndShowsThem() {
        QDockWidget* dock = w_->exploration()->inspectorDock();
        QVERIFY(dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(!dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(dock->isVisible());
    }

    // While UMAP computes, the PCA points stay dimmed under a banner and the title says PCA; a
    // cancel puts the chooser back to PCA. If UMAP finishes first, everything says UMAP.
    void titleNamesTheMethodShownAcrossACancel() {
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && view()->hasPoints() && projection()->layersAligned(), kTimeoutMs);
        auto* combo = w_->findChild<QComboBox*>(QStringLiteral("projectionMethodCombo"));
        QVERIFY(combo != nullptr && combo->currentText() == QStringLiteral("PCA"));
        QCOMPARE(panel()->shownMethod(), QStringLiteral("PCA"));
        combo->setCurrentText(QStringLiteral("UMAP"));
        if (w_->isBusy()) {
            QVERIFY(panel()->isPending());
            QVERIFY(panel()->focusLabel()->text().contains(QStringLiteral("· PCA")));
        }
        w_->taskRunner()->cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        QVERIFY(!panel()->isPending());
        QCOMPARE(combo->currentText(), panel()->shownMethod());
        QVERIFY(panel()->focusLabel()->text().endsWith(QStringLiteral("· ") + panel()->shownMethod()));
        QVERIFY2(!panel()->note().contains(QStringLiteral("Cancelled: the projection")), qPrintable(panel()->note()));
        if (panel()->shownMethod() == QStringLiteral("PCA")) {
            // The shown PCA's aligned layers are back: the slider moves through them.
            QVERIFY(projection()->layersAligned());
            QVERIFY(panel()->layerSlider()->isEnabled());
        }
    }

private:
    repscope::gui::ProjectionController* projection() const { return w_->exploration()->projection(); }
    repscope::gui::ProjectionPanel* panel() const { return w_->exploration()->projectionPanel(); }
    repscope::gui::InspectorPanel* inspector() const { return w_->exploration()->inspectorPanel(); }
    ProjectionView* view() const { return panel()->view(); }

    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestProjectionInspector)
#include "test_projection_inspector.moc"
