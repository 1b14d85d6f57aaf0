// HeatmapView: sources, tiles, GL lifetime and drawing. Input handling is in
// heatmap_view_input.cpp.
#include "repscope/views/heatmap_view.h"

#include <QFontMetricsF>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QSurfaceFormat>
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "heatmap_overlay.h"
#include "heatmap_renderer.h"
#include "repscope/tiles/tile_cache.h"
#include "repscope/tiles/tile_scheduler.h"
#include "repscope/views/selection_model.h"

namespace repscope::views {

using tiles::TileKey;
using tiles::TilePtr;

QColor categoryColour(std::int32_t code) { return detail::categoryColour(code); }

namespace {
constexpr std::size_t kCacheBytes = std::size_t{512} << 20;
constexpr int kUploadsPerFrame = 2;  // new tile textures per frame
}  // namespace

HeatmapView::HeatmapView(QWidget* parent)
    : QOpenGLWidget(parent), cache_(std::make_shared<tiles::TileCache>(kCacheBytes)),
      renderer_(std::make_unique<HeatmapRenderer>()) {
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    setFormat(format);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumSize(120, 120);
    settleTimer_ = new QTimer(this);
    settleTimer_->setSingleShot(true);
    settleTimer_->setInterval(120);
    connect(settleTimer_, &QTimer::timeout, this, [this] { update(); });
    scheduler_ = std::make_unique<tiles::TileScheduler>(cache_, 0, [this](const tiles::TileEvent&) {
        // Worker thread: ask the GUI thread for a repaint (update() coalesces them).
        QMetaObject::invokeMethod(this, [this] { update(); }, Qt::QueuedConnection);
    });
}

HeatmapView::~HeatmapView() {
    scheduler_.reset();  // joins the workers before anything they call back into goes away
    releaseGL();
    // The context dies in ~QOpenGLWidget, after our members: it must not call back into us.
    if (context() != nullptr) disconnect(context(), nullptr, this, nullptr);
}

void HeatmapView::setSource(std::shared_ptr<const tiles::TileSource> source,
                            std::shared_ptr<const Stimuli> stimuli,
                            const std::string& categoryColumn,
                            std::shared_ptr<const Stimuli> columnStimuli) {
    source_ = std::move(source);
    stimuli_ = std::move(stimuli);
    columnStimuli_ = std::move(columnStimuli);
    categoryColumn_ = categoryColumn;
    hasAutoRange_ = false;
    matrixRange_.reset();
    scheduler_->setSource(source_);
    updateLabelMargin();
    if (renderer_->initialized() && context() != nullptr) {
        makeCurrent();
        renderer_->forgetTiles();
        doneCurrent();
    }
    lastRequest_.clear();
    selectionDirty_ = true;
    fitPending_ = true;
    update();
}

void HeatmapView::setSelectionModel(SelectionModel* model) {
    if (selection_ == model) return;
    if (selection_) disconnect(selection_, nullptr, this, nullptr);
    selection_ = model;
    if (selection_) {
        connect(selection_, &SelectionModel::changed, this, [this] {
            selectionDirty_ = true;
            update();
        });
    }
    selectionDirty_ = true;
    update();
}

SelectionModel* HeatmapView::selectionModel() const { return selection_.data(); }

void HeatmapView::setAxisLabelsShown(bool shown) {
    axisLabels_ = shown;
    updateLabelMargin();
    fitPending_ = true;
    update();
}

void HeatmapView::updateLabelMargin() {
    labelWidth_ = 0.0;
    if (!axisLabels_ || !source_ || !stimuli_ || !stimuli_->hasLabels()) return;
    QFont f = font();
    f.setPixelSize(detail::kOverlayFontPixels);
    const QFontMetricsF metrics(f);
    const CategoryColumn* column = categoryColumn();
    for (const Stimuli* labels : {stimuli_.get(), columnStimuli_.get()}) {
        if (labels == nullptr) continue;
        for (std::size_t s = 0; s < labels->count; ++s) {
            labelWidth_ = std::max(labelWidth_, metrics.horizontalAdvance(detail::axisLabel(*labels, s, column)));
        }
    }
    labelWidth_ = std::ceil(labelWidth_) + 4.0;
}

void HeatmapView::setMarkedCell(std::optional<std::pair<std::int64_t, std::int64_t>> cell) {
    if (marked_ == cell) return;
    marked_ = cell;
    update();
}

void HeatmapView::setAxisTitles(const QString& rows, const QString& cols) {
    rowTitle_ = rows;
    colTitle_ = cols;
    update();
}

void HeatmapView::setColorScale(const ColorScale& scale) {
    scale_ = scale;
    update();
}

ColorScale HeatmapView::effectiveColorScale() const {
    ColorScale s = scale_;
    if (s.autoRange) {
        std::tie(s.low, s.high) =
            rangeMode_ == RangeMode::WholeMatrix && matrixRange_ ? *matrixRange_ : autoRange_;
    }
    return s;
}

void HeatmapView::setRangeMode(RangeMode mode) {
    if (rangeMode_ == mode) return;
    rangeMode_ = mode;
    hasAutoRange_ = false;
    update();
}

QString HeatmapView::rangeNote() const {
    if (!scale_.autoRange || !source_) return {};
    QString note = detail::rangeNote(rangeMode_, source_->rows(), source_->cols());
    if (rangeMode_ == RangeMode::WholeMatrix && !matrixRange_) note += QStringLiteral(" \u2014 computing");
    return note;
}

bool HeatmapView::updateMatrixRange(std::vector<TileKey>& wanted) {
    if (matrixRange_) return true;
    const std::vector<TileKey> keys =
        allTiles(source_->rows(), source_->cols(), rangeLevel(source_->rows(), source_->cols()));
    std::vector<TilePtr> cells;
    for (const TileKey& key : keys) {
        TilePtr t = cache_->get(key);
        if (t) {
            cells.push_back(std::move(t));
        } else if (std::find(wanted.begin(), wanted.end(), key) == wanted.end()) {
            wanted.push_back(key);  // after the visible tiles: those come first
        }
    }
    if (cells.size() != keys.size()) return false;
    matrixRange_ = detail::tilesRange(cells);
    return true;
}

void HeatmapView::setViewport(const HeatmapViewport& vp) {
    viewport_ = vp;
    fitPending_ = false;
    fitted_ = false;
    update();
}

void HeatmapView::fitToView() {
    fitPending_ = true;
    update();
}

HeatmapLayout HeatmapView::layout() const {
    // Row labels get at most 30% of the width, column labels 30% of the height (elided to
    // fit), none when that is too little.
    constexpr double kShare = 0.3;
    constexpr double kMinLabelRoom = 24.0;
    const double rowRoom = std::min(labelWidth_, kShare * width());
    const double colRoom = std::min(labelWidth_, kShare * height());
    // Axis titles take the category strips' place, and need a line's height of it (narrower,
    // they ran into the axis labels).
    const bool titles = categoryColumn() == nullptr && (!rowTitle_.isEmpty() || !colTitle_.isEmpty());
    const double strip = titles ? HeatmapLayout::kTitleStrip : HeatmapLayout::kStrip;
    if (rowRoom < kMinLabelRoom || colRoom < kMinLabelRoom) return HeatmapLayout::forSize(size(), {}, strip);
    return HeatmapLayout::forSize(size(), QSizeF(rowRoom, colRoom), strip);
}

int HeatmapView::currentLevel() const {
    return source_ ? levelForScale(viewport_.scale, source_->coarsestLevel()) : 0;
}

void HeatmapView::waitForTiles() { scheduler_->waitIdle(); }

const CategoryColumn* HeatmapView::categoryColumn() const {
    if (!source_ || !stimuli_ || columnStimuli_ || categoryColumn_.empty()) return nullptr;
    const CategoryColumn* c = stimuli_->column(categoryColumn_);
    return c != nullptr && static_cast<std::int64_t>(c->codes.size()) == source_->rows() ? c : nullptr;
}

void HeatmapView::initializeGL() {
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &HeatmapView::releaseGL,
            Qt::UniqueConnection);
    try {
        renderer_->initialize();
    } catch (const std::exception& e) {
        qWarning("HeatmapView: %s", e.what());
    }
    selectionDirty_ = true;
}

