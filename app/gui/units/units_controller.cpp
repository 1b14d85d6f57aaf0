#include "gui/units/units_controller.h"

#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/representation_cache.h"
#include "gui/units/units_panel.h"
#include "repscope/error.h"
#include "repscope/metrics/unit_match.h"
#include "repscope/sub_progress.h"
#include "repscope/tiles/dense_tile_source.h"

namespace repscope::gui {
namespace {

struct UnitsResult {
    std::shared_ptr<const tiles::TileSource> source;
    QString note;
};

UnitsResult matchUnits(const std::shared_ptr<const Collection>& collection, const CollectionEntry& a,
                       const CollectionEntry& b, RepresentationCache& cache, Progress& progress) {
    for (const CollectionEntry* e : {&a, &b}) {
        const RepresentationInfo& info = e->representation->info();
        if (info.kind == RepresentationKind::Rdm) {
            throw InputError(info.path + " is a precomputed RDM: it has no units to match.");
        }
        if (static_cast<Eigen::Index>(info.d) > kMaxMatchedUnits) {
            throw InputError(info.path + " has " + std::to_string(info.d) +
                             " units; unit matching in the window stops at " +
                             std::to_string(kMaxMatchedUnits) + " (the Hungarian step grows with the cube).");
        }
    }
    SubProgress readA(progress, 0.0, 0.2);
    const MatrixPtr x = cache.read(collection, a, readA);
    SubProgress readB(progress, 0.2, 0.4);
    const MatrixPtr y = cache.read(collection, b, readB);
    SubProgress matching(progress, 0.4, 1.0);
    const metrics::UnitMatch m = metrics::unitMatch(*x, *y, matching);
    UnitsResult out;
    auto source = std::make_shared<tiles::DenseTileSource>(m.reordered.cast<float>(), "unit correlation");
    // A constant unit (e.g. a dead ReLU) has no correlation: its 0s say why on hover, which is
    // also why a layer matched with itself scores below 1.
    const auto constantUnits = [](const MatrixF& v, const std::vector<Eigen::Index>& order, const char* side) {
        std::vector<std::string> reasons(order.size());
        for (std::size_t p = 0; p < order.size(); ++p) {
            const auto col = v.col(order[p]);
            if (col.size() > 0 && (col.array() == col(0)).all()) {
                reasons[p] = std::string("unit ") + std::to_string(order[p]) + " of " + side +
                             " is constant on these stimuli (a dead unit): no correlation, counted as 0";
            }
        }
        return reasons;
    };
    source->setLineReasons(constantUnits(*x, m.rowOrder, "A"), constantUnits(*y, m.colOrder, "B"));
    out.source = std::move(source);
    const Eigen::Index matched = std::min(m.correlations.rows(), m.correlations.cols());
    out.note = QObject::tr("Mean matched correlation %1 over %2 one-to-one pairs (A: %3 units, B: %4); "
                           "rows and columns reordered so matches lie on the diagonal, strongest first.")
                   .arg(m.score, 0, 'f', 4)
                   .arg(matched)
                   .arg(m.correlations.rows())
                   .arg(m.correlations.cols());
    if (m.constantUnitsX + m.constantUnitsY > 0) {
        out.note += QObject::tr(" Constant units (no correlation, counted as 0): %1 in A, %2 in B.")
                        .arg(m.constantUnitsX)
                        .arg(m.constantUnitsY);
    }
    return out;
}

}  // namespace

UnitsController::UnitsController(AnalysisController* analysis, TaskRunner* tasks, UnitsPanel* panel,
                                 QObject* parent)
    : QObject(parent), analysis_(analysis), tasks_(tasks), panel_(panel) {
    connect(analysis_, &AnalysisController::focusChanged, this, [this] {
        stale_ = true;
        if (active_) request();
    });
}

void UnitsController::setActive(bool active) {
    active_ = active;
    if (active_ && stale_) request();
}

void UnitsController::request() {
    stale_ = false;
    if (task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 id = ++requestId_;
    const auto& entries = analysis_->representations();
    const std::size_t ia = analysis_->focusA();
    const std::size_t ib = analysis_->focusB();
    if (entries.size() < 2 || ia >= entries.size() || ib >= entries.size()) {
        panel_->clearMatrix();
        panel_->setTitle(tr("Unit matching"));
        panel_->setNote(tr("Open a file with at least two representations to match their units."));
        return;
    }
    const QString what = tr("%1 vs %2").arg(analysis_->displayName(ia), analysis_->displayName(ib));
    panel_->setTitle(tr("Unit matching: %1").arg(what));
    panel_->setNote(tr("Matching the units of %1…").arg(what));
    const std::shared_ptr<const Collection> collection = analysis_->collection();
    const std::shared_ptr<RepresentationCache> cache = analysis_->representationCache();
    const CollectionEntry a = entries[ia];
    const CollectionEntry b = entries[ib];
    auto result = std::make_shared<UnitsResult>();
    QPointer<UnitsController> self(this);
    task_ = tasks_->submit(
        tr("Matching the units of %1…").arg(what),
        [collection, cache, a, b, result](Progress& progress) {
            *result = matchUnits(collection, a, b, *cache, progress);
        },
        [self, id, result, what](const TaskOutcome& outcome) {
            UnitsController* c = self.data();
            if (c == nullptr || id != c->requestId_) return;  // gone or superseded
            c->task_ = 0;
            if (outcome.cancelled) {
                c->panel_->setNote(tr("Cancelled: unit matching of %1.").arg(what));
                c->stale_ = true;
                return;
            }
            if (!outcome.error.isEmpty()) {
                c->panel_->clearMatrix();
                c->panel_->setNote(outcome.error);
                return;
            }
            c->panel_->showMatrix(result->source);
            c->panel_->setNote(result->note);
            emit c->unitsShown();
        });
}

}  // namespace repscope::gui
