// File ▸ Export View… and Copy View to Clipboard on the demo: the menu entries and context menus
// exist, the focused heatmap is the one exported, and the pictures (PNG at 2×, SVG, PDF, the
// clipboard's image and SVG) show the view with its current colormap, title and labels. Saves
// the exported RDM (exported_rdm.png in the working directory) for a look.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "figure_checks.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/exploration_views.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/projection3d/projection3d_dock.h"
#include "gui/projection3d/projection3d_panel.h"
#include "gui/projection/projection_panel.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/units/units_dock.h"
#include "gui/units/units_panel.h"
#include "gui/view_export.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/projection_view.h"
#include "repscope/views/scatter3d_view.h"
#include "../../views/src/heatmap_overlay.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::gui::ViewExporter;
using namespace repscope::test;

namespace {

constexpr int kTimeoutMs = 300000;

QAction* fileMenuAction(const MainWindow& w, const QString& objectName) {
    for (QAction* menu : w.menuBar()->actions()) {
        if (menu->menu() == nullptr) continue;
        for (QAction* a : menu->menu()->actions()) {
            if (a->objectName() == objectName) return a;
        }
    }
    return nullptr;
}

}  // namespace

class TestViewExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        // A cache directory of its own: other app tests delete or rewrite theirs.
        QApplication::setApplicationName(QStringLiteral("repscope-test-export"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 820);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openDemo();
        QTRY_VERIFY_WITH_TIMEOUT(w_->layerMatrixPanel()->view()->source() != nullptr, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(w_->rdmPanel()->view()->source() != nullptr && !w_->isBusy(), kTimeoutMs);
        exporter_ = w_->findChild<ViewExporter*>(QStringLiteral("viewExporter"));
        QVERIFY(exporter_ != nullptr);
    }
    void cleanupTestCase() { w_.reset(); }

    void menuAndContextMenus() {
        QAction* exportAction = fileMenuAction(*w_, QStringLiteral("exportViewAction"));
        QVERIFY(exportAction != nullptr);
        QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QVERIFY(fileMenuAction(*w_, QStringLiteral("copyViewAction")) != nullptr);
        QCOMPARE(w_->layerMatrixPanel()->view()->contextMenuPolicy(), Qt::CustomContextMenu);
        QCOMPARE(w_->rdmPanel()->view()->contextMenuPolicy(), Qt::CustomContextMenu);
    }

    void theFocusedViewIsTheTarget() {
        w_->activateWindow();
        w_->layerMatrixPanel()->view()->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(exporter_->target(), ViewExporter::Target::LayerMatrix);
        w_->rdmPanel()->view()->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(exporter_->target(), ViewExporter::Target::Rdm);
    }

    void rdmAsPngWithTheViewsColormap() {
        auto* colours = w_->rdmPanel()->findChild<QComboBox*>(QStringLiteral("rdmColormapCombo"));
        QVERIFY(colours != nullptr);
        colours->setCurrentIndex(colours->findText(QStringLiteral("magma")));
        QCOMPARE(w_->rdmPanel()->view()->colorScale().colormap, repscope::views::Colormap::Magma);
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rdm.png"));
        const QString error = exporter_->exportTo(ViewExporter::Target::Rdm, path, 2);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage img(path);
        img.save(QDir::current().filePath(QStringLiteral("exported_rdm.png")));  // for a look
        QCOMPARE(img.size(), ViewExporter::kFigureSize * 2);
        QVERIFY(inkFraction(img) > 0.3);
        QVERIFY(distinctColours(img) >= 100);
        const auto& magma = repscope::views::colormapTable(repscope::views::Colormap::Magma);
        const auto& viridis = repscope::views::colormapTable(repscope::views::Colormap::Viridis);
        QVERIFY(pixelsNear(img, magma[0], 2) > 0 && pixelsNear(img, magma[255], 2) > 0);
        QCOMPARE(pixelsNear(img, viridis[255], 1), 0);  // viridis's yellow end is in no magma picture
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{"rdm.png"});
    }

    void projectionAsPngInItsCategoryColours() {
        QTRY_VERIFY_WITH_TIMEOUT(w_->exploration()->projectionPanel()->view()->hasPoints() && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(w_->exploration()->projectionPanel()->view()->contextMenuPolicy(), Qt::CustomContextMenu);
        w_->activateWindow();
        w_->exploration()->projectionPanel()->view()->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(exporter_->target(), ViewExporter::Target::Projection);
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("projection.png"));
        const QString error = exporter_->exportTo(ViewExporter::Target::Projection, path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage img(path);
        img.save(QDir::current().filePath(QStringLiteral("exported_projection.png")));  // for a look
        QCOMPARE(img.size(), ViewExporter::kFigureSize);
        // The demo's ten digits: each category's palette colour is on the picture.
        for (std::int32_t code = 0; code < 10; ++code) {
            const QColor c = repscope::views::detail::categoryColour(code);
            const std::array<std::uint8_t, 3> rgb{static_cast<std::uint8_t>(c.red()), static_cast<std::uint8_t>(c.green()),
                                                  static_cast<std::uint8_t>(c.blue())};
            QVERIFY2(pixelsNear(img, rgb, 2) > 0, qPrintable(QStringLiteral("category %1").arg(code)));
        }
    }

    void unitsAsSvg() {
        QVERIFY(!exporter_->figureOf(ViewExporter::Target::Units).has_value());  // nothing shown yet
        // Ctrl+E with the hidden Units dock last focused exports a visible view instead.
        const ViewExporter::Target before = exporter_->target();
        exporter_->setTarget(ViewExporter::Target::Units);
        QCOMPARE(exporter_->effectiveTarget(), ViewExporter::Target::Rdm);
        w_->units()->dock()->show();
        QTRY_COMPARE(exporter_->effectiveTarget(), ViewExporter::Target::Units);
        exporter_->setTarget(before);
        QTRY_VERIFY_WITH_TIMEOUT(w_->units()->panel()->view()->source() != nullptr && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(w_->units()->panel()->view()->contextMenuPolicy(), Qt::CustomContextMenu);
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("units.svg"));
        const QString error = exporter_->exportTo(ViewExporter::Target::Units, path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY(svg.contains("<svg") && svg.contains("<image"));
        QVERIFY(svg.contains("Unit matching"));
        QVERIFY(svg.contains("units of A") && svg.contains("units of B"));
    }

    void threeDViewAsPngAndSvg() {
        QVERIFY(!exporter_->figureOf(ViewExporter::Target::ThreeD).has_value());  // hidden: nothing
        // Side docks share one tab group (so the window fits 1280 px): room for a 3-D view whose
        // export is more than a narrow column.
        w_->resize(1600, 900);
        w_->projection3d()->dock()->show();
        repscope::views::Scatter3DView* view = w_->projection3d()->panel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->hasPoints() && !w_->isBusy(), kTimeoutMs);
        QCOMPARE(view->contextMenuPolicy(), Qt::CustomContextMenu);
        const QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("scene.png"));
        QString error = exporter_->exportTo(ViewExporter::Target::ThreeD, png);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage img(png);
        img.save(QDir::current().filePath(QStringLiteral("exported_3d.png")));  // for a look
        QCOMPARE(img.size(), ViewExporter::kFigureSize);
        QVERIFY(inkFraction(img) > 0.05);
        QVERIFY(distinctColours(img) >= 20);
        const QString svgPath = dir.filePath(QStringLiteral("scene.svg"));
        error = exporter_->exportTo(ViewExporter::Target::ThreeD, svgPath);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile file(svgPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY(svg.contains("<svg") && svg.contains("<image") && svg.contains("3-D"));
        w_->projection3d()->dock()->hide();
    }

    void layerMatrixAsSvgWithLabels() {
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("matrix.svg"));
        const QString error = exporter_->exportTo(ViewExporter::Target::LayerMatrix, path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const SvgSummary s = summariseSvg(file.readAll());
        QVERIFY2(s.wellFormed, qPrintable(s.error));
        QCOMPARE(s.root, QStringLiteral("svg"));
        QCOMPARE(s.images, 1);
        QVERIFY(s.allText.contains(QStringLiteral("Layer matrix: cka_linear")));
        // Every representation of the matrix is named along the axes.
        for (std::size_t index : w_->analysis()->matrixRepresentations()) {
            const QString name = w_->analysis()->displayName(index);
            QVERIFY2(s.allText.count(name) >= 2, qPrintable(name));
        }
    }

    void rdmAsPdf() {
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rdm.pdf"));
        const QString error = exporter_->exportTo(ViewExporter::Target::Rdm, path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage page = renderPdfPage(path, 72);
        QVERIFY2(!page.isNull(), "pdftoppm could not render the PDF");
        QVERIFY(std::abs(page.width() - ViewExporter::kFigureSize.width()) <= 1);
        QVERIFY(inkFraction(page) > 0.3);
        QVERIFY(distinctColours(page) >= 50);
    }

    void unwritableDestinationSaysWhy() {
        const QString error = exporter_->exportTo(ViewExporter::Target::Rdm, QStringLiteral("/no/such/dir/x.png"));
        QVERIFY(error.contains(QStringLiteral("/no/such/dir/x.png")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/no/such/dir/x.png")));
    }

    void copyToClipboard() {
        const QString error = exporter_->copyToClipboard(ViewExporter::Target::LayerMatrix);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime != nullptr);
        QVERIFY(mime->hasImage());
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        QCOMPARE(image.size(), ViewExporter::kFigureSize * 2);
        QVERIFY(inkFraction(image) > 0.2);
        const SvgSummary s = summariseSvg(mime->data(QStringLiteral("image/svg+xml")));
        QVERIFY2(s.wellFormed && s.root == QStringLiteral("svg"), qPrintable(s.error));
    }

private:
    std::unique_ptr<MainWindow> w_;
    ViewExporter* exporter_ = nullptr;
};

QTEST_MAIN(TestViewExport)
#include "test_view_export.moc"
