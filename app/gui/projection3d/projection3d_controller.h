#pragma once
// Wires the 3-D panel to the focus pair: the 3-D projections (PCA, MDS, t-SNE, UMAP) of every
// layer of the shown representation's model, aligned to it (orthogonal Procrustes, the 2-D
// panel's computation with three axes), computed in one TaskRunner task on the collection
// snapshot; a newer request cancels the older task and drops its late result. The view shows
// the focus layer's points and the trajectories of the selected stimuli through all layers.
// While the panel is hidden nothing is computed; showing it catches up.
#include <Eigen/Core>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>
#include <vector>

#include "gui/projection/projection_tasks.h"
#include "gui/tasks/task_runner.h"

namespace repscope::gui {

class AnalysisController;
class Projection3DPanel;

class Projection3DController : public QObject {
    Q_OBJECT
public:
    Projection3DController(TaskRunner* tasks, AnalysisController* analysis,
                           Projection3DPanel* panel, QObject* parent);
    ~Projection3DController() override;
    Projection3DController(const Projection3DController&) = delete;
    Projection3DController& operator=(const Projection3DController&) = delete;

    // Computes only while active (the panel on screen); becoming active requests what is due.
    void setActive(bool active);
    [[nodiscard]] bool isActive() const { return active_; }

    // Index into the analysis controller's representations() of what the view shows; nullopt
    // when nothing is shown.
    [[nodiscard]] std::optional<std::size_t> shownRepresentation() const { return shown_; }
    // The layers (indices into representations()) whose aligned projections the trajectories
    // run through, in order, and those projections (N×3 each), once shown.
    [[nodiscard]] const std::vector<std::size_t>& layers() const { return layers_; }
    [[nodiscard]] const std::vector<Eigen::MatrixXd>& alignedLayers() const { return aligned_; }

signals:
    // After a projection (with its layers) was put on screen.
    void projectionShown();

private:
    void focusChanged();
    void request();
    void finished(quint64 request, std::size_t representation, std::vector<std::size_t> layers,
                  std::size_t position, int prefix, std::vector<Eigen::MatrixXd> aligned,
                  const TaskOutcome& outcome);
    void updateProgress();
    void cancelTask();

    QPointer<TaskRunner> tasks_;  // may go before this object when the window closes
    AnalysisController* analysis_;
    Projection3DPanel* panel_;
    std::shared_ptr<const Collection> collection_;
    ProjectionCaches caches_;  // its own projection cache: 3-D ones only
    std::uint64_t seed_ = 0;
    bool active_ = false;
    // What is shown or being computed.
    std::optional<ProjectionMethod> method_;
    std::optional<std::size_t> wanted_;
    int wantedPrefix_ = 0;  // of focus A (0: all of it), as the 2-D projection
    std::vector<std::size_t> layers_;
    std::vector<Eigen::MatrixXd> aligned_;
    std::optional<std::size_t> shown_;
    TaskRunner::TaskId task_ = 0;
    QString taskText_;
    quint64 request_ = 0;
};

}  // namespace repscope::gui