void HeatmapView::releaseGL() {
    if (!renderer_ || !renderer_->initialized() || context() == nullptr) return;
    makeCurrent();
    renderer_->release();
    doneCurrent();
}

void HeatmapView::resizeGL(int /*w*/, int /*h*/) {
    if (fitted_) fitPending_ = true;
    update();
}

void HeatmapView::requestTiles(const std::vector<TileKey>& keys) {
    if (keys == lastRequest_) return;
    lastRequest_ = keys;
    scheduler_->request(keys);
}

void HeatmapView::updateSelectionMask() {
    selectionDirty_ = false;
    maskLevel_ = currentLevel();
    detail::SelectionMask mask;
    if (source_ && selection_) mask = detail::buildSelectionMask(*source_, selection_->selection(), maskLevel_);
    renderer_->setSelectionMask(mask);
}

void HeatmapView::updateAutoRange(const std::vector<TilePtr>& drawn, bool moving) {
    // While the view moves (pan, zoom) the automatic range holds still: every change of range
    // recolours every visible tile, and colours that shift under the cursor while panning help
    // nobody. The range of what is visible is adopted as soon as the view rests — the next frame
    // drawn without a viewport change, which settleTimer_ guarantees.
    rangeHeld_ = false;
    if (drawn.empty()) return;
    if (moving && hasAutoRange_) {
        rangeHeld_ = true;
        settleTimer_->start();
        return;
    }
    autoRange_ = detail::visibleRange(drawn, viewport_, layout().matrix.size());
    hasAutoRange_ = true;
}

