// ProjectionView: points, colours, selection, GL lifetime and drawing. Input handling is in
// projection_view_input.cpp.
#include "repscope/views/projection_view.h"

#include <QEasingCurve>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QSurfaceFormat>
#include <QVariantAnimation>
#include <algorithm>
#include <cmath>

#include "heatmap_overlay.h"
#include "figure_parts.h"
#include "projection_overlay.h"
#include "repscope/views/selection_model.h"
#include "scatter_renderer.h"
#include "scatter_splat.h"

namespace repscope::views {

namespace {

// Points this small are drawn as squares: no one sees the corners. Under a software OpenGL,
// this many of them are drawn on the CPU instead (scatter_splat.h).
constexpr double kSquarePointSize = 3.0;
constexpr Eigen::Index kSplatMinPoints = 20000;

std::uint32_t packColour(const QColor& c) {
    // Bytes R, G, B, A in memory order (the vertex attribute reads four normalised bytes).
    const std::uint32_t r = static_cast<std::uint32_t>(c.red());
    const std::uint32_t g = static_cast<std::uint32_t>(c.green());
    const std::uint32_t b = static_cast<std::uint32_t>(c.blue());
    return r | (g << 8U) | (b << 16U) | (0xffU << 24U);
}

}  // namespace

ProjectionView::ProjectionView(QWidget* parent)
    : QOpenGLWidget(parent), renderer_(std::make_unique<ScatterRenderer>()),
      animation_(new QVariantAnimation(this)) {
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    setFormat(format);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);  // the hover card
    setMinimumSize(160, 160);
    animation_->setStartValue(0.0);
    animation_->setEndValue(1.0);
    animation_->setEasingCurve(QEasingCurve::InOutCubic);
    connect(animation_, &QVariantAnimation::valueChanged, this, [this](const QVariant& v) {
        mix_ = v.toFloat();
        update();
    });
    connect(animation_, &QVariantAnimation::finished, this, [this] {
        mix_ = 1.0F;
        from_ = target_;
        positionsDirty_ = true;
        update();
        emit animationFinished();
    });
}

ProjectionView::~ProjectionView() {
    releaseGL();
    // The context dies in ~QOpenGLWidget, after our members: it must not call back into us.
    if (context() != nullptr) disconnect(context(), nullptr, this, nullptr);
}

void ProjectionView::setPoints(ScatterPoints points, std::shared_ptr<const Stimuli> stimuli) {
    animation_->stop();
    target_ = std::move(points);
    from_ = target_;
    mix_ = 1.0F;
    stimuli_ = std::move(stimuli);
    hovered_.reset();
    positionsDirty_ = coloursDirty_ = selectionDirty_ = true;
    fitPending_ = true;
    rebuildColours();
    rebuildSelectionFlags();
    update();
}

void ProjectionView::animateTo(ScatterPoints points, int durationMs) {
    if (points.rows() != target_.rows()) {
        setPoints(std::move(points), stimuli_);
        return;
    }
    from_ = currentPositions();
    animation_->stop();
    target_ = std::move(points);
    if (fitted_) fitTo(from_, &target_);
    positionsDirty_ = true;
    if (durationMs <= 0) {
        from_ = target_;
        mix_ = 1.0F;
        update();
        emit animationFinished();
        return;
    }
    mix_ = 0.0F;
    animation_->setDuration(durationMs);
    animation_->start();
    update();
}

bool ProjectionView::isAnimating() const {
    return animation_->state() == QAbstractAnimation::Running;
}

void ProjectionView::clear() {
    setPoints(ScatterPoints(), nullptr);
}

ScatterPoints ProjectionView::currentPositions() const {
    if (mix_ >= 1.0F || from_.rows() != target_.rows()) return target_;
    return from_ + (target_ - from_) * mix_;
}

void ProjectionView::setCategoryColumn(const std::string& name) {
    if (name == columnName_) return;
    columnName_ = name;
    if (fitted_) fitPending_ = true;  // the legend's room changes the plot area
    rebuildColours();
    update();
}

