#include "gui/projection/neighbourhood_colouring.h"

#include <QPointer>
#include <memory>
#include <vector>

#include "gui/analysis/analysis_controller.h"
#include "gui/projection/projection_panel.h"
#include "gui/analysis/representation_cache.h"
#include "repscope/error.h"
#include "repscope/metrics/knn.h"
#include "repscope/sub_progress.h"
#include "repscope/views/projection_view.h"

namespace repscope::gui {

NeighbourhoodColouring::NeighbourhoodColouring(TaskRunner* tasks, AnalysisController* analysis,
                                               ProjectionPanel* panel, QObject* parent)
    : QObject(parent), tasks_(tasks), analysis_(analysis), panel_(panel) {
    connect(panel_, &ProjectionPanel::neighbourhoodColouringChanged, this, [this](bool on) {
        if (on) {
            request();
        } else if (task_ != 0) {
            tasks_->cancel(task_);
            task_ = 0;
        }
    });
    connect(analysis_, &AnalysisController::focusChanged, this, [this] {
        if (panel_->colourByNeighbourhood()) request();
    });
}

void NeighbourhoodColouring::request() {
    if (task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 id = ++requestId_;
    const auto& entries = analysis_->representations();
    const std::size_t ia = analysis_->focusA();
    const std::size_t ib = analysis_->focusB();
    if (entries.size() < 2 || ia >= entries.size() || ib >= entries.size()) {
        panel_->setNote(tr("Neighbourhood change needs a focus pair: open two representations."));
        return;
    }
    const CollectionEntry a = entries[ia];
    const CollectionEntry b = entries[ib];
    const QString what = tr("%1 vs %2").arg(analysis_->displayName(ia), analysis_->displayName(ib));
    const std::shared_ptr<const Collection> collection = analysis_->collection();
    const std::shared_ptr<RepresentationCache> cache = analysis_->representationCache();
    auto values = std::make_shared<std::vector<float>>();
    QPointer<NeighbourhoodColouring> self(this);
    task_ = tasks_->submit(
        tr("Comparing the neighbourhoods of %1…").arg(what),
        [collection, cache, a, b, values](Progress& progress) {
            for (const CollectionEntry* e : {&a, &b}) {
                if (e->representation->info().kind == RepresentationKind::Rdm) {
                    throw InputError(e->representation->info().path +
                                     " is a precomputed RDM: neighbourhoods are taken from features.");
                }
            }
            SubProgress readA(progress, 0.0, 0.2);
            const MatrixPtr x = cache->read(collection, a, readA);
            SubProgress readB(progress, 0.2, 0.4);
            const MatrixPtr y = cache->read(collection, b, readB);
            SubProgress knn(progress, 0.4, 1.0);
            const metrics::KnnOverlap overlap = metrics::knnOverlap(*x, *y, kNeighbourhoodK, knn);
            values->assign(overlap.mutualPerStimulus.data(),
                           overlap.mutualPerStimulus.data() + overlap.mutualPerStimulus.size());
        },
        [self, id, values, what](const TaskOutcome& outcome) {
            NeighbourhoodColouring* c = self.data();
            if (c == nullptr || id != c->requestId_) return;
            c->task_ = 0;
            if (outcome.cancelled) return;
            if (!outcome.error.isEmpty()) {
                c->panel_->setNote(outcome.error);
                return;
            }
            if (!c->panel_->colourByNeighbourhood()) return;  // the user moved on meanwhile
            views::ColorScale scale;
            scale.colormap = views::Colormap::Viridis;
            scale.low = 0.0F;
            scale.high = 1.0F;
            c->panel_->view()->setPointValues(*values, tr("shared %1-NN").arg(kNeighbourhoodK), scale);
            c->panel_->setNote(tr("Colour: share of each stimulus's %1 nearest neighbours that %2 have "
                                  "in common (dark: its neighbourhood changed).")
                                   .arg(kNeighbourhoodK)
                                   .arg(what));
            emit c->coloured();
        });
}

}  // namespace repscope::gui