void HeatmapView::paintGL() {
    QOpenGLFunctions* gl = context()->functions();
    gl->glDisable(GL_BLEND);
    gl->glDisable(GL_DEPTH_TEST);
    gl->glClearColor(1.0F, 1.0F, 1.0F, 1.0F);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    lastFrameComplete_ = false;
    lastFrameHadAllTiles_ = false;
    if (!source_ || !renderer_->initialized()) return;

    const HeatmapLayout l = layout();
    if (fitPending_) {
        viewport_ = HeatmapViewport::fit(source_->rows(), source_->cols(), l.matrix.size());
        fitPending_ = false;
        fitted_ = true;
    }
    const bool moving = viewport_.originX != lastPaintViewport_.originX ||
                        viewport_.originY != lastPaintViewport_.originY ||
                        viewport_.scale != lastPaintViewport_.scale;
    lastPaintViewport_ = viewport_;
    const int level = currentLevel();
    const int coarsest = source_->coarsestLevel();
    const VisibleTiles visible =
        visibleTiles(viewport_, l.matrix.size(), source_->rows(), source_->cols(), level);
    // The coarsest tiles first: cheap, and they stand in for everything else.
    std::vector<TileKey> wanted;
    if (level != coarsest) {
        for (std::int64_t r = 0; r < tiles::tilesAtLevel(source_->rows(), coarsest); ++r) {
            for (std::int64_t c = 0; c < tiles::tilesAtLevel(source_->cols(), coarsest); ++c) {
                wanted.push_back({coarsest, r, c});
            }
        }
    }
    wanted.insert(wanted.end(), visible.keys.begin(), visible.keys.end());
    const bool rangeKnown =
        !scale_.autoRange || rangeMode_ != RangeMode::WholeMatrix || updateMatrixRange(wanted);
    requestTiles(wanted);

    // While the view moves, new tiles per frame are bounded (colouring and uploading one costs
    // about a millisecond under a software rasteriser): a tile over the budget is drawn as its
    // ancestor this frame and uploaded in one of the next, which is scheduled at once. At rest
    // everything ready is drawn at once.
    std::vector<TilePtr> drawn;
    std::unordered_set<TileKey, tiles::TileKeyHash> added;
    bool complete = true;
    bool deferred = false;
    int uploads = 0;
    for (const TileKey& key : visible.keys) {
        TilePtr t = cache_->get(key);
        if (t && moving && !renderer_->resident(key) && ++uploads > kUploadsPerFrame) {
            t.reset();
            deferred = true;
        }
        if (!t) {
            complete = false;
            t = cache_->bestAvailable(key.parent(), coarsest);
        }
        if (t && added.insert(t->key).second) drawn.push_back(t);
    }
    if (deferred) update();
    undefinedShown_ = std::any_of(drawn.begin(), drawn.end(), [](const TilePtr& t) { return t->anyUndefined(); });
    if (selectionDirty_ || maskLevel_ != level) updateSelectionMask();
    // Until the whole matrix's range is known, what is visible stands in for it (the frame is
    // not complete, and the note under the colorbar says it is still computing).
    if (scale_.autoRange && (rangeMode_ == RangeMode::FitToView || !rangeKnown)) updateAutoRange(drawn, moving);
    renderer_->prepare(drawn, effectiveColorScale());

    const qreal dpr = devicePixelRatioF();
    const auto vx = static_cast<GLint>(std::lround(l.matrix.x() * dpr));
    const auto vy = static_cast<GLint>(std::lround((height() - l.matrix.bottom()) * dpr));
    const auto vw = static_cast<GLsizei>(std::lround(l.matrix.width() * dpr));
    const auto vh = static_cast<GLsizei>(std::lround(l.matrix.height() * dpr));
    gl->glViewport(vx, vy, vw, vh);
    gl->glScissor(vx, vy, vw, vh);
    gl->glEnable(GL_SCISSOR_TEST);
    renderer_->draw(drawn, viewport_, l.matrix.size(), source_->rows(), source_->cols(),
                    static_cast<int>(std::lround(height() * dpr)));
    gl->glDisable(GL_SCISSOR_TEST);
    gl->glViewport(0, 0, static_cast<GLsizei>(std::lround(width() * dpr)),
                   static_cast<GLsizei>(std::lround(height() * dpr)));

    QPainter painter(this);
    paintOverlay(painter);
    painter.end();
    lastFrameHadAllTiles_ = complete;
    const bool rangeFinal = !scale_.autoRange ||
                            (rangeMode_ == RangeMode::WholeMatrix ? rangeKnown : !rangeHeld_);
    lastFrameComplete_ = complete && rangeFinal;
    if (lastFrameComplete_) emit frameComplete();
}

