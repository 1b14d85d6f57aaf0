#pragma once
// HeatmapView: an OpenGL 3.3 core view of a TileSource (RDMs of any size, similarity matrices).
// Tiles are computed on worker threads (TileScheduler), coloured on the CPU with the colours of
// exports and uploaded as RGBA8 textures; while a tile is computed its nearest cached ancestor is
// drawn magnified. The selection is drawn by dimming everything whose row and column are
// unselected (tiles are recoloured, never recomputed, for it).
//
// Mouse: wheel zooms about the cursor, drag pans, double-click fits, Shift+drag on the matrix
// brushes a rectangle (selects the stimuli of its rows and of its columns), drag along an axis
// strip brushes a range; Ctrl adds to the selection, Esc clears it; a click without drag on a
// cell emits cellClicked. Keys: + − arrows Home.
#include <QColor>
#include <QOpenGLWidget>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_geometry.h"

namespace repscope::tiles {
class TileCache;
class TileScheduler;
}  // namespace repscope::tiles

namespace repscope::views {

class SelectionModel;
class HeatmapRenderer;

// The colour of category `code` in the strips, legends and scatter plots (grey for none, < 0).
[[nodiscard]] QColor categoryColour(std::int32_t code);

class HeatmapView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent);
    ~HeatmapView() override;
    HeatmapView(const HeatmapView&) = delete;
    HeatmapView& operator=(const HeatmapView&) = delete;

    // What to show. stimuli (may be null) gives tooltip labels and the category strips, read
    // from the column named categoryColumn (none when empty or absent). columnStimuli: labels of
    // the columns when they are other things than the rows (a layer × prefix-size grid); then
    // there are no category strips. Null: the columns are the rows' stimuli. Fits the view.
    void setSource(std::shared_ptr<const tiles::TileSource> source,
                   std::shared_ptr<const Stimuli> stimuli = nullptr,
                   const std::string& categoryColumn = "category",
                   std::shared_ptr<const Stimuli> columnStimuli = nullptr);
    [[nodiscard]] std::shared_ptr<const tiles::TileSource> source() const { return source_; }
    [[nodiscard]] std::shared_ptr<const Stimuli> stimuli() const { return stimuli_; }
    // The columns' labels: columnStimuli when given, else the rows' stimuli.
    [[nodiscard]] std::shared_ptr<const Stimuli> columnStimuli() const {
        return columnStimuli_ ? columnStimuli_ : stimuli_;
    }
    [[nodiscard]] const std::string& categoryColumnName() const { return categoryColumn_; }
    // The shared selection (not owned; may be null).
    void setSelectionModel(SelectionModel* model);
    [[nodiscard]] SelectionModel* selectionModel() const;
    // Draws the stimuli's labels left of the rows and above the columns (room for them is
    // reserved in layout()) when cells are large enough to read them: for small matrices such
    // as layer × layer. Off by default.
    void setAxisLabelsShown(bool shown);
    [[nodiscard]] bool axisLabelsShown() const { return axisLabels_; }

    // What the rows and the columns are ("units of A"), drawn along the matrix when it has no
    // category strips.
    void setAxisTitles(const QString& rows, const QString& cols);
    void setColorScale(const ColorScale& scale);
    [[nodiscard]] const ColorScale& colorScale() const { return scale_; }
    // The scale as last drawn (with the automatic range filled in).
    [[nodiscard]] ColorScale effectiveColorScale() const;
    // Which range an automatic scale spans (heatmap_geometry.h); WholeMatrix by default. The
    // words under the colorbar say which.
    void setRangeMode(RangeMode mode);
    [[nodiscard]] RangeMode rangeMode() const { return rangeMode_; }
    // True when an automatic WholeMatrix range is known (its tiles are computed).
    [[nodiscard]] bool hasWholeMatrixRange() const { return matrixRange_.has_value(); }
    // The words under the colorbar ("scale: whole matrix (min–max)", ...); empty for a fixed scale.
    [[nodiscard]] QString rangeNote() const;

    void setViewport(const HeatmapViewport& vp);
    [[nodiscard]] const HeatmapViewport& viewport() const { return viewport_; }
    void fitToView();
    void zoomAbout(double factor, QPointF widgetPos);
    void panByPixels(QPointF delta);
    [[nodiscard]] HeatmapLayout layout() const;
    [[nodiscard]] int currentLevel() const;
    // True when the last frame drew every visible tile at the level the zoom asks for, in its
    // final colours (an automatic range is held still while the view moves).
    [[nodiscard]] bool lastFrameComplete() const { return lastFrameComplete_; }
    // Whether the last frame drew every tile at the wanted level (its automatic colour range
    // may still be the one held while the view moved; lastFrameComplete() requires both).
    [[nodiscard]] bool lastFrameHadAllTiles() const { return lastFrameHadAllTiles_; }
    // Display position (row, col) under a widget position; nullopt outside the matrix.
    [[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> cellAt(QPointF pos) const;
    // Outlines one cell (display row, column), e.g. the layer matrix's focus pair; nullopt: none.
    void setMarkedCell(std::optional<std::pair<std::int64_t, std::int64_t>> cell);
    [[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> markedCell() const { return marked_; }
    // Whether the last frame drew an undefined cell (then "undefined" is named by the colorbar).
    [[nodiscard]] bool showsUndefined() const { return undefinedShown_; }
    // Blocks until pending tile computations are done (tests, benchmarks).
    void waitForTiles();
    // Selects stimuli of display rows [r0, r1) and display columns [c0, c1).
    void brushDisplayRanges(std::int64_t r0, std::int64_t r1, std::int64_t c0, std::int64_t c1,
                            bool add);
    // Text of the tooltip at a widget position (empty outside the matrix).
    [[nodiscard]] QString tooltipText(QPointF pos) const;

signals:
    // After each frame that drew every visible tile at the wanted level.
    void frameComplete();
    // A left click without drag on the matrix: the display row and column under it.
    void cellClicked(qint64 row, qint64 col);

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    bool event(QEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    enum class DragMode { None, Pan, BrushRect, BrushRows, BrushCols };
    void releaseGL();
    void requestTiles(const std::vector<tiles::TileKey>& keys);
    void updateSelectionMask();
    void updateAutoRange(const std::vector<tiles::TilePtr>& drawn, bool moving);
    // WholeMatrix: appends the range tiles still missing to `wanted`; sets matrixRange_ once
    // all are cached. True when the range is known.
    bool updateMatrixRange(std::vector<tiles::TileKey>& wanted);
    [[nodiscard]] const CategoryColumn* categoryColumn() const;
    void paintOverlay(QPainter& painter);
    void updateLabelMargin();

    std::shared_ptr<const tiles::TileSource> source_;
    std::shared_ptr<const Stimuli> stimuli_;
    std::shared_ptr<const Stimuli> columnStimuli_;  // null: the columns are stimuli_
    std::string categoryColumn_;
    std::shared_ptr<tiles::TileCache> cache_;
    std::unique_ptr<tiles::TileScheduler> scheduler_;
    std::unique_ptr<HeatmapRenderer> renderer_;  // GL state; lives with the context
    QPointer<SelectionModel> selection_;
    ColorScale scale_;
    std::pair<float, float> autoRange_{0.0F, 1.0F};
    bool hasAutoRange_ = false;
    RangeMode rangeMode_ = RangeMode::WholeMatrix;
    std::optional<std::pair<float, float>> matrixRange_;  // WholeMatrix, once its tiles are in
    HeatmapViewport lastPaintViewport_;  // where the view was in the last frame
    QTimer* settleTimer_ = nullptr;      // one frame after the view stops moving
    HeatmapViewport viewport_;
    bool fitPending_ = true;
    bool fitted_ = true;  // the viewport is a fit (no zoom or pan since): a resize refits it
    bool lastFrameComplete_ = false;
    bool lastFrameHadAllTiles_ = false;
    bool rangeHeld_ = false;  // the automatic range was held still in the last frame
    std::vector<tiles::TileKey> lastRequest_;
    bool selectionDirty_ = true;
    int maskLevel_ = 0;
    DragMode drag_ = DragMode::None;
    QPointF dragStart_;
    QPointF dragLast_;
    bool axisLabels_ = false;
    std::optional<std::pair<std::int64_t, std::int64_t>> marked_;
    QString rowTitle_;
    QString colTitle_;
    bool undefinedShown_ = false;  // the last frame drew an undefined (NaN) cell
    double labelWidth_ = 0.0;  // pixels the widest axis label needs (0: no labels)
};

}  // namespace repscope::views
