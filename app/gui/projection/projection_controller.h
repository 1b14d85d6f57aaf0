#pragma once
// Wires the Projection panel to the focus pair: which representation it projects (A or B), by
// which method, computed as TaskRunner tasks on the collection snapshot (projections cached per
// representation, method and seed; a newer request cancels the older tasks and drops their late
// results), and the layer slider, which animates between the Procrustes-aligned projections of
// the layers of the shown representation's model.
#include <Eigen/Core>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "gui/projection/projection_tasks.h"
#include "gui/tasks/task_runner.h"

namespace repscope::gui {

class AnalysisController;
class ProjectionPanel;

class ProjectionController : public QObject {
    Q_OBJECT
public:
    ProjectionController(TaskRunner* tasks, AnalysisController* analysis, ProjectionPanel* panel,
                         QObject* parent);
    ~ProjectionController() override;
    ProjectionController(const ProjectionController&) = delete;
    ProjectionController& operator=(const ProjectionController&) = delete;

    // Index into the analysis controller's representations() of what the view shows (the layer
    // at the slider once layers are aligned); nullopt when nothing is shown.
    [[nodiscard]] std::optional<std::size_t> shownRepresentation() const { return shown_; }
    // The representations the slider moves through.
    [[nodiscard]] const std::vector<std::size_t>& layers() const { return layers_; }
    // True once the aligned projections of every layer are there (the slider moves).
    [[nodiscard]] bool layersAligned() const { return !aligned_.empty(); }
    static constexpr int kAnimationMs = 300;

signals:
    // After a projection was put on screen (first computed, or another layer).
    void projectionShown();
    // After the aligned projections of the model's layers arrived.
    void layersReady();

private:
    void focusChanged();
    void request();
    void showLayer(std::size_t position, bool animate);
    void projectionFinished(quint64 request, std::size_t representation,
                            const ProjectionPtr& projection, const TaskOutcome& outcome);
    void layersFinished(quint64 request, std::vector<Eigen::MatrixXd> aligned,
                        const TaskOutcome& outcome);
    void cancelTasks();
    [[nodiscard]] QStringList layerNames() const;
    // The representation's name, with the prefix shown ("… (first 16 dimensions)").
    [[nodiscard]] QString nameOf(std::size_t representation, int prefix) const;

    QPointer<TaskRunner> tasks_;  // may go before this object when the window closes
    AnalysisController* analysis_;
    ProjectionPanel* panel_;
    std::shared_ptr<const Collection> collection_;
    ProjectionCaches caches_;
    std::uint64_t seed_ = 0;
    // What is shown or being computed: method and the model's layers.
    std::optional<ProjectionMethod> method_;
    std::vector<std::size_t> layers_;
    int prefix_ = 0;  // > 0: the first prefix_ dimensions of focus A only (no layer slider)
    std::size_t wanted_ = 0;  // the representation asked for
    std::vector<Eigen::MatrixXd> aligned_;  // per layer, once computed
    // What the view showed before the running request began: restored when it is cancelled, so
    // that the slider moves through the shown method's layers again.
    struct ShownState {
        std::optional<ProjectionMethod> method;
        std::vector<std::size_t> layers;
        std::vector<Eigen::MatrixXd> aligned;
        int prefix = 0;
    };
    ShownState previous_;
    std::optional<std::size_t> shown_;
    TaskRunner::TaskId projectTask_ = 0;
    TaskRunner::TaskId layersTask_ = 0;
    quint64 request_ = 0;
};

}  // namespace repscope::gui
