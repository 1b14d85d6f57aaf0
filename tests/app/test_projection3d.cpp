// The 3-D view in the main window, on the demo dataset: hidden at first it computes nothing;
// shown from the View menu it projects focus A in 3-D (A's first three principal components);
// three selected stimuli get trajectories through the model's layers at the 3-D PCA of each
// layer chained onto its neighbour by Procrustes, as computed here independently; a click at
// the screen position of a stimulus (VTK's camera transform) selects it in the window's shared
// selection, which the 2-D projection shows too; B on the toggle and another method project
// again. Saves a screenshot (projection3d.png in the working directory) for a look.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <algorithm>
#include <cmath>

#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkIdList.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

#include "../views/heatmap_test_helpers.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/projection3d/projection3d_controller.h"
#include "gui/projection3d/projection3d_dock.h"
#include "gui/projection3d/projection3d_panel.h"
#include "gui/projection/projection_tasks.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/exploration_views.h"
#include "gui/projection/projection_panel.h"
#include "repscope/embed/pca.h"
#include "repscope/embed/procrustes.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/projection_view.h"
#include "repscope/views/scatter3d_view.h"
#include "repscope/views/selection_model.h"

using repscope::gui::MainWindow;
using repscope::views::Scatter3DView;
using Indices = std::vector<std::size_t>;

namespace {

constexpr int kTimeoutMs = 300000;

using repscope::test::windowImage;

Eigen::MatrixXd pca3Of(const MainWindow& w, std::size_t representation) {
    const repscope::MatrixF x = w.collection().read(w.analysis()->representations()[representation]);
    repscope::embed::PcaOptions o;
    o.components = 3;
    return repscope::embed::computePca(x, o).coordinates;
}

double relativeError(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want) {
    return (got - want).cwiseAbs().maxCoeff() / want.cwiseAbs().maxCoeff();
}

QAction* menuAction(QMainWindow& w, const QString& text) {
    for (QAction* menu : w.menuBar()->actions()) {
        if (menu->menu() == nullptr) continue;
        for (QAction* a : menu->menu()->actions()) {
            if (a->text() == text) return a;
        }
    }
    return nullptr;
}

}  // namespace

