// Scatter3DView: points, colours, selection, trajectories and the GL lifetime. Input handling
// is in scatter3d_view_input.cpp, the VTK scene in scatter3d_scene.cpp.
#include "repscope/views/scatter3d_view.h"

#include <QLabel>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <algorithm>
#include <cmath>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include "heatmap_overlay.h"  // categoryColour: the palette of every view of categories
#include "repscope/views/selection_model.h"
#include "scatter3d_scene.h"

namespace repscope::views {

namespace {

// VTK asks through events whether the widget's context is current and to make it so.
// QOpenGLWidget::makeCurrent() also binds the widget's framebuffer: called while VTK has its
// own bound (VTK asks again in the middle of a frame), it would send VTK's drawing there.
void onMakeCurrent(vtkObject* /*caller*/, unsigned long /*event*/, void* clientData, void* /*callData*/) {
    auto* view = static_cast<Scatter3DView*>(clientData);
    if (view->context() != nullptr && QOpenGLContext::currentContext() != view->context())
        view->makeCurrent();
}

void onIsCurrent(vtkObject* /*caller*/, unsigned long /*event*/, void* clientData, void* callData) {
    const auto* view = static_cast<Scatter3DView*>(clientData);
    *static_cast<bool*>(callData) =
        view->context() != nullptr && QOpenGLContext::currentContext() == view->context();
}

// The interactor asks for a render after every camera move: the widget repaints.
void onRender(vtkObject* /*caller*/, unsigned long /*event*/, void* clientData, void* /*callData*/) {
    static_cast<Scatter3DView*>(clientData)->update();
}

}  // namespace

Scatter3DView::Scatter3DView(QWidget* parent)
    : QOpenGLWidget(parent), scene_(std::make_unique<detail::Scatter3DScene>()),
      note_(new QLabel(this)) {
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    setFormat(format);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(160, 160);
    note_->setObjectName(QStringLiteral("trajectoryNote"));
    note_->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(255, 255, 255, 210); color: #333; padding: 2px 4px; }"));
    note_->move(6, 6);
    note_->hide();

    const auto observe = [this](vtkObject* subject, unsigned long event,
                                void (*callback)(vtkObject*, unsigned long, void*, void*)) {
        vtkNew<vtkCallbackCommand> command;
        command->SetClientData(this);
        command->SetCallback(callback);
        subject->AddObserver(event, command);
    };
    observe(scene_->window(), vtkCommand::WindowMakeCurrentEvent, onMakeCurrent);
    observe(scene_->window(), vtkCommand::WindowIsCurrentEvent, onIsCurrent);
    observe(scene_->interactor(), vtkCommand::RenderEvent, onRender);
}

Scatter3DView::~Scatter3DView() {
    releaseGL();
    // The context dies in ~QOpenGLWidget, after our members: it must not call back into us.
    if (context() != nullptr) disconnect(context(), nullptr, this, nullptr);
    scene_->window()->RemoveAllObservers();
    scene_->interactor()->RemoveAllObservers();
}

vtkRenderer* Scatter3DView::renderer() const { return scene_->renderer(); }

vtkPolyData* Scatter3DView::trajectoryData() const { return scene_->trajectories(); }

void Scatter3DView::setPoints(ScatterPoints3 points, std::shared_ptr<const Stimuli> stimuli) {
    points_ = std::move(points);
    stimuli_ = std::move(stimuli);
    layers_.clear();
    scene_->setPoints(points_);
    scene_->setPointSize(pointSize() * devicePixelRatioF());
    rebuildColours();
    rebuildSelection();
    cameraPending_ = true;
    update();
}

void Scatter3DView::setLayers(std::vector<ScatterPoints3> layers) {
    const bool fits = std::all_of(layers.begin(), layers.end(), [this](const ScatterPoints3& l) {
        return l.rows() == points_.rows();
    });
    layers_ = fits ? std::move(layers) : std::vector<ScatterPoints3>{};
    rebuildTrajectories();
    update();
}

void Scatter3DView::clear() { setPoints(ScatterPoints3(), nullptr); }

void Scatter3DView::setCategoryColumn(const std::string& name) {
    if (name == columnName_) return;
    columnName_ = name;
    rebuildColours();
    update();
}

const CategoryColumn* Scatter3DView::categoryColumn() const {
    if (!stimuli_ || columnName_.empty()) return nullptr;
    const CategoryColumn* c = stimuli_->column(columnName_);
    return c != nullptr && static_cast<Eigen::Index>(c->codes.size()) == points_.rows() ? c : nullptr;
}

void Scatter3DView::rebuildColours() {
    const CategoryColumn* column = categoryColumn();
    std::vector<QRgb> colours(static_cast<std::size_t>(points_.rows()), qRgb(70, 110, 160));
    if (column != nullptr) {
        for (std::size_t i = 0; i < colours.size(); ++i)
            colours[i] = detail::categoryColour(column->codes[i]).rgb();
    }
    scene_->setColours(colours);
}

void Scatter3DView::rebuildSelection() {
    const auto n = static_cast<std::size_t>(points_.rows());
    std::vector<std::uint8_t> flags(n, 0);
    selectedCount_ = 0;
    if (const SelectionModel* model = selection_.data(); model != nullptr) {
        for (std::size_t i : model->selection().indices()) {
            if (i < n) {
                flags[i] = 1;
                ++selectedCount_;
            }
        }
    }
    scene_->setSelection(flags);
    rebuildTrajectories();
}

void Scatter3DView::rebuildTrajectories() {
    trajectoryStimuli_.clear();
    if (trajectoriesVisible_ && !layers_.empty() && selection_) {
        for (std::size_t i : selection_->selection().indices()) {
            if (i >= static_cast<std::size_t>(points_.rows()) ||
                trajectoryStimuli_.size() == kMaxTrajectories)
                break;
            trajectoryStimuli_.push_back(i);
        }
    }
    scene_->setTrajectories(layers_, trajectoryStimuli_);
    scene_->setTrajectoriesVisible(trajectoriesVisible_);
    const QString note = trajectoryNote();
    note_->setText(note);
    note_->adjustSize();
    note_->setVisible(!note.isEmpty());
}

QString Scatter3DView::trajectoryNote() const {
    if (!trajectoriesVisible_ || layers_.empty() || selectedCount_ <= trajectoryStimuli_.size())
        return {};
    return tr("Trajectories of the first %1 of %2 selected stimuli")
        .arg(trajectoryStimuli_.size())
        .arg(selectedCount_);
}

void Scatter3DView::setTrajectoriesVisible(bool visible) {
    if (visible == trajectoriesVisible_) return;
    trajectoriesVisible_ = visible;
    rebuildTrajectories();
    update();
}

void Scatter3DView::setSelectionModel(SelectionModel* model) {
    if (selection_ == model) return;
    if (selection_) disconnect(selection_, nullptr, this, nullptr);
    selection_ = model;
    if (selection_) {
        // Rebuilding the vertex lists is O(N) and cheap next to a frame, so a delta is not
        // applied piecewise.
        connect(selection_, &SelectionModel::changed, this, [this] {
            rebuildSelection();
            update();
        });
    }
    rebuildSelection();
    update();
}

SelectionModel* Scatter3DView::selectionModel() const { return selection_.data(); }

double Scatter3DView::pointSize() const {
    const Eigen::Index n = points_.rows();
    if (n <= 2000) return 8.0;
    if (n <= 20000) return 6.0;
    return 4.0;
}

void Scatter3DView::resetCamera() {
    cameraPending_ = true;
    update();
}

void Scatter3DView::syncSize() {
    const qreal dpr = devicePixelRatioF();
    scene_->setSize(static_cast<int>(std::lround(width() * dpr)),
                    static_cast<int>(std::lround(height() * dpr)));
}

void Scatter3DView::initializeGL() {
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &Scatter3DView::releaseGL,
            Qt::UniqueConnection);
    scene_->initializeGraphics();
    glReady_ = true;
    syncSize();
}

void Scatter3DView::releaseGL() {
    if (!glReady_ || context() == nullptr) return;
    makeCurrent();
    scene_->releaseGraphics();
    doneCurrent();
    glReady_ = false;
}

void Scatter3DView::resizeGL(int /*w*/, int /*h*/) {
    syncSize();
    if (cameraFitted_) cameraPending_ = true;
}

void Scatter3DView::paintGL() {
    if (!glReady_) return;
    syncSize();
    scene_->setPointSize(pointSize() * devicePixelRatioF());
    if (cameraPending_) {
        scene_->resetCamera();
        cameraPending_ = false;
        cameraFitted_ = true;
    }
    scene_->render();
}

}  // namespace repscope::views