const CategoryColumn* ProjectionView::categoryColumn() const {
    if (!stimuli_ || columnName_.empty()) return nullptr;
    const CategoryColumn* c = stimuli_->column(columnName_);
    return c != nullptr && static_cast<Eigen::Index>(c->codes.size()) == target_.rows() ? c : nullptr;
}

void ProjectionView::setPointValues(std::vector<float> values, const QString& name,
                                    const ColorScale& scale) {
    values_ = std::move(values);
    valuesName_ = name;
    valuesScale_ = scale;
    valuesScale_.autoRange = false;
    if (fitted_) fitPending_ = true;  // the colorbar's room differs from the legend's
    rebuildColours();
    update();
}

bool ProjectionView::showsValues() const {
    return !values_.empty() && static_cast<Eigen::Index>(values_.size()) == target_.rows();
}

void ProjectionView::rebuildColours() {
    const CategoryColumn* column = categoryColumn();
    const auto n = static_cast<std::size_t>(target_.rows());
    colours_.assign(n, packColour(QColor(70, 110, 160)));
    if (showsValues()) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = valuesScale_.colour8(values_[i]);
            colours_[i] = packColour(QColor(c[0], c[1], c[2]));
        }
    } else if (column != nullptr) {
        for (std::size_t i = 0; i < n; ++i) colours_[i] = packColour(detail::categoryColour(column->codes[i]));
    }
    coloursDirty_ = true;
}

void ProjectionView::rebuildSelectionFlags() {
    const auto n = static_cast<std::size_t>(target_.rows());
    selectedFlags_.assign(n, 0);
    if (const SelectionModel* model = selection_.data(); model != nullptr) {
        const Selection& s = model->selection();
        for (std::size_t i = 0; i < n; ++i) selectedFlags_[i] = s.contains(i) ? 1 : 0;
    }
    selectionDirty_ = true;
}

void ProjectionView::setSelectionModel(SelectionModel* model) {
    if (selection_ == model) return;
    if (selection_) disconnect(selection_, nullptr, this, nullptr);
    selection_ = model;
    if (selection_) {
        connect(selection_, &SelectionModel::changed, this, [this](const Selection::Change& change) {
            if (change.cleared) {
                std::fill(selectedFlags_.begin(), selectedFlags_.end(), std::uint8_t{0});
            } else {
                for (std::size_t i : change.added) {
                    if (i < selectedFlags_.size()) selectedFlags_[i] = 1;
                }
                for (std::size_t i : change.removed) {
                    if (i < selectedFlags_.size()) selectedFlags_[i] = 0;
                }
            }
            selectionDirty_ = true;
            update();
        });
    }
    rebuildSelectionFlags();
    update();
}

SelectionModel* ProjectionView::selectionModel() const { return selection_.data(); }

void ProjectionView::setLassoMode(bool lasso) { lassoMode_ = lasso; }

void ProjectionView::setViewport(const ScatterViewport& vp) {
    viewport_ = vp;
    fitPending_ = false;
    fitted_ = false;
    update();
}

void ProjectionView::fitToView() {
    fitPending_ = true;
    update();
}

void ProjectionView::fitTo(const ScatterPoints& a, const ScatterPoints* b) {
    const QSizeF area = plotArea().size();
    if (b == nullptr) {
        viewport_ = ScatterViewport::fit(a, area);
    } else {
        ScatterPoints both(a.rows() + b->rows(), 2);
        both << a, *b;
        viewport_ = ScatterViewport::fit(both, area);
    }
    fitPending_ = false;
    fitted_ = true;
}

QRectF ProjectionView::plotArea() const {
    constexpr double kMaxLegendShare = 0.3;
    const CategoryColumn* column = categoryColumn();
    double legend =
        column != nullptr ? detail::legendWidth(*column, font(), width() * kMaxLegendShare) : 0.0;
    if (showsValues()) legend = detail::colorbarWidth(valuesScale_, valuesName_) + 12.0;
    return scatterPlotArea(size(), legend);
}

