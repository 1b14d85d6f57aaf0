#include "gui/view_export.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>

#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/analysis/rdm_panel.h"
#include "repscope/error.h"
#include "repscope/metrics/registry.h"
#include "gui/projection3d/projection3d_panel.h"
#include "gui/projection/projection_panel.h"
#include "gui/projection/projection_tasks.h"
#include "gui/alignment/alignment_panel.h"
#include "gui/embedding/embedding_panel.h"
#include "repscope/views/chart_view.h"
#include "gui/units/units_panel.h"
#include "repscope/views/figure_file.h"
#include "repscope/views/projection_view.h"
#include "repscope/views/scatter3d_view.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {
namespace {

// "RDM of mlp/hidden1" → "RDM-of-mlp-hidden1": a file name suggestion.
QString fileStem(const QString& title) {
    QString stem = title;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    return stem.isEmpty() ? QStringLiteral("view") : stem;
}

}  // namespace

ViewExporter::ViewExporter(LayerMatrixPanel* matrix, RdmPanel* rdm, AnalysisController* analysis,
                           QWidget* window)
    : QObject(window), matrix_(matrix), rdm_(rdm), analysis_(analysis), window_(window),
      export_(new QAction(tr("&Export View…"), this)),
      copy_(new QAction(tr("&Copy View to Clipboard"), this)) {
    setObjectName(QStringLiteral("viewExporter"));
    export_->setObjectName(QStringLiteral("exportViewAction"));
    export_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    export_->setToolTip(tr("Save a picture of the focused view as PNG, SVG or PDF"));
    copy_->setObjectName(QStringLiteral("copyViewAction"));
    copy_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(export_, &QAction::triggered, this, [this] { exportInteractively(effectiveTarget()); });
    connect(copy_, &QAction::triggered, this, [this] { copyInteractively(effectiveTarget()); });

    hookContextMenu(matrix_->view(), Target::LayerMatrix);
    hookContextMenu(rdm_->view(), Target::Rdm);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (now == nullptr) return;
        if (now == matrix_ || matrix_->isAncestorOf(now)) target_ = Target::LayerMatrix;
        if (now == rdm_ || rdm_->isAncestorOf(now)) target_ = Target::Rdm;
        if (projection_ != nullptr && (now == projection_ || projection_->isAncestorOf(now))) target_ = Target::Projection;
        if (units_ != nullptr && (now == units_ || units_->isAncestorOf(now))) target_ = Target::Units;
        if (threeD_ != nullptr && (now == threeD_ || threeD_->isAncestorOf(now))) target_ = Target::ThreeD;
        if (alignment_ != nullptr && (now == alignment_ || alignment_->isAncestorOf(now))) target_ = Target::Alignment;
        if (embedding_ != nullptr && (now == embedding_ || embedding_->isAncestorOf(now))) target_ = Target::Embedding;
    });
}

ViewExporter::Target ViewExporter::effectiveTarget() const {
    const auto visible = [this](Target t) {
        const QWidget* panel = nullptr;
        switch (t) {
            case Target::LayerMatrix: panel = matrix_; break;
            case Target::Rdm: panel = rdm_; break;
            case Target::Projection: panel = projection_; break;
            case Target::Units: panel = units_; break;
            case Target::ThreeD: panel = threeD_; break;
            case Target::Alignment: panel = alignment_; break;
            case Target::Embedding: panel = embedding_; break;
        }
        return panel != nullptr && panel->isVisible();
    };
    if (visible(target_)) return target_;
    for (Target t : {Target::Rdm, Target::LayerMatrix, Target::Projection, Target::Units, Target::ThreeD,
                     Target::Alignment, Target::Embedding}) {
        if (visible(t)) return t;
    }
    return target_;
}

void ViewExporter::hookContextMenu(QWidget* view, Target target) {
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this,
            [this, view, target](const QPoint& pos) { showContextMenu(target, view, pos); });
}

void ViewExporter::addPanels(ProjectionPanel* projection, UnitsPanel* units, Projection3DPanel* threeD) {
    projection_ = projection;
    units_ = units;
    threeD_ = threeD;
    if (projection_ != nullptr) hookContextMenu(projection_->view(), Target::Projection);
    if (units_ != nullptr) hookContextMenu(units_->view(), Target::Units);
    if (threeD_ != nullptr) hookContextMenu(threeD_->view(), Target::ThreeD);
}

void ViewExporter::addAlignment(AlignmentPanel* alignment) {
    alignment_ = alignment;
    if (alignment_ == nullptr) return;
    hookContextMenu(alignment_->barsView(), Target::Alignment);
    hookContextMenu(alignment_->profileView(), Target::Alignment);
}

