#include "scatter3d_scene.h"

#include <QColor>
#include <qopengl.h>
#include <algorithm>
#include <cmath>
#include <cstring>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkIdTypeArray.h>
#include <vtkOpenGLState.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

namespace repscope::views::detail {
namespace {

// Unselected points fade this far towards the background while something is selected (as the
// 2-D view's points do).
constexpr double kDim = 0.75;
constexpr double kSelectedExtra = 4.0;  // framebuffer pixels added to a selected point
constexpr double kMarkerSize = 5.0;     // trajectory markers, framebuffer pixels
constexpr double kTrajectoryWidth = 3.0;

vtkNew<vtkPolyDataMapper> mapperFor(vtkPolyData* data) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(data);
    mapper->SetScalarModeToUsePointData();
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    return mapper;
}

// Spheres lit by the camera's headlight: the centre of each shows the colour itself (ambient +
// diffuse = 1 facing the light), the rim is darker, which gives depth without changing hues.
void styleSpheres(vtkProperty* p, double size) {
    p->SetRepresentationToPoints();
    p->RenderPointsAsSpheresOn();
    p->SetPointSize(static_cast<float>(size));
    p->SetAmbient(0.55);
    p->SetDiffuse(0.45);
    p->SetSpecular(0.0);
}

// Cells of single vertices at the given point ids.
vtkNew<vtkCellArray> vertexCells(const std::vector<vtkIdType>& ids) {
    vtkNew<vtkIdTypeArray> offsets;
    offsets->SetNumberOfValues(static_cast<vtkIdType>(ids.size() + 1));
    for (std::size_t k = 0; k <= ids.size(); ++k)
        offsets->SetValue(static_cast<vtkIdType>(k), static_cast<vtkIdType>(k));
    vtkNew<vtkIdTypeArray> connectivity;
    connectivity->SetNumberOfValues(static_cast<vtkIdType>(ids.size()));
    for (std::size_t k = 0; k < ids.size(); ++k)
        connectivity->SetValue(static_cast<vtkIdType>(k), ids[k]);
    vtkNew<vtkCellArray> cells;
    cells->SetData(offsets, connectivity);
    return cells;
}

vtkNew<vtkUnsignedCharArray> colourArray(const std::vector<QRgb>& colours, double towardsWhite) {
    vtkNew<vtkUnsignedCharArray> array;
    array->SetName("colours");
    array->SetNumberOfComponents(3);
    array->SetNumberOfTuples(static_cast<vtkIdType>(colours.size()));
    unsigned char* out = array->GetPointer(0);
    const auto fade = [towardsWhite](int c) {
        return static_cast<unsigned char>(std::lround(c + (255 - c) * towardsWhite));
    };
    for (std::size_t i = 0; i < colours.size(); ++i) {
        out[3 * i] = fade(qRed(colours[i]));
        out[3 * i + 1] = fade(qGreen(colours[i]));
        out[3 * i + 2] = fade(qBlue(colours[i]));
    }
    return array;
}

}  // namespace

Scatter3DScene::Scatter3DScene() {
    window_->SetMultiSamples(0);  // the widget's framebuffer decides
    window_->AddRenderer(renderer_);
    renderer_->SetBackground(1.0, 1.0, 1.0);
    window_->SetNumberOfLayers(2);
    overlay_->SetLayer(1);
    overlay_->InteractiveOff();
    overlay_->SetActiveCamera(renderer_->GetActiveCamera());
    window_->AddRenderer(overlay_);
    interactor_->SetRenderWindow(window_);
    interactor_->SetInteractorStyle(style_);
    // Renders go through the widget (update() → paintGL); the interactor only reports them.
    interactor_->EnableRenderOff();
    interactor_->Initialize();  // enables it; draws nothing, as rendering is off

    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    others_->SetPoints(points);
    selected_->SetPoints(points);
    for (auto [data, actor] : {std::pair{others_.Get(), othersActor_.Get()},
                               std::pair{selected_.Get(), selectedActor_.Get()}}) {
        actor->SetMapper(mapperFor(data));
        renderer_->AddActor(actor);
    }
    styleSpheres(othersActor_->GetProperty(), pointSize_);
    styleSpheres(selectedActor_->GetProperty(), selectedPointSize());

    trajectoryActor_->SetMapper(mapperFor(trajectories_));
    vtkProperty* tp = trajectoryActor_->GetProperty();
    tp->SetLineWidth(static_cast<float>(kTrajectoryWidth));
    tp->SetPointSize(static_cast<float>(kMarkerSize));
    tp->RenderPointsAsSpheresOn();
    tp->SetAmbient(0.55);
    tp->SetDiffuse(0.45);
    overlay_->AddActor(trajectoryActor_);
}