QRectF ProjectionView::legendRoom() const {
    const QRectF area = plotArea();
    return QRectF(area.right() + 2.0, area.top(), std::max(0.0, width() - area.right() - 2.0),
                  area.height());
}

void ProjectionView::resizeGL(int /*w*/, int /*h*/) {
    if (fitted_) fitPending_ = true;
}

QPointF ProjectionView::toWidget(QPointF point) const {
    const QRectF area = plotArea();
    return area.topLeft() + viewport_.toPixel(point, area.size());
}

QPointF ProjectionView::toData(QPointF widget) const {
    const QRectF area = plotArea();
    return viewport_.toData(widget - area.topLeft(), area.size());
}

double ProjectionView::pointSize() const {
    const Eigen::Index n = target_.rows();
    if (n <= 2000) return 7.0;
    if (n <= 20000) return 5.0;
    return kSquarePointSize;
}

void ProjectionView::initializeGL() {
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &ProjectionView::releaseGL,
            Qt::UniqueConnection);
    try {
        renderer_->initialize();
    } catch (const std::exception& e) {
        qWarning("ProjectionView: %s", e.what());
    }
    const auto* name = reinterpret_cast<const char*>(context()->functions()->glGetString(GL_RENDERER));
    const QByteArray renderer(name != nullptr ? name : "");
    softwareGl_ = renderer.contains("llvmpipe") || renderer.contains("softpipe") ||
                  renderer.contains("swrast");
    positionsDirty_ = coloursDirty_ = selectionDirty_ = true;
}

void ProjectionView::releaseGL() {
    if (!renderer_ || !renderer_->initialized() || context() == nullptr) return;
    makeCurrent();
    renderer_->release();
    doneCurrent();
}

void ProjectionView::paintGL() {
    QOpenGLFunctions* gl = context()->functions();
    gl->glDisable(GL_DEPTH_TEST);
    gl->glClearColor(1.0F, 1.0F, 1.0F, 1.0F);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    const QRectF area = plotArea();
    if (fitPending_) fitTo(target_, nullptr);
    const bool splat = softwareGl_ && target_.rows() >= kSplatMinPoints;
    if (renderer_->initialized() && target_.rows() > 0 && !splat) {
        // Every attribute buffer is re-sent when the point count changes, so none is short.
        if (positionsDirty_) renderer_->setPositions(from_.rows() == target_.rows() ? from_ : target_, target_);
        if (coloursDirty_ || positionsDirty_) renderer_->setColours(colours_);
        if (selectionDirty_ || positionsDirty_) {
            const bool any = std::find(selectedFlags_.begin(), selectedFlags_.end(), 1) != selectedFlags_.end();
            renderer_->setSelected(selectedFlags_, any);
        }
        positionsDirty_ = coloursDirty_ = selectionDirty_ = false;

        const qreal dpr = devicePixelRatioF();
        const auto vx = static_cast<GLint>(std::lround(area.x() * dpr));
        const auto vy = static_cast<GLint>(std::lround((height() - area.bottom()) * dpr));
        const auto vw = static_cast<GLsizei>(std::lround(area.width() * dpr));
        const auto vh = static_cast<GLsizei>(std::lround(area.height() * dpr));
        gl->glViewport(vx, vy, vw, vh);
        gl->glScissor(vx, vy, vw, vh);
        gl->glEnable(GL_SCISSOR_TEST);
        ScatterRenderer::Frame frame;
        frame.viewport = viewport_;
        frame.area = area.size();
        frame.pointSize = pointSize();
        frame.round = frame.pointSize > kSquarePointSize;
        frame.mix = mix_;
        renderer_->draw(frame);
        gl->glDisable(GL_SCISSOR_TEST);
        gl->glViewport(0, 0, static_cast<GLsizei>(std::lround(width() * dpr)),
                       static_cast<GLsizei>(std::lround(height() * dpr)));
    }
    QPainter painter(this);
    if (splat) paintSplat(painter, area);
    paintOverlay(painter);
}

