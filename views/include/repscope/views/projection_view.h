#pragma once
// ProjectionView: a 2-D scatter of stimuli (a projection such as PCA or t-SNE) on OpenGL 3.3
// core: points coloured by a category column (legend; a click on an entry selects that
// category, Shift adds), the shared selection highlighted with everything else dimmed, and an
// axis frame, legend, brush and hover card painted over the points with QPainter. Moving the
// points to another layout (another layer) animates on the GPU between the two layouts.
//
// The legend has its own column right of the plot area, so it hides no point. Under a software
// OpenGL (Mesa llvmpipe), 20,000 points or more are drawn on the CPU: per-primitive setup
// makes triangles slow there, while writing the pixels directly takes milliseconds.
//
// Mouse: drag brushes a rectangle; with Alt held or in lasso mode it draws a lasso; Shift adds
// to the selection; a click selects the point under it (nothing there: clears). Middle-button
// drag, or left drag with Space held, pans; the wheel zooms about the cursor; a double-click
// fits. Keys: Esc clears the selection, Home fits, + − zoom.
#include <QImage>
#include <QOpenGLWidget>
#include <QPointer>
#include <QRectF>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "repscope/stimuli.h"
#include "repscope/views/colormap.h"
#include "repscope/views/scatter_geometry.h"
#include "repscope/views/scatter_hit_test.h"

class QVariantAnimation;

namespace repscope::views {

class SelectionModel;
class ScatterRenderer;

class ProjectionView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit ProjectionView(QWidget* parent);
    ~ProjectionView() override;
    ProjectionView(const ProjectionView&) = delete;
    ProjectionView& operator=(const ProjectionView&) = delete;

    // What to show: N points (rows of `points`, data coordinates, row i = stimulus i) and the
    // stimuli's labels, categories and thumbnails (may be null). Fits the view.
    void setPoints(ScatterPoints points, std::shared_ptr<const Stimuli> stimuli);
    // Moves the same N stimuli to new positions over `durationMs` (0: at once). The view stays
    // where it is unless it was fitted, then it fits both layouts.
    void animateTo(ScatterPoints points, int durationMs);
    void clear();
    [[nodiscard]] bool hasPoints() const { return target_.rows() > 0; }
    // The positions the points go to (hit-testing and brushing use these).
    [[nodiscard]] const ScatterPoints& points() const { return target_; }
    [[nodiscard]] bool isAnimating() const;
    [[nodiscard]] const std::shared_ptr<const Stimuli>& stimuli() const { return stimuli_; }

    // The column that colours the points and fills the legend (none: empty or absent).
    void setCategoryColumn(const std::string& name);
    [[nodiscard]] const std::string& categoryColumnName() const { return columnName_; }
    // Colours the points by one value each instead (e.g. how much each stimulus's neighbourhood
    // changed between two representations), through `scale` (fixed range), with a colorbar
    // captioned `name` in place of the legend. Values of another length are ignored; an empty
    // vector returns to the categories.
    void setPointValues(std::vector<float> values, const QString& name, const ColorScale& scale);
    [[nodiscard]] bool showsValues() const;
    [[nodiscard]] const std::vector<float>& pointValues() const { return values_; }
    // The shared selection (not owned; may be null).
    void setSelectionModel(SelectionModel* model);
    [[nodiscard]] SelectionModel* selectionModel() const;
    // Lasso instead of rectangle for a plain drag.
    void setLassoMode(bool lasso);
    [[nodiscard]] bool lassoMode() const { return lassoMode_; }

    [[nodiscard]] const ScatterViewport& viewport() const { return viewport_; }
    void setViewport(const ScatterViewport& vp);
    void fitToView();
    void zoomAbout(double factor, QPointF widgetPos);
    void panByPixels(QPointF delta);
    // The plot area in widget pixels and the mapping to and from data coordinates.
    [[nodiscard]] QRectF plotArea() const;
    [[nodiscard]] QPointF toWidget(QPointF point) const;
    [[nodiscard]] QPointF toData(QPointF widget) const;
    // Diameter of a point in widget pixels (smaller for more points).
    [[nodiscard]] double pointSize() const;

    // The stimulus whose point is nearest to a widget position, within the point's radius plus
    // a few pixels.
    [[nodiscard]] std::optional<std::size_t> pointAt(QPointF widgetPos) const;
    // "label (category)" of the point under a widget position; empty when none.
    [[nodiscard]] QString tooltipText(QPointF widgetPos) const;
    // Legend entries as drawn: category code and its rectangle in widget pixels.
    struct LegendEntry {
        std::int32_t code = 0;
        QRectF rect;
    };
    [[nodiscard]] std::vector<LegendEntry> legendEntries() const;

    // Selections as the mouse makes them (data coordinates).
    void brushRectangle(QPointF dataA, QPointF dataB, bool add);
    void brushPolygon(const std::vector<QPointF>& dataPolygon, bool add);
    void selectCategory(std::int32_t code, bool add);

signals:
    // A click (no drag) on a point.
    void pointClicked(qint64 stimulus);
    // After a move started by animateTo() arrived.
    void animationFinished();

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void keyReleaseEvent(QKeyEvent* e) override;
    void leaveEvent(QEvent* e) override;

private:
    enum class DragMode { None, Pan, BrushRect, Lasso };
    void releaseGL();
    void rebuildColours();
    void rebuildSelectionFlags();
    void paintOverlay(QPainter& painter);
    // Many points under a software OpenGL: drawn on the CPU (scatter_splat.h).
    void paintSplat(QPainter& painter, const QRectF& area);
    [[nodiscard]] const CategoryColumn* categoryColumn() const;
    // The column right of the plot area where the legend goes.
    [[nodiscard]] QRectF legendRoom() const;
    [[nodiscard]] ScatterPoints currentPositions() const;
    void fitTo(const ScatterPoints& a, const ScatterPoints* b);

    std::unique_ptr<ScatterRenderer> renderer_;  // GL state; lives with the context
    QPointer<SelectionModel> selection_;
    std::shared_ptr<const Stimuli> stimuli_;
    std::string columnName_;
    std::vector<float> values_;  // per point, when colouring by value
    QString valuesName_;
    ColorScale valuesScale_;
    ScatterPoints from_;    // where the animation starts
    ScatterPoints target_;  // where the points go
    float mix_ = 1.0F;
    QVariantAnimation* animation_;
    std::vector<std::uint32_t> colours_;     // RGBA bytes per point
    std::vector<std::uint8_t> selectedFlags_;
    bool positionsDirty_ = true;
    bool coloursDirty_ = true;
    bool selectionDirty_ = true;
    ScatterViewport viewport_;
    bool fitted_ = true;  // the user has not zoomed or panned since the last fit
    bool fitPending_ = true;
    bool lassoMode_ = false;
    bool spaceHeld_ = false;
    DragMode drag_ = DragMode::None;
    bool dragMoved_ = false;  // the mouse left the press position's neighbourhood
    QPointF dragStart_;
    QPointF dragLast_;
    std::vector<QPointF> lasso_;  // widget pixels
    bool softwareGl_ = false;  // Mesa llvmpipe and the like
    QImage splatImage_;
    std::optional<std::size_t> hovered_;
    QPointF hoverPos_;
};

}  // namespace repscope::views
