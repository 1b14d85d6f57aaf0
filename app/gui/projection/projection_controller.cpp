#include "gui/projection/projection_controller.h"

#include <algorithm>

#include "gui/analysis/analysis_controller.h"
#include "gui/projection/projection_panel.h"
#include "repscope/views/projection_view.h"

namespace repscope::gui {
namespace {

views::ScatterPoints toPoints(const Eigen::MatrixXd& m) {
    views::ScatterPoints p(m.rows(), 2);
    if (m.cols() >= 2) p = m.leftCols<2>().cast<float>();
    return p;
}

}  // namespace

ProjectionController::ProjectionController(TaskRunner* tasks, AnalysisController* analysis,
                                           ProjectionPanel* panel, QObject* parent)
    : QObject(parent), tasks_(tasks), analysis_(analysis), panel_(panel),
      caches_{analysis->representationCache(), std::make_shared<ProjectionCache>()} {
    connect(analysis_, &AnalysisController::focusChanged, this, &ProjectionController::focusChanged);
    // A Matryoshka prefix of focus A (Embedding checks view): side A shows X[:, :d].
    connect(analysis_, &AnalysisController::prefixChanged, this, &ProjectionController::request);
    connect(panel_, &ProjectionPanel::methodChanged, this, &ProjectionController::request);
    connect(panel_, &ProjectionPanel::sideChanged, this, &ProjectionController::request);
    connect(panel_, &ProjectionPanel::layerChanged, this, [this](int layer) {
        if (layer >= 0 && !aligned_.empty()) showLayer(static_cast<std::size_t>(layer), true);
    });
}

ProjectionController::~ProjectionController() { cancelTasks(); }

void ProjectionController::cancelTasks() {
    if (!tasks_) return;
    if (projectTask_ != 0) tasks_->cancel(projectTask_);
    if (layersTask_ != 0) tasks_->cancel(layersTask_);
    projectTask_ = layersTask_ = 0;
}

void ProjectionController::focusChanged() {
    if (analysis_->collection() != collection_) {
        // A new snapshot: indices and projections of the old one mean nothing now.
        collection_ = analysis_->collection();
        caches_.projections->clear();
        method_.reset();
        layers_.clear();
        aligned_.clear();
        shown_.reset();
        panel_->view()->clear();
        panel_->clearPending();
        panel_->setShown(QString(), QString());
        QStringList columns;
        if (collection_) {
            for (const CategoryColumn& c : collection_->stimuli().columns) {
                if (c.categories.size() >= 2) columns << QString::fromStdString(c.name);
            }
        }
        panel_->setColourColumns(columns, QString::fromStdString(analysis_->categoryColumn()));
    }
    const auto& entries = analysis_->representations();
    panel_->setFocusNames(entries.empty() ? QString() : analysis_->displayName(analysis_->focusA()),
                          entries.size() > 1 ? analysis_->displayName(analysis_->focusB()) : QString());
    request();
}

QString ProjectionController::nameOf(std::size_t representation, int prefix) const {
    const QString name = analysis_->displayName(representation);
    return prefix > 0 ? tr("%1 (first %2 dimensions)").arg(name).arg(prefix) : name;
}

QStringList ProjectionController::layerNames() const {
    QStringList names;
    for (std::size_t i : layers_) {
        const RepresentationInfo& info = analysis_->representations()[i].representation->info();
        names << QString::fromStdString(info.layer.empty() ? info.path : info.layer);
    }
    return names;
}

void ProjectionController::request() {
    const auto& entries = analysis_->representations();
    if (!collection_ || entries.empty()) {
        cancelTasks();
        ++request_;
        panel_->setLayers({}, 0, false);
        panel_->setNote(QString());
        return;
    }
    const std::size_t rep =
        panel_->side() == FocusSide::A ? analysis_->focusA() : analysis_->focusB();
    const ProjectionMethod method = panel_->method();
    // Focus A's prefix, when one is chosen and is shorter than A: that projection alone (the
    // layers of the model have no such prefix to align with).
    const RepresentationInfo& info = entries[rep].representation->info();
    const int prefix = panel_->side() == FocusSide::A && rep == analysis_->focusA() && analysis_->prefix() > 0 &&
                               info.kind != RepresentationKind::Rdm &&
                               static_cast<std::size_t>(analysis_->prefix()) < info.d
                           ? analysis_->prefix()
                           : 0;
    const std::vector<std::size_t> layers = prefix > 0 ? std::vector<std::size_t>{rep} : layersOfModel(entries, rep);
    const auto position = static_cast<std::size_t>(
        std::find(layers.begin(), layers.end(), rep) - layers.begin());
    if (method_ == method && layers == layers_ && prefix == prefix_) {
        // Another layer of the model already projected: move there.
        if (!aligned_.empty()) {
            showLayer(position, true);
            return;
        }
        if (wanted_ == rep) return;  // being computed
    }
    cancelTasks();
    const quint64 request = ++request_;
    // Points shown without aligned layers have nothing to restore on a cancel.
    previous_ = aligned_.empty() ? ShownState{} : ShownState{method_, layers_, std::move(aligned_), prefix_};
    method_ = method;
    layers_ = layers;
    prefix_ = prefix;
    wanted_ = rep;
    aligned_.clear();
    panel_->setLayers(layerNames(), static_cast<int>(position), false);

    const QString methodName = QString::fromStdString(projectionMethodName(method));
    const QString name = nameOf(rep, prefix);
    const std::shared_ptr<const Collection> collection = collection_;
    const ProjectionCaches caches = caches_;
    const std::uint64_t seed = seed_;
    QPointer<ProjectionController> self(this);
    const RepresentationPtr representation = entries[rep].representation;
    if (ProjectionPtr cached = caches.projections->find(collection, representation, method, seed, prefix)) {
        projectionFinished(request, rep, cached, TaskOutcome{});
    } else {
        panel_->setNote(tr("Computing the %1 projection of %2…").arg(methodName, name));
        if (shown_) {
            panel_->setPending(tr("Showing %1 of %2 — computing %3 of %4…")
                                   .arg(panel_->shownMethod(), panel_->shownName(), methodName, name));
        }
        auto result = std::make_shared<ProjectionPtr>();
        projectTask_ = tasks_->submit(
            tr("Computing the %1 projection of %2…").arg(methodName, name),
            [collection, rep, method, seed, caches, result, prefix](Progress& progress) {
                *result = projectRepresentation(collection, rep, method, seed, caches, progress, 2, prefix);
            },
            [self, request, rep, result](const TaskOutcome& outcome) {
                if (ProjectionController* c = self.data())
                    c->projectionFinished(request, rep, *result, outcome);
            });
    }
    if (layers.size() < 2) return;
    auto aligned = std::make_shared<std::vector<Eigen::MatrixXd>>();
    layersTask_ = tasks_->submit(
        tr("Aligning the %1 projections of %2 layers…").arg(methodName).arg(layers.size()),
        [collection, layers, position, method, seed, caches, aligned](Progress& progress) {
            *aligned = alignedLayerProjections(collection, layers, position, method, seed, caches,
                                               progress);
        },
        [self, request, aligned](const TaskOutcome& outcome) {
            if (ProjectionController* c = self.data())
                c->layersFinished(request, std::move(*aligned), outcome);
        });
}

void ProjectionController::projectionFinished(quint64 request, std::size_t representation,
                                              const ProjectionPtr& projection,
                                              const TaskOutcome& outcome) {
    if (request != request_) return;  // superseded
    projectTask_ = 0;
    panel_->clearPending();
    if (outcome.cancelled || !outcome.error.isEmpty() || !projection) {
        method_.reset();  // ask again next time
        layers_.clear();
        if (layersTask_ != 0 && tasks_) tasks_->cancel(layersTask_);
        layersTask_ = 0;
        if (!outcome.error.isEmpty()) {
            panel_->setNote(outcome.error);
            panel_->view()->clear();
            panel_->setShown(QString(), QString());
            shown_.reset();
        } else if (shown_) {
            // The points stay what they were: the chooser says so again, and the slider moves
            // through their layers when they had been aligned.
            panel_->revertMethod();
            if (!previous_.aligned.empty() &&
                std::find(previous_.layers.begin(), previous_.layers.end(), *shown_) != previous_.layers.end()) {
                method_ = previous_.method;
                layers_ = previous_.layers;
                aligned_ = previous_.aligned;
                prefix_ = previous_.prefix;
                wanted_ = *shown_;
                const auto at = std::find(layers_.begin(), layers_.end(), *shown_) - layers_.begin();
                panel_->setLayers(layerNames(), static_cast<int>(at), true);
            }
            panel_->setNote(tr("Cancelled; the view shows %1 of %2.").arg(panel_->shownMethod(), panel_->shownName()));
        } else {
            panel_->setNote(tr("Cancelled: the projection."));
        }
        return;
    }
    panel_->view()->setPoints(toPoints(*projection),
                              std::shared_ptr<const Stimuli>(collection_, &collection_->stimuli()));
    shown_ = representation;
    panel_->setShown(nameOf(representation, prefix_),
                     QString::fromStdString(projectionMethodName(method_.value_or(panel_->method()))));
    panel_->setNote(layers_.size() > 1 ? tr("Aligning the layers of the model…") : QString());
    emit projectionShown();
}

void ProjectionController::layersFinished(quint64 request, std::vector<Eigen::MatrixXd> aligned,
                                          const TaskOutcome& outcome) {
    if (request != request_) return;  // superseded
    layersTask_ = 0;
    if (outcome.cancelled || !outcome.error.isEmpty() || aligned.size() != layers_.size()) {
        panel_->setNote(outcome.cancelled ? tr("Cancelled: aligning the layers.") : outcome.error);
        return;
    }
    aligned_ = std::move(aligned);
    panel_->setLayers(layerNames(), panel_->layer(), true);
    panel_->setNote(QString());
    emit layersReady();
}

void ProjectionController::showLayer(std::size_t position, bool animate) {
    if (position >= aligned_.size()) return;
    panel_->setLayers(layerNames(), static_cast<int>(position), true);
    if (shown_ == layers_[position]) return;
    shown_ = layers_[position];
    wanted_ = layers_[position];
    panel_->setShown(analysis_->displayName(*shown_), panel_->shownMethod());
    views::ProjectionView* view = panel_->view();
    if (view->hasPoints() && animate) {
        view->animateTo(toPoints(aligned_[position]), kAnimationMs);
    } else {
        view->setPoints(toPoints(aligned_[position]),
                        std::shared_ptr<const Stimuli>(collection_, &collection_->stimuli()));
    }
    emit projectionShown();
}

}  // namespace repscope::gui