void ProjectionView::paintSplat(QPainter& painter, const QRectF& area) {
    const QSize size = area.size().toSize();
    if (splatImage_.size() != size) splatImage_ = QImage(size, QImage::Format_ARGB32_Premultiplied);
    splatImage_.fill(Qt::transparent);
    detail::SplatInput in;
    in.from = from_.rows() == target_.rows() ? &from_ : &target_;
    in.to = &target_;
    in.mix = mix_;
    in.viewport = viewport_;
    in.colours = &colours_;
    in.selected = &selectedFlags_;
    in.hasSelection = std::find(selectedFlags_.begin(), selectedFlags_.end(), 1) != selectedFlags_.end();
    in.size = static_cast<int>(pointSize());
    in.dim = ScatterRenderer::Frame{}.dim;
    detail::splatPoints(splatImage_, in);
    painter.drawImage(area.topLeft(), splatImage_);
}

void ProjectionView::paintOverlay(QPainter& painter) {
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = plotArea();
    if (target_.rows() == 0) {
        painter.setPen(QColor(140, 140, 140));
        painter.drawText(rect(), Qt::AlignCenter, tr("No projection"));
        return;
    }
    detail::paintAxes(painter, area, viewport_);
    if (showsValues()) {
        const QRectF room = legendRoom();
        const double barHeight = std::max(40.0, std::min(room.height() * 0.6, 320.0));
        detail::paintColorbar(painter, QRectF(room.left() + 6.0, room.top() + 22.0, 16.0, barHeight),
                              valuesScale_, valuesName_);
    } else if (const CategoryColumn* column = categoryColumn()) {
        detail::paintLegend(painter, detail::legendLayout(legendRoom(), *column));
    }
    if (drag_ == DragMode::BrushRect) {
        painter.setPen(QPen(QColor(20, 20, 20), 1, Qt::DashLine));
        painter.setBrush(QColor(80, 120, 200, 40));
        painter.drawRect(QRectF(dragStart_, dragLast_).normalized());
    } else if (drag_ == DragMode::Lasso && lasso_.size() > 1) {
        painter.setPen(QPen(QColor(20, 20, 20), 1, Qt::DashLine));
        painter.setBrush(QColor(80, 120, 200, 40));
        painter.drawPolygon(lasso_.data(), static_cast<int>(lasso_.size()));
    }
    if (hovered_ && drag_ == DragMode::None && *hovered_ < static_cast<std::size_t>(target_.rows())) {
        const std::size_t i = *hovered_;
        const QPointF at = toWidget(QPointF(target_(static_cast<Eigen::Index>(i), 0),
                                            target_(static_cast<Eigen::Index>(i), 1)));
        painter.setPen(QPen(QColor(20, 20, 20), 1.5));
        painter.setBrush(Qt::NoBrush);
        const double r = pointSize() / 2.0 + 3.0;
        painter.drawEllipse(at, r, r);
        QString title = QStringLiteral("#%1").arg(i);
        QString detailText;
        QImage thumbnail;
        if (stimuli_ && i < stimuli_->count) {
            title = QString::fromStdString(stimuli_->label(i));
            thumbnail = detail::thumbnailImage(*stimuli_, i);
        }
        if (const CategoryColumn* c = categoryColumn(); c != nullptr && c->codes[i] >= 0) {
            detailText = QStringLiteral("%1: %2").arg(
                QString::fromStdString(c->name),
                QString::fromStdString(c->categories[static_cast<std::size_t>(c->codes[i])]));
        }
        if (showsValues()) {
            if (!detailText.isEmpty()) detailText += QStringLiteral(" · ");
            detailText += QStringLiteral("%1: %2").arg(valuesName_).arg(double(values_[i]), 0, 'g', 3);
        }
        detail::paintHoverCard(painter, hoverPos_, QRectF(rect()), title, detailText, thumbnail);
    }
}

}  // namespace repscope::views