void HeatmapView::paintOverlay(QPainter& painter) {
    detail::OverlayInput in;
    in.layout = layout();
    in.viewport = viewport_;
    in.rows = source_->rows();
    in.cols = source_->cols();
    in.rowOrder = &source_->rowOrder();
    in.colOrder = &source_->colOrder();
    in.categories = categoryColumn();
    in.scale = effectiveColorScale();
    in.measure = QString::fromStdString(source_->valueName());
    in.scaleNote = rangeNote();
    in.hasUndefined = undefinedShown_;
    in.rowTitle = rowTitle_;
    in.colTitle = colTitle_;
    detail::paintOverlays(painter, in);
    if (axisLabels_ && stimuli_) detail::paintAxisLabels(painter, in, *stimuli_, *columnStimuli());
    if (marked_ && marked_->first < in.rows && marked_->second < in.cols) {
        // Dark outside, white inside: visible on any colour of the map.
        const QRectF cell(in.layout.matrix.left() + viewport_.toPixelX(static_cast<double>(marked_->second)),
                          in.layout.matrix.top() + viewport_.toPixelY(static_cast<double>(marked_->first)),
                          viewport_.scale, viewport_.scale);
        painter.save();
        painter.setClipRect(in.layout.matrix.adjusted(-2, -2, 2, 2));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(20, 20, 20), 2.0));
        painter.drawRect(cell.adjusted(-1, -1, 1, 1));
        painter.setPen(QPen(Qt::white, 1.0));
        painter.drawRect(cell.adjusted(0.5, 0.5, -0.5, -0.5));
        painter.restore();
    }
    if (drag_ == DragMode::BrushRect || drag_ == DragMode::BrushRows || drag_ == DragMode::BrushCols) {
        const HeatmapLayout& l = in.layout;
        QRectF band = QRectF(dragStart_, dragLast_).normalized();
        if (drag_ == DragMode::BrushRows) band = QRectF(l.rowStrip.left(), band.top(), l.matrix.right() - l.rowStrip.left(), band.height());
        if (drag_ == DragMode::BrushCols) band = QRectF(band.left(), l.colStrip.top(), band.width(), l.matrix.bottom() - l.colStrip.top());
        painter.setPen(QPen(QColor(20, 20, 20), 1, Qt::DashLine));
        painter.setBrush(QColor(255, 255, 255, 40));
        painter.drawRect(band);
    }
}

}  // namespace repscope::views