void ViewExporter::addEmbedding(EmbeddingPanel* embedding) {
    embedding_ = embedding;
    if (embedding_ == nullptr) return;
    hookContextMenu(embedding_->prefixView(), Target::Embedding);
    hookContextMenu(embedding_->spectrumView(), Target::Embedding);
}

std::optional<views::Figure> ViewExporter::otherFigureOf(Target target) const {
    if (target == Target::Alignment) return alignment_ != nullptr ? alignment_->figure() : std::nullopt;
    if (target == Target::Embedding) return embedding_ != nullptr ? embedding_->figure() : std::nullopt;
    views::Figure f;
    if (target == Target::ThreeD) {
        // The frame as the camera shows it now: a 3-D scene has no vector form here.
        if (threeD_ == nullptr || !threeD_->view()->hasPoints() || !threeD_->isVisible()) return std::nullopt;
        views::Scatter3DView& view = *threeD_->view();
        const QString method = QString::fromStdString(projectionMethodName(threeD_->method()));
        const std::size_t shown = threeD_->side() == FocusSide::A ? analysis_->focusA() : analysis_->focusB();
        f.title = tr("3-D %1 of %2").arg(method, analysis_->displayName(shown));
        f.subtitle = tr("%1 stimuli").arg(view.points().rows());
        if (view.trajectoriesVisible() && !view.trajectoryStimuli().empty()) {
            f.subtitle += tr(" · trajectories of %1 stimuli through %2 layers")
                              .arg(view.trajectoryStimuli().size())
                              .arg(view.layers().size());
        }
        f.content = views::ImageContent{view.grabFramebuffer()};
        return f;
    }
    if (target == Target::Projection) {
        if (projection_ == nullptr || !projection_->view()->hasPoints()) return std::nullopt;
        const views::ProjectionView& view = *projection_->view();
        views::ScatterContent content;
        content.points = view.points().cast<double>();
        content.stimuli = view.stimuli();
        content.categoryColumn = view.categoryColumnName();
        const QString method = QString::fromStdString(projectionMethodName(projection_->method()));
        content.xTitle = tr("%1 1").arg(method);
        content.yTitle = tr("%1 2").arg(method);
        const std::size_t shown = projection_->side() == FocusSide::A ? analysis_->focusA() : analysis_->focusB();
        f.title = tr("%1 of %2").arg(method, analysis_->displayName(shown));
        f.subtitle = tr("%1 stimuli").arg(content.points.rows());
        if (!content.categoryColumn.empty()) {
            f.subtitle += tr(" · coloured by %1").arg(QString::fromStdString(content.categoryColumn));
        }
        f.content = std::move(content);
        return f;
    }
    if (units_ == nullptr || !units_->view()->source()) return std::nullopt;
    const views::HeatmapView& view = *units_->view();
    views::HeatmapContent content;
    content.source = view.source();
    content.scale = view.colorScale();
    content.valueName = tr("unit correlation");
    content.rowAxisTitle = tr("units of A");
    content.colAxisTitle = tr("units of B");
    f.title = tr("Unit matching: %1 vs %2").arg(analysis_->displayName(analysis_->focusA()),
                                                analysis_->displayName(analysis_->focusB()));
    f.subtitle = tr("%1 × %2 units, matched pairs on the diagonal")
                     .arg(content.source->rows())
                     .arg(content.source->cols());
    f.content = std::move(content);
    return f;
}

std::optional<views::Figure> ViewExporter::figureOf(Target target) const {
    if (target == Target::Projection || target == Target::Units || target == Target::ThreeD ||
        target == Target::Alignment || target == Target::Embedding) {
        return otherFigureOf(target);
    }
    views::HeatmapView* view = target == Target::Rdm ? rdm_->view() : matrix_->view();
    if (!view->source()) return std::nullopt;
    views::HeatmapContent content;
    content.source = view->source();
    // The colours the view shows: its range, whichever mode found it.
    content.scale = view->effectiveColorScale();
    content.scale.autoRange = false;
    content.rowStimuli = view->stimuli();
    content.categoryColumn = view->categoryColumnName();
    const auto rows = static_cast<qint64>(content.source->rows());
    views::Figure f;
    if (target == Target::Rdm) {
        const std::size_t shown = rdm_->side() == FocusSide::A ? analysis_->focusA() : analysis_->focusB();
        const QString measure = QString::fromStdString(content.source->valueName());
        content.valueName = measure;
        content.rowAxisTitle = content.colAxisTitle = tr("%1 stimuli").arg(rows);
        // The T side shows the alignment target, not a representation of the focus pair.
        f.title = rdm_->targetShown() ? tr("RDM of the target %1").arg(rdm_->targetName())
                                      : tr("RDM of %1").arg(analysis_->displayName(shown));
        if (!rdm_->targetShown() && rdm_->side() == FocusSide::A && analysis_->prefix() > 0 &&
            static_cast<std::size_t>(analysis_->prefix()) <
                analysis_->representations()[shown].representation->info().d) {
            f.title += tr(" (first %1 dimensions)").arg(analysis_->prefix());
        }
        f.subtitle = tr("%1 · %2 stimuli · %3").arg(measure).arg(rows).arg(rdm_->orderingText());
        if (view->rangeMode() == views::RangeMode::FitToView && view->colorScale().autoRange) {
            f.subtitle += tr(" · colours fitted to the zoomed view");
        }
    } else {
        // The values' own metric, not the chooser's: they differ while a new one computes.
        const QString metric = QString::fromStdString(content.source->measureName());
        const metrics::MetricInfo* info = metrics::findMetric(metric.toStdString());
        content.annotateCells = true;
        f.title = tr("Layer matrix: %1").arg(metric);
        f.subtitle = tr("%1 representations").arg(rows);
        if (const std::size_t dropped = matrix_->droppedStimuli(); dropped > 0) {
            f.subtitle += tr(" · %1 stimuli with NaN/Inf left out").arg(dropped);
        }
        if (info != nullptr) f.subtitle += QStringLiteral(" · ") + QString::fromStdString(info->description);
    }
    f.content = std::move(content);
    return f;
}

