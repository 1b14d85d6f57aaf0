#pragma once
// Internal: the VTK side of Scatter3DView — a renderer with three actors (the points that are
// not selected, the selected points drawn larger on top, the trajectories as polylines with a
// marker per layer) in a vtkGenericOpenGLRenderWindow that draws into the widget's context, and
// the camera interaction. Nothing VTK leaves this file and its .cpp.
#include <QRgb>
#include <cstdint>
#include <vector>

#include <vtkNew.h>

#include "repscope/views/scatter3d_picking.h"

class vtkActor;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkInteractorStyleTrackballCamera;
class vtkPolyData;
class vtkRenderer;

namespace repscope::views::detail {

class Scatter3DScene {
public:
    Scatter3DScene();
    ~Scatter3DScene();
    Scatter3DScene(const Scatter3DScene&) = delete;
    Scatter3DScene& operator=(const Scatter3DScene&) = delete;

    [[nodiscard]] vtkGenericOpenGLRenderWindow* window() const { return window_; }
    [[nodiscard]] vtkRenderer* renderer() const { return renderer_; }
    [[nodiscard]] vtkGenericRenderWindowInteractor* interactor() const { return interactor_; }
    [[nodiscard]] vtkPolyData* trajectories() const { return trajectories_; }

    // Positions, one colour per point (0xRRGGBB) and one selection flag per point; the three
    // have the same length. hasSelection: something is selected (the rest is dimmed).
    void setPoints(const ScatterPoints3& points);
    void setColours(const std::vector<QRgb>& colours);
    void setSelection(const std::vector<std::uint8_t>& flags);
    // The path of each of `stimuli` through `layers` (each N×3, same N as the points), coloured
    // as the points; empty layers or stimuli: none.
    void setTrajectories(const std::vector<ScatterPoints3>& layers,
                         const std::vector<std::size_t>& stimuli);
    void setTrajectoriesVisible(bool visible);
    // Diameter of a point in framebuffer pixels; selected points are drawn a little larger.
    void setPointSize(double pixels);
    [[nodiscard]] double pointSize() const { return pointSize_; }
    [[nodiscard]] double selectedPointSize() const;

    // Takes the widget's context (current) as the window's: call from initializeGL.
    void initializeGraphics();
    // Draws into the framebuffer bound in the current context (the widget's), with that context
    // current: call from paintGL.
    void render();
    // GL resources go with the widget's context: call with it current before it is destroyed.
    void releaseGraphics();

    // The window's size in framebuffer pixels (the interactor's too).
    void setSize(int width, int height);
    // Looks at everything shown from a fixed oblique direction.
    void resetCamera();
    // The ray through a framebuffer pixel (x right, y down from the top left) that reaches
    // `reachPixels` around it, for pickNearestToRay.
    [[nodiscard]] PickRay rayThrough(double x, double y, double reachPixels) const;

private:
    void rebuildPointCells();
    void rebuildTrajectoryColours();

    vtkNew<vtkGenericOpenGLRenderWindow> window_;
    vtkNew<vtkRenderer> renderer_;
    // Layer 1, the same camera: trajectories drawn over the points (inside a cloud of spheres
    // they were hidden until zoomed in).
    vtkNew<vtkRenderer> overlay_;
    vtkNew<vtkGenericRenderWindowInteractor> interactor_;
    vtkNew<vtkInteractorStyleTrackballCamera> style_;
    vtkNew<vtkPolyData> others_;    // points not selected (all when nothing is)
    vtkNew<vtkPolyData> selected_;  // selected points, same vtkPoints as others_
    vtkNew<vtkPolyData> trajectories_;
    vtkNew<vtkActor> othersActor_;
    vtkNew<vtkActor> selectedActor_;
    vtkNew<vtkActor> trajectoryActor_;
    std::vector<QRgb> colours_;
    std::vector<std::uint8_t> flags_;
    std::vector<std::size_t> trajectoryStimuli_;
    std::size_t trajectoryLayers_ = 0;
    double pointSize_ = 7.0;
};

}  // namespace repscope::views::detail
