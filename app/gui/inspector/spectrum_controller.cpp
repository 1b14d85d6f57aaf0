#include "gui/inspector/spectrum_controller.h"

#include "gui/analysis/analysis_controller.h"
#include "gui/inspector/spectrum_section.h"
#include "gui/analysis/representation_cache.h"
#include "repscope/sub_progress.h"

namespace repscope::gui {

SpectrumController::SpectrumController(TaskRunner* tasks, AnalysisController* analysis, SpectrumSection* section,
                                       QObject* parent)
    : QObject(parent), tasks_(tasks), analysis_(analysis), section_(section) {
    connect(analysis_, &AnalysisController::focusChanged, this, &SpectrumController::request);
    // Focus A as the other views show it: its prefix while one is chosen (Embedding checks view).
    connect(analysis_, &AnalysisController::prefixChanged, this, &SpectrumController::request);
}

SpectrumController::~SpectrumController() {
    if (tasks_ && task_ != 0) tasks_->cancel(task_);
}

void SpectrumController::setActive(bool active) {
    active_ = active;
    if (active_) request();
}

void SpectrumController::request() {
    if (!active_) return;
    const auto& entries = analysis_->representations();
    const std::shared_ptr<const Collection> collection = analysis_->collection();
    if (!collection || entries.empty() || analysis_->focusA() >= entries.size()) {
        if (tasks_ && task_ != 0) tasks_->cancel(task_);
        task_ = 0;
        ++request_;
        wanted_.reset();
        section_->setNote(QString());
        return;
    }
    const std::size_t a = analysis_->focusA();
    const CollectionEntry entry = entries[a];
    const int prefix = analysis_->focusAPrefix();
    if (entry.representation == wanted_ && prefix == wantedPrefix_) return;  // shown or being computed
    if (tasks_ && task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 request = ++request_;
    wanted_ = entry.representation;
    wantedPrefix_ = prefix;
    const QString name = analysis_->focusAName();
    if (entry.representation->info().kind == RepresentationKind::Rdm) {
        section_->setNote(tr("%1 is a precomputed RDM: it has no features, so no spectrum.").arg(name));
        return;
    }
    section_->setNote(tr("Computing the spectrum of %1…").arg(name), true);
    const std::shared_ptr<RepresentationCache> cache = analysis_->representationCache();
    auto result = std::make_shared<embedding_checks::Spectrum>();
    QPointer<SpectrumController> self(this);
    task_ = tasks_->submit(
        tr("Computing the spectrum of %1…").arg(name),
        [collection, cache, entry, prefix, result](Progress& progress) {
            SubProgress reading(progress, 0.0, 0.3);
            const MatrixPtr x = cache->read(collection, entry, reading);
            SubProgress computing(progress, 0.3, 1.0);
            *result = prefix > 0 ? embedding_checks::computeSpectrum(MatrixF(x->leftCols(prefix)),
                                                                    collection->stimuli().columns, computing)
                                 : embedding_checks::computeSpectrum(*x, collection->stimuli().columns, computing);
        },
        [self, request, result, name](const TaskOutcome& outcome) {
            SpectrumController* c = self.data();
            if (c == nullptr || request != c->request_) return;  // gone or superseded
            c->task_ = 0;
            if (outcome.cancelled) {
                c->wanted_.reset();  // ask again next time
                c->section_->setNote(QObject::tr("Cancelled: the spectrum of %1.").arg(name), true);
                return;
            }
            if (!outcome.error.isEmpty()) {
                c->section_->setNote(outcome.error);
                return;
            }
            c->section_->showSpectrum(name, *result);
            emit c->spectrumShown();
        });
}

}  // namespace repscope::gui