class TestProjection3D : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        // Its own cache directory: other GUI tests delete or write theirs while this one runs.
        QApplication::setApplicationName(QStringLiteral("repscope-test-projection3d"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 960);  // within Xvfb's default 1280 × 1024 screen
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openDemo();
    }
    void cleanupTestCase() { w_.reset(); }

    void hiddenItComputesNothing() {
        QTRY_VERIFY_WITH_TIMEOUT(!w_->analysis()->representations().empty() && !w_->isBusy(),
                                 kTimeoutMs);
        QVERIFY(!dock()->isVisible());
        QVERIFY(!controller()->isActive());
        QVERIFY(!controller()->shownRepresentation().has_value());
        QVERIFY(!view()->hasPoints());
    }

    void theViewMenuShowsItAndAIsProjected() {
        QAction* toggle = menuAction(*w_, QStringLiteral("&3-D View"));
        QVERIFY(toggle != nullptr);
        toggle->trigger();
        QVERIFY(dock()->isVisible());
        w_->resizeDocks({dock()}, {460}, Qt::Horizontal);
        QTRY_VERIFY_WITH_TIMEOUT(controller()->shownRepresentation().has_value() && !w_->isBusy(),
                                 kTimeoutMs);
        const std::size_t a = w_->analysis()->focusA();
        QCOMPARE(*controller()->shownRepresentation(), a);
        QCOMPARE(view()->points().rows(),
                 static_cast<Eigen::Index>(w_->collection().stimulusCount()));
        // A's first three principal components, unmoved by the alignment (A is the anchor).
        const Eigen::MatrixXd expected = pca3Of(*w_, a);
        const double error = relativeError(view()->points().cast<double>(), expected);
        QVERIFY2(error < 1e-4, qPrintable(QString::number(error)));
        // Coloured by the analysis' category column; the demo's first focus is the pixels, a
        // model of one layer: no trajectories, and the panel says so.
        QCOMPARE(view()->categoryColumnName(), w_->analysis()->categoryColumn());
        QCOMPARE(controller()->layers(),
                 repscope::gui::layersOfModel(w_->analysis()->representations(), a));
        if (controller()->layers().size() == 1) {
            QVERIFY(view()->layers().empty());
            QVERIFY2(panel()->note().contains(QStringLiteral("One layer")), qPrintable(panel()->note()));
        }
    }

    void aLayerOfANetworkProjectsWithItsModelsLayers() {
        // A middle layer of a model with several: the trajectories' layers.
        const auto& entries = w_->analysis()->representations();
        std::optional<std::size_t> rep;
        for (std::size_t i = 0; i < entries.size() && !rep; ++i) {
            const Indices layers = repscope::gui::layersOfModel(entries, i);
            if (layers.size() >= 3) rep = layers[1];
        }
        QVERIFY(rep.has_value());
        w_->analysis()->setFocusPair(*rep, w_->analysis()->focusB());
        QTRY_VERIFY_WITH_TIMEOUT(controller()->shownRepresentation() == rep && !w_->isBusy(),
                                 kTimeoutMs);
        const double error = relativeError(view()->points().cast<double>(), pca3Of(*w_, *rep));
        QVERIFY2(error < 1e-4, qPrintable(QString::number(error)));
        QCOMPARE(controller()->layers(), repscope::gui::layersOfModel(entries, *rep));
        QCOMPARE(view()->layers().size(), controller()->layers().size());
        QVERIFY(panel()->note().isEmpty());
    }

    void threeSelectedStimuliHaveTrajectories() {
        const Indices chosen{7, 400, 1234};
        w_->selectionModel()->select(chosen);
        QCOMPARE(view()->trajectoryStimuli(), chosen);
        // Independently: each layer's 3-D PCA, chained by Procrustes out from A's layer.
        const Indices layers = controller()->layers();
        const auto anchor = static_cast<std::size_t>(
            std::find(layers.begin(), layers.end(), w_->analysis()->focusA()) - layers.begin());
        std::vector<Eigen::MatrixXd> aligned(layers.size());
        aligned[anchor] = pca3Of(*w_, layers[anchor]);
        for (std::size_t p = anchor + 1; p < layers.size(); ++p)
            aligned[p] = repscope::embed::alignProcrustes(pca3Of(*w_, layers[p]), aligned[p - 1]).aligned;
        for (std::size_t p = anchor; p-- > 0;)
            aligned[p] = repscope::embed::alignProcrustes(pca3Of(*w_, layers[p]), aligned[p + 1]).aligned;

        vtkPolyData* data = view()->trajectoryData();
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{3});
        vtkNew<vtkIdList> ids;
        for (vtkIdType line = 0; line < 3; ++line) {
            data->GetLines()->GetCellAtId(line, ids);
            QCOMPARE(ids->GetNumberOfIds(), static_cast<vtkIdType>(layers.size()));
            const auto row = static_cast<Eigen::Index>(chosen[static_cast<std::size_t>(line)]);
            for (std::size_t p = 0; p < layers.size(); ++p) {
                double xyz[3];
                data->GetPoint(ids->GetId(static_cast<vtkIdType>(p)), xyz);
                const double scale = aligned[p].cwiseAbs().maxCoeff();
                for (int axis = 0; axis < 3; ++axis) {
                    QVERIFY2(std::abs(xyz[axis] - aligned[p](row, axis)) < 1e-4 * scale,
                             qPrintable(QStringLiteral("stimulus %1 layer %2 axis %3: %4 vs %5")
                                            .arg(row).arg(p).arg(axis)
                                            .arg(xyz[axis]).arg(aligned[p](row, axis))));
                }
            }
        }
        // The toggle hides them.
        panel()->trajectoriesButton()->click();
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{0});
        panel()->trajectoriesButton()->click();
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{3});
    }

    void aClickSelectsTheStimulusUnderIt() {
        w_->selectionModel()->clear();
        (void)view()->grabFramebuffer();  // current size and camera
        // Where VTK's camera puts each point, in widget pixels.
        const auto& points = view()->points();
        vtkNew<vtkCoordinate> coordinate;
        coordinate->SetCoordinateSystemToWorld();
        const double dpr = view()->devicePixelRatioF();
        std::vector<QPointF> at(static_cast<std::size_t>(points.rows()));
        for (Eigen::Index i = 0; i < points.rows(); ++i) {
            coordinate->SetValue(points(i, 0), points(i, 1), points(i, 2));
            const double* d = coordinate->GetComputedDoubleDisplayValue(view()->renderer());
            at[static_cast<std::size_t>(i)] = QPointF(d[0] / dpr, view()->height() - d[1] / dpr);
        }
        // A stimulus with no other point near it on screen.
        const QRectF inner = QRectF(view()->rect()).adjusted(10, 10, -10, -10);
        const double clearance = 1.5 * view()->pointSize();
        std::optional<std::size_t> target;
        for (std::size_t i = 0; i < at.size() && !target; ++i) {
            if (!inner.contains(at[i])) continue;
            bool alone = true;
            for (std::size_t j = 0; j < at.size() && alone; ++j)
                alone = j == i || QLineF(at[i], at[j]).length() >= clearance;
            if (alone) target = i;
        }
        QVERIFY(target.has_value());
        QTest::mouseClick(view(), Qt::LeftButton, {}, at[*target].toPoint());
        QCOMPARE(w_->selectionModel()->selection().indices(), Indices{*target});
        // Shared: the 2-D projection and the RDM see the same selection.
        auto* projection2d = w_->exploration()->projectionPanel()->view();
        QCOMPARE(projection2d->selectionModel()->selection().indices(), Indices{*target});
        QCOMPARE(w_->rdmPanel()->view()->selectionModel(), w_->selectionModel());
    }

    void bAndAnotherMethodProjectAgain() {
        auto* b = w_->findChild<QToolButton*>(QStringLiteral("projection3dBButton"));
        QVERIFY(b != nullptr && b->isEnabled());
        b->click();
        QTRY_VERIFY_WITH_TIMEOUT(controller()->shownRepresentation() == w_->analysis()->focusB() &&
                                     !w_->isBusy(),
                                 kTimeoutMs);
        const double error =
            relativeError(view()->points().cast<double>(), pca3Of(*w_, w_->analysis()->focusB()));
        QVERIFY2(error < 1e-4, qPrintable(QString::number(error)));
        w_->findChild<QToolButton*>(QStringLiteral("projection3dAButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(controller()->shownRepresentation() == w_->analysis()->focusA() &&
                                     !w_->isBusy(),
                                 kTimeoutMs);

        auto* combo = w_->findChild<QComboBox*>(QStringLiteral("projection3dMethodCombo"));
        QVERIFY(combo != nullptr);
        QSignalSpy shown(controller(), &repscope::gui::Projection3DController::projectionShown);
        combo->setCurrentText(QStringLiteral("MDS"));
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(view()->points().rows(),
                 static_cast<Eigen::Index>(w_->collection().stimulusCount()));
        QVERIFY(view()->points().allFinite());
        QVERIFY(panel()->note().isEmpty());
        combo->setCurrentText(QStringLiteral("PCA"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && controller()->alignedLayers().size() >= 2,
                                 kTimeoutMs);
    }

    // A prefix of focus A (chosen in the Embedding checks view) is what side A shows, as in the
    // 2-D projection: PCA of X[:, :d] alone, without the other layers' trajectories; and the
    // whole of A again when the prefix is cleared.
    void aPrefixOfAIsProjectedAlone() {
        const std::size_t a = w_->analysis()->focusA();
        const repscope::MatrixF x = w_->collection().read(w_->analysis()->representations()[a]);
        const int d = 5;
        QVERIFY(d < x.cols());
        QSignalSpy shown(controller(), &repscope::gui::Projection3DController::projectionShown);
        w_->analysis()->setPrefix(d);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        repscope::embed::PcaOptions o;
        o.components = 3;
        const Eigen::MatrixXd expected = repscope::embed::computePca(repscope::MatrixF(x.leftCols(d)), o).coordinates;
        const double error = relativeError(view()->points().cast<double>(), expected);
        QVERIFY2(error < 1e-4, qPrintable(QString::number(error)));
        QVERIFY(view()->layers().empty());
        QVERIFY2(panel()->note().contains(QStringLiteral("first %1 dimensions").arg(d)), qPrintable(panel()->note()));
        shown.clear();
        w_->analysis()->setPrefix(0);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        QVERIFY2(relativeError(view()->points().cast<double>(), pca3Of(*w_, a)) < 1e-4, "not all of A again");
    }

    void screenshot() {
        // Twelve stimuli of each of two digits, with their trajectories.
        const repscope::CategoryColumn* column =
            w_->collection().stimuli().column(w_->analysis()->categoryColumn());
        QVERIFY(column != nullptr);
        Indices chosen;
        int counts[2] = {0, 0};
        for (std::size_t i = 0; i < column->codes.size(); ++i) {
            const int code = column->codes[i];
            const int slot = code == 0 ? 0 : code == 7 ? 1 : -1;
            if (slot >= 0 && counts[slot] < 12) {
                chosen.push_back(i);
                ++counts[slot];
            }
        }
        w_->selectionModel()->select(chosen);
        QCOMPARE(view()->trajectoryStimuli().size(), chosen.size());
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy(), kTimeoutMs);
        (void)repscope::test::completeFrame(*w_->layerMatrixPanel()->view());
        (void)repscope::test::completeFrame(*w_->rdmPanel()->view());
        w_->statusBar()->clearMessage();
        QTest::qWait(200);
        const QString path = QDir::current().absoluteFilePath(QStringLiteral("projection3d.png"));
        QVERIFY(windowImage(*w_).save(path));
        const QString viewPath = QDir::current().absoluteFilePath(QStringLiteral("projection3d_view.png"));
        QVERIFY(view()->grabFramebuffer().save(viewPath));
        qInfo("screenshots: %s %s", qPrintable(path), qPrintable(viewPath));
    }

    void theViewMenuHidesIt() {
        QAction* toggle = menuAction(*w_, QStringLiteral("&3-D View"));
        toggle->trigger();
        QVERIFY(!dock()->isVisible());
        QVERIFY(!controller()->isActive());
    }

private:
    repscope::gui::Projection3DController* controller() const {
        return w_->projection3d()->controller();
    }
    repscope::gui::Projection3DPanel* panel() const { return w_->projection3d()->panel(); }
    QDockWidget* dock() const { return w_->projection3d()->dock(); }
    Scatter3DView* view() const { return panel()->view(); }

    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestProjection3D)
#include "test_projection3d.moc"
