#pragma once
// Scatter3DView: a 3-D scatter of stimuli (a 3-D projection) drawn by VTK inside a Qt 6
// QOpenGLWidget: points coloured by a category column with the 2-D view's palette, the shared
// selection highlighted (selected points bright and larger, the rest dimmed), and optionally
// the representational trajectories of the selected stimuli — each one's path through the
// aligned projections of a model's layers, a polyline in its category's colour with a marker
// per layer (at most kMaxTrajectories; the view says when it shows fewer than are selected).
//
// Mouse: left drag orbits, middle drag (or Shift + left drag) pans, right drag or the wheel
// zooms; a click (no drag) on a point selects that stimulus (Shift adds; a click on nothing
// clears). Keys: Home or R fits the camera to the data, Esc clears the selection.
//
// VTK stays behind a pimpl; renderer() and trajectoryData() hand out its objects to tests.
#include <QOpenGLWidget>
#include <QPointer>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "repscope/stimuli.h"
#include "repscope/views/scatter3d_picking.h"

class QLabel;
class vtkPolyData;
class vtkRenderer;

namespace repscope::views {

class SelectionModel;

namespace detail {
class Scatter3DScene;
}

class Scatter3DView : public QOpenGLWidget {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxTrajectories = 200;

    explicit Scatter3DView(QWidget* parent);
    ~Scatter3DView() override;
    Scatter3DView(const Scatter3DView&) = delete;
    Scatter3DView& operator=(const Scatter3DView&) = delete;

    // What to show: N points (row i = stimulus i, world coordinates) and the stimuli's labels
    // and categories (may be null). Drops the layers and fits the camera.
    void setPoints(ScatterPoints3 points, std::shared_ptr<const Stimuli> stimuli);
    // The positions of the same N stimuli in each layer of a model, in layer order, aligned to
    // each other; the trajectories run through them. Empty (or another N): no trajectories.
    void setLayers(std::vector<ScatterPoints3> layers);
    void clear();
    [[nodiscard]] bool hasPoints() const { return points_.rows() > 0; }
    [[nodiscard]] const ScatterPoints3& points() const { return points_; }
    [[nodiscard]] const std::vector<ScatterPoints3>& layers() const { return layers_; }

    // The column that colours the points (none: empty or absent).
    void setCategoryColumn(const std::string& name);
    [[nodiscard]] const std::string& categoryColumnName() const { return columnName_; }
    // The shared selection (not owned; may be null).
    void setSelectionModel(SelectionModel* model);
    [[nodiscard]] SelectionModel* selectionModel() const;

    void setTrajectoriesVisible(bool visible);
    [[nodiscard]] bool trajectoriesVisible() const { return trajectoriesVisible_; }
    // The stimuli whose trajectories are drawn: the selected ones, ascending, at most
    // kMaxTrajectories (empty while trajectories are hidden or there are no layers).
    [[nodiscard]] const std::vector<std::size_t>& trajectoryStimuli() const {
        return trajectoryStimuli_;
    }
    // What the view says about the trajectories (e.g. that it shows only the first 200); empty
    // when there is nothing to say.
    [[nodiscard]] QString trajectoryNote() const;

    // Looks at all points (and trajectories) from the default direction.
    void resetCamera();
    // Diameter of a point in widget pixels (smaller for more points).
    [[nodiscard]] double pointSize() const;
    // The stimulus whose point is under a widget position (within its radius plus a few
    // pixels; of several, the front one).
    [[nodiscard]] std::optional<std::size_t> pointAt(QPointF widgetPos) const;

    // VTK objects (owned by the view) for tests: the renderer with its camera, and the
    // trajectories as polydata (one polyline per stimulus, one point per layer, and a vertex
    // per point for the markers).
    [[nodiscard]] vtkRenderer* renderer() const;
    [[nodiscard]] vtkPolyData* trajectoryData() const;

signals:
    // A click (no drag) on a point.
    void pointClicked(qint64 stimulus);

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void releaseGL();
    void rebuildColours();
    void rebuildSelection();
    void rebuildTrajectories();
    void syncSize();
    // Hands a Qt mouse event's position and modifiers to the VTK interactor.
    void forwardPosition(const QMouseEvent* e);
    [[nodiscard]] const CategoryColumn* categoryColumn() const;

    std::unique_ptr<detail::Scatter3DScene> scene_;
    QPointer<SelectionModel> selection_;
    std::shared_ptr<const Stimuli> stimuli_;
    std::string columnName_;
    ScatterPoints3 points_;
    std::vector<ScatterPoints3> layers_;
    std::vector<std::size_t> trajectoryStimuli_;
    std::size_t selectedCount_ = 0;
    bool trajectoriesVisible_ = true;
    bool cameraPending_ = true;
    // The camera is where the last reset put it (no drag or wheel since): a resize refits it,
    // since the fit depends on the view's aspect (a fit made while the dock opened narrow would
    // leave the points small once it widens).
    bool cameraFitted_ = true;
    bool glReady_ = false;
    QLabel* note_;  // the trajectory note, over the top left corner
    // A press that has not moved beyond a few pixels is a click.
    Qt::MouseButton pressed_ = Qt::NoButton;
    QPointF pressPos_;
    bool dragMoved_ = false;
};

}  // namespace repscope::views
