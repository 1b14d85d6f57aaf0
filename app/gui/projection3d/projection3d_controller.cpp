#include "gui/projection3d/projection3d_controller.h"

#include <algorithm>
#include <cmath>

#include "gui/analysis/analysis_controller.h"
#include "gui/projection3d/projection3d_panel.h"
#include "repscope/views/scatter3d_view.h"

namespace repscope::gui {
namespace {

constexpr int kDims = 3;

views::ScatterPoints3 toPoints(const Eigen::MatrixXd& m) {
    views::ScatterPoints3 p = views::ScatterPoints3::Zero(m.rows(), 3);
    // A projection with fewer axes (an MDS axis of a non-positive eigenvalue is all zeros
    // anyway) keeps zeros in the rest.
    const Eigen::Index axes = std::min<Eigen::Index>(3, m.cols());
    p.leftCols(axes) = m.leftCols(axes).cast<float>();
    return p;
}

}  // namespace

Projection3DController::Projection3DController(TaskRunner* tasks, AnalysisController* analysis,
                                               Projection3DPanel* panel, QObject* parent)
    : QObject(parent), tasks_(tasks), analysis_(analysis), panel_(panel),
      caches_{analysis->representationCache(), std::make_shared<ProjectionCache>()} {
    connect(analysis_, &AnalysisController::focusChanged, this, &Projection3DController::focusChanged);
    // Focus A's prefix (Embedding checks view): side A shows X[:, :d], as the 2-D projection does.
    connect(analysis_, &AnalysisController::prefixChanged, this, &Projection3DController::focusChanged);
    connect(panel_, &Projection3DPanel::methodChanged, this, &Projection3DController::request);
    connect(panel_, &Projection3DPanel::sideChanged, this, &Projection3DController::request);
    connect(tasks_, &TaskRunner::jobsChanged, this, &Projection3DController::updateProgress);
}

Projection3DController::~Projection3DController() { cancelTask(); }

void Projection3DController::cancelTask() {
    if (tasks_ && task_ != 0) tasks_->cancel(task_);
    task_ = 0;
}

void Projection3DController::setActive(bool active) {
    if (active == active_) return;
    active_ = active;
    if (active_) request();
}

void Projection3DController::focusChanged() {
    if (analysis_->collection() != collection_) {
        // A new snapshot: indices and projections of the old one mean nothing now.
        cancelTask();
        ++request_;
        collection_ = analysis_->collection();
        caches_.projections->clear();
        method_.reset();
        wanted_.reset();
        wantedPrefix_ = 0;
        layers_.clear();
        aligned_.clear();
        shown_.reset();
        panel_->view()->clear();
        QStringList columns;
        if (collection_) {
            for (const CategoryColumn& c : collection_->stimuli().columns) {
                if (c.categories.size() >= 2) columns << QString::fromStdString(c.name);
            }
        }
        panel_->setColourColumns(columns, QString::fromStdString(analysis_->categoryColumn()));
    }
    const auto& entries = analysis_->representations();
    panel_->setFocusNames(entries.empty() ? QString() : analysis_->focusAName(),
                          entries.size() > 1 ? analysis_->displayName(analysis_->focusB()) : QString());
    request();
}

void Projection3DController::request() {
    const auto& entries = analysis_->representations();
    if (!collection_ || entries.empty()) {
        cancelTask();
        ++request_;
        panel_->setNote(QString());
        return;
    }
    if (!active_) return;  // asked again when shown
    const std::size_t rep =
        panel_->side() == FocusSide::A ? analysis_->focusA() : analysis_->focusB();
    const ProjectionMethod method = panel_->method();
    // A prefix of A is projected alone: the other layers have no such prefix to align with.
    const int prefix = panel_->side() == FocusSide::A ? analysis_->focusAPrefix() : 0;
    if (method_ == method && wanted_ == rep && wantedPrefix_ == prefix) return;  // shown or being computed
    cancelTask();
    const quint64 request = ++request_;
    method_ = method;
    wanted_ = rep;
    wantedPrefix_ = prefix;
    const std::vector<std::size_t> layers = prefix > 0 ? std::vector<std::size_t>{rep} : layersOfModel(entries, rep);
    const auto position = static_cast<std::size_t>(
        std::find(layers.begin(), layers.end(), rep) - layers.begin());

    const QString methodName = QString::fromStdString(projectionMethodName(method));
    taskText_ = layers.size() > 1
                    ? tr("Computing the 3-D %1 projections of the %2 layers of %3…")
                          .arg(methodName)
                          .arg(layers.size())
                          .arg(analysis_->displayName(rep))
                    : tr("Computing the 3-D %1 projection of %2…")
                          .arg(methodName, prefix > 0 ? analysis_->focusAName() : analysis_->displayName(rep));
    panel_->setNote(taskText_);
    const std::shared_ptr<const Collection> collection = collection_;
    const ProjectionCaches caches = caches_;
    const std::uint64_t seed = seed_;
    auto aligned = std::make_shared<std::vector<Eigen::MatrixXd>>();
    QPointer<Projection3DController> self(this);
    task_ = tasks_->submit(
        taskText_,
        [collection, layers, position, method, seed, caches, prefix, aligned](Progress& progress) {
            if (prefix > 0) {
                aligned->push_back(*projectRepresentation(collection, layers.front(), method, seed, caches,
                                                          progress, kDims, prefix));
            } else {
                *aligned = alignedLayerProjections(collection, layers, position, method, seed, caches,
                                                   progress, kDims);
            }
        },
        [self, request, rep, layers, position, prefix, aligned](const TaskOutcome& outcome) {
            if (Projection3DController* c = self.data())
                c->finished(request, rep, layers, position, prefix, std::move(*aligned), outcome);
        });
}

void Projection3DController::updateProgress() {
    if (task_ == 0 || !tasks_) return;
    for (const TaskRunner::Job& job : tasks_->jobs()) {
        if (job.id != task_) continue;
        const QString state = !job.running ? tr(" (waiting)")
                              : job.fraction > 0.0
                                  ? QStringLiteral(" %1%").arg(std::lround(100.0 * job.fraction))
                                  : QString();
        panel_->setNote(taskText_ + state);
        return;
    }
}

void Projection3DController::finished(quint64 request, std::size_t representation,
                                      std::vector<std::size_t> layers, std::size_t position, int prefix,
                                      std::vector<Eigen::MatrixXd> aligned,
                                      const TaskOutcome& outcome) {
    if (request != request_) return;  // superseded
    task_ = 0;
    if (outcome.cancelled || !outcome.error.isEmpty() || position >= aligned.size()) {
        method_.reset();  // ask again next time
        wanted_.reset();
        wantedPrefix_ = 0;
        panel_->setNote(outcome.cancelled ? tr("Cancelled: the 3-D projection.") : outcome.error);
        if (!outcome.error.isEmpty()) {
            panel_->view()->clear();
            shown_.reset();
            layers_.clear();
            aligned_.clear();
        }
        return;
    }
    layers_ = std::move(layers);
    aligned_ = std::move(aligned);
    views::Scatter3DView* view = panel_->view();
    view->setPoints(toPoints(aligned_[position]),
                    std::shared_ptr<const Stimuli>(collection_, &collection_->stimuli()));
    std::vector<views::ScatterPoints3> paths;
    if (aligned_.size() > 1) {
        for (const Eigen::MatrixXd& m : aligned_) paths.push_back(toPoints(m));
    }
    view->setLayers(std::move(paths));
    shown_ = representation;
    panel_->setNote(aligned_.size() > 1 ? QString()
                    : prefix > 0
                        ? tr("The first %1 dimensions of A alone: other layers have no such prefix, so no "
                             "trajectories.").arg(prefix)
                        : tr("One layer in this model: no trajectories to draw."));
    emit projectionShown();
}

}  // namespace repscope::gui