Scatter3DScene::~Scatter3DScene() = default;

double Scatter3DScene::selectedPointSize() const { return pointSize_ + kSelectedExtra; }

void Scatter3DScene::setPoints(const ScatterPoints3& points) {
    vtkNew<vtkFloatArray> xyz;
    xyz->SetNumberOfComponents(3);
    xyz->SetNumberOfTuples(points.rows());
    if (points.rows() > 0) {
        std::memcpy(xyz->GetPointer(0), points.data(),
                    static_cast<std::size_t>(points.size()) * sizeof(float));
    }
    others_->GetPoints()->SetData(xyz);
    others_->GetPoints()->Modified();
    colours_.assign(static_cast<std::size_t>(points.rows()), qRgb(70, 110, 160));
    flags_.assign(static_cast<std::size_t>(points.rows()), 0);
    rebuildPointCells();
}

void Scatter3DScene::setColours(const std::vector<QRgb>& colours) {
    colours_ = colours;
    colours_.resize(flags_.size(), qRgb(70, 110, 160));
    rebuildPointCells();
    rebuildTrajectoryColours();
}

void Scatter3DScene::setSelection(const std::vector<std::uint8_t>& flags) {
    flags_ = flags;
    flags_.resize(colours_.size(), 0);
    rebuildPointCells();
}

void Scatter3DScene::rebuildPointCells() {
    std::vector<vtkIdType> others;
    std::vector<vtkIdType> selected;
    others.reserve(flags_.size());
    for (std::size_t i = 0; i < flags_.size(); ++i)
        (flags_[i] != 0 ? selected : others).push_back(static_cast<vtkIdType>(i));
    others_->SetVerts(vertexCells(others));
    selected_->SetVerts(vertexCells(selected));
    others_->GetPointData()->SetScalars(colourArray(colours_, selected.empty() ? 0.0 : kDim));
    selected_->GetPointData()->SetScalars(colourArray(colours_, 0.0));
    others_->Modified();
    selected_->Modified();
}

void Scatter3DScene::setTrajectories(const std::vector<ScatterPoints3>& layers,
                                     const std::vector<std::size_t>& stimuli) {
    trajectoryStimuli_.clear();
    trajectoryLayers_ = layers.size();
    for (std::size_t s : stimuli) {
        const bool inAll = std::all_of(layers.begin(), layers.end(), [s](const ScatterPoints3& l) {
            return s < static_cast<std::size_t>(l.rows());
        });
        if (inAll) trajectoryStimuli_.push_back(s);
    }
    const std::size_t k = layers.size();
    const std::size_t m = layers.empty() ? 0 : trajectoryStimuli_.size();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    points->SetNumberOfPoints(static_cast<vtkIdType>(k * m));
    vtkNew<vtkCellArray> lines;
    std::vector<vtkIdType> markers;
    markers.reserve(k * m);
    std::vector<vtkIdType> line(k);
    for (std::size_t j = 0; j < m; ++j) {
        const auto row = static_cast<Eigen::Index>(trajectoryStimuli_[j]);
        for (std::size_t layer = 0; layer < k; ++layer) {
            const auto id = static_cast<vtkIdType>(j * k + layer);
            const ScatterPoints3& p = layers[layer];
            points->SetPoint(id, p(row, 0), p(row, 1), p(row, 2));
            line[layer] = id;
            markers.push_back(id);
        }
        lines->InsertNextCell(static_cast<vtkIdType>(k), line.data());
    }
    trajectories_->SetPoints(points);
    trajectories_->SetLines(lines);
    trajectories_->SetVerts(vertexCells(markers));
    rebuildTrajectoryColours();
}

void Scatter3DScene::rebuildTrajectoryColours() {
    std::vector<QRgb> colours;
    colours.reserve(trajectoryStimuli_.size() * trajectoryLayers_);
    for (std::size_t s : trajectoryStimuli_) {
        // Darker than the spheres of its category, so that a path reads over its own cluster.
        const QRgb c = QColor(s < colours_.size() ? colours_[s] : qRgb(70, 110, 160)).darker(150).rgb();
        colours.insert(colours.end(), trajectoryLayers_, c);
    }
    trajectories_->GetPointData()->SetScalars(colourArray(colours, 0.0));
    trajectories_->Modified();
}