QString ViewExporter::exportTo(Target target, const QString& path, int pngScale) const {
    const std::optional<views::Figure> figure = figureOf(target);
    if (!figure) return tr("Nothing to export: the view shows nothing yet.");
    try {
        views::writeFigure(*figure, path, kFigureSize, pngScale);
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return tr("%1 could not be written: %2.").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what()));
    }
    return {};
}

QString ViewExporter::copyToClipboard(Target target) const {
    const std::optional<views::Figure> figure = figureOf(target);
    if (!figure) return tr("Nothing to copy: the view shows nothing yet.");
    try {
        auto mime = std::make_unique<QMimeData>();
        QImage image = views::renderFigureImage(*figure, kFigureSize, 2);
        image.setDevicePixelRatio(2.0);
        mime->setImageData(image);
        mime->setData(QStringLiteral("image/svg+xml"),
                      views::figureBytes(*figure, views::FigureFormat::Svg, kFigureSize));
        QGuiApplication::clipboard()->setMimeData(mime.release());  // the clipboard owns it
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void ViewExporter::exportInteractively(Target target) {
    const std::optional<views::Figure> figure = figureOf(target);
    if (!figure) {
        emit message(tr("Nothing to export: the view shows nothing yet."));
        return;
    }
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastExportDir"), QDir::homePath()).toString();
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG drawing (*.svg)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(
        window_, tr("Export View"), QDir(dir).filePath(fileStem(figure->title) + QStringLiteral(".png")),
        QStringList{png, svg, pdf}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return;
    if (!views::figureFormatOf(path)) {
        path += filter == svg ? QStringLiteral(".svg") : filter == pdf ? QStringLiteral(".pdf") : QStringLiteral(".png");
    }
    settings.setValue(QStringLiteral("lastExportDir"), QFileInfo(path).absolutePath());
    int scale = 1;
    if (views::figureFormatOf(path) == views::FigureFormat::Png) {
        const QStringList choices{tr("1× (%1 × %2 pixels)").arg(kFigureSize.width()).arg(kFigureSize.height()),
                                  tr("2× (%1 × %2 pixels)").arg(2 * kFigureSize.width()).arg(2 * kFigureSize.height()),
                                  tr("4× (%1 × %2 pixels)").arg(4 * kFigureSize.width()).arg(4 * kFigureSize.height())};
        bool ok = false;
        const QString choice = QInputDialog::getItem(window_, tr("Export View"), tr("PNG scale:"),
                                                     choices, 1, false, &ok);
        if (!ok) return;
        scale = 1 << choices.indexOf(choice);
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString error = exportTo(target, path, scale);
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty()) {
        QMessageBox::warning(window_, tr("Export View"), error);
        emit message(error);
        return;
    }
    emit message(tr("Wrote %1.").arg(QDir::toNativeSeparators(path)));
}

void ViewExporter::copyInteractively(Target target) {
    const QString error = copyToClipboard(target);
    emit message(error.isEmpty() ? tr("Copied the view to the clipboard.") : error);
}

void ViewExporter::showContextMenu(Target target, QWidget* view, const QPoint& pos) {
    target_ = target;
    QMenu menu(view);
    menu.addAction(tr("Export View…"), this, [this, target] { exportInteractively(target); });
    menu.addAction(tr("Copy View to Clipboard"), this, [this, target] { copyInteractively(target); });
    menu.exec(view->mapToGlobal(pos));
}

}  // namespace repscope::gui
