#include "gui/inspector/inspector_controller.h"

#include "gui/analysis/analysis_controller.h"
#include "gui/inspector/inspector_panel.h"
#include "gui/projection/neighbour_query.h"
#include "gui/analysis/representation_cache.h"
#include "repscope/sub_progress.h"

namespace repscope::gui {

InspectorController::InspectorController(TaskRunner* tasks, AnalysisController* analysis,
                                         InspectorPanel* panel, QObject* parent)
    : QObject(parent), tasks_(tasks), analysis_(analysis), panel_(panel) {
    connect(analysis_, &AnalysisController::focusChanged, this, &InspectorController::focusChanged);
    // A's neighbours are those of the prefix the other views show (Embedding checks view).
    connect(analysis_, &AnalysisController::prefixChanged, this, &InspectorController::requestNeighbours);
    connect(panel_, &InspectorPanel::stimulusChosen, this, &InspectorController::requestNeighbours);
}

InspectorController::~InspectorController() {
    if (tasks_ && task_ != 0) tasks_->cancel(task_);
}

void InspectorController::focusChanged() {
    if (analysis_->collection() != collection_) {
        collection_ = analysis_->collection();
        panel_->setStimuli(collection_ ? std::shared_ptr<const Stimuli>(collection_, &collection_->stimuli())
                                       : nullptr,
                           analysis_->categoryColumn());
    }
    requestNeighbours();
}

void InspectorController::requestNeighbours() {
    if (task_ != 0 && tasks_) tasks_->cancel(task_);
    task_ = 0;
    const quint64 request = ++request_;
    const auto& entries = analysis_->representations();
    const std::optional<std::size_t> chosen = panel_->chosenStimulus();
    if (!collection_ || entries.empty() || !chosen) {
        panel_->setNeighboursNote(
            entries.empty() ? QString() : tr("Select stimuli to see the nearest neighbours of one."));
        return;
    }
    const std::size_t a = analysis_->focusA();
    const std::size_t b = analysis_->focusB();
    const QString nameA = analysis_->focusAName();
    const int prefixA = analysis_->focusAPrefix();
    const QString nameB = analysis_->displayName(b);
    const bool rdmA = entries[a].representation->info().kind == RepresentationKind::Rdm;
    const bool rdmB = entries[b].representation->info().kind == RepresentationKind::Rdm;
    const std::shared_ptr<const Collection> collection = collection_;
    const std::shared_ptr<RepresentationCache> cache = analysis_->representationCache();
    const CollectionEntry entryA = entries[a];
    const CollectionEntry entryB = entries[b];
    const std::size_t stimulus = *chosen;
    struct Result {
        std::vector<Neighbour> a;
        std::vector<Neighbour> b;
    };
    auto result = std::make_shared<Result>();
    QPointer<InspectorController> self(this);
    task_ = tasks_->submit(
        tr("Finding the nearest neighbours of one stimulus…"),
        [collection, cache, entryA, entryB, rdmA, rdmB, prefixA, stimulus, result](Progress& progress) {
            SubProgress readA(progress, 0.0, 0.45);
            const MatrixPtr xa = cache->read(collection, entryA, readA);
            result->a = prefixA > 0 ? nearestNeighboursOf(MatrixF(xa->leftCols(prefixA)), rdmA, stimulus, kNeighbours)
                                    : nearestNeighboursOf(*xa, rdmA, stimulus, kNeighbours);
            SubProgress readB(progress, 0.5, 0.95);
            result->b = nearestNeighboursOf(*cache->read(collection, entryB, readB), rdmB, stimulus,
                                            kNeighbours);
        },
        [self, request, result, nameA, nameB, rdmA, rdmB](const TaskOutcome& outcome) {
            InspectorController* c = self.data();
            if (c == nullptr || request != c->request_) return;  // gone or superseded
            c->task_ = 0;
            if (outcome.cancelled) return;
            if (!outcome.error.isEmpty()) {
                c->panel_->setNeighboursNote(outcome.error);
                return;
            }
            c->panel_->showNeighbours(nameA, result->a, rdmA, nameB, result->b, rdmB);
            emit c->neighboursShown();
        });
}

}  // namespace repscope::gui