void Scatter3DScene::setTrajectoriesVisible(bool visible) {
    trajectoryActor_->SetVisibility(visible ? 1 : 0);
}

void Scatter3DScene::setPointSize(double pixels) {
    pointSize_ = pixels;
    othersActor_->GetProperty()->SetPointSize(static_cast<float>(pointSize_));
    selectedActor_->GetProperty()->SetPointSize(static_cast<float>(selectedPointSize()));
}

void Scatter3DScene::initializeGraphics() {
    window_->SetOwnContext(0);
    window_->SetFrameBlitModeToBlitToCurrent();
    window_->SetReadyForRendering(false);
    window_->OpenGLInitContext();
}

void Scatter3DScene::render() {
    // Near and far planes around the points and the trajectories (which leave the points' box).
    double bounds[6];
    renderer_->ComputeVisiblePropBounds(bounds);
    if (trajectoryActor_->GetVisibility() != 0 && trajectories_->GetNumberOfPoints() > 0) {
        double t[6];
        trajectories_->GetBounds(t);
        if (bounds[0] > bounds[1]) std::copy(t, t + 6, bounds);
        for (int k = 0; k < 6; k += 2) {
            bounds[k] = std::min(bounds[k], t[k]);
            bounds[k + 1] = std::max(bounds[k + 1], t[k + 1]);
        }
    }
    if (bounds[0] <= bounds[1]) renderer_->ResetCameraClippingRange(bounds);
    // VTK caches GL state: take the context's state as Qt left it (its framebuffer bound) and
    // give it back afterwards. VTK draws into its own framebuffer and blits to the bound one.
    vtkOpenGLState* state = window_->GetState();
    state->Reset();
    state->Push();
    state->ResetFramebufferBindings();
    state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK expects GL_LEQUAL
    window_->SetReadyForRendering(true);
    window_->SetIsCurrent(true);
    window_->Render();
    window_->SetReadyForRendering(false);
    state->Pop();
}

void Scatter3DScene::releaseGraphics() {
    window_->ReleaseGraphicsResources(window_);
}

void Scatter3DScene::setSize(int width, int height) {
    interactor_->UpdateSize(std::max(1, width), std::max(1, height));
    window_->SetSize(std::max(1, width), std::max(1, height));
}

void Scatter3DScene::resetCamera() {
    vtkCamera* camera = renderer_->GetActiveCamera();
    // The first two axes as in the 2-D view (x right, y up), turned a little to show depth.
    camera->SetFocalPoint(0.0, 0.0, 0.0);
    camera->SetPosition(0.0, 0.0, 1.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->Azimuth(-30.0);
    camera->Elevation(20.0);
    camera->OrthogonalizeViewUp();
    renderer_->ResetCamera();
    renderer_->ResetCameraClippingRange();
}

PickRay Scatter3DScene::rayThrough(double x, double y, double reachPixels) const {
    const int* size = window_->GetSize();
    const double height = std::max(1, size[1]);
    renderer_->SetDisplayPoint(x, height - y, 0.0);
    renderer_->DisplayToWorld();
    double world[4];
    renderer_->GetWorldPoint(world);
    const double w = world[3] != 0.0 ? world[3] : 1.0;
    const Eigen::Vector3d onNear(world[0] / w, world[1] / w, world[2] / w);
    vtkCamera* camera = renderer_->GetActiveCamera();
    double position[3];
    double focal[3];
    camera->GetPosition(position);
    camera->GetFocalPoint(focal);
    const Eigen::Vector3d eye(position[0], position[1], position[2]);
    PickRay ray;
    if (camera->GetParallelProjection() != 0) {
        ray.origin = onNear;
        ray.direction = Eigen::Vector3d(focal[0], focal[1], focal[2]) - eye;
        ray.radius = reachPixels * 2.0 * camera->GetParallelScale() / height;
    } else {
        ray.origin = eye;
        ray.direction = onNear - eye;
        constexpr double kDegree = 3.14159265358979323846 / 180.0;
        ray.slope = reachPixels * 2.0 * std::tan(camera->GetViewAngle() * kDegree / 2.0) / height;
    }
    // What is drawn of a point (its radius) against the reach.
    ray.drawnFraction = reachPixels > 0.0 ? std::min(1.0, 0.5 * pointSize_ / reachPixels) : 0.0;
    return ray;
}

}  // namespace repscope::views::detail
