#include "gui/alignment/alignment_controller.h"

#include <QPointer>

#include "gui/alignment/alignment_panel.h"
#include "gui/analysis_controller.h"
#include "repscope/text.h"
#include "repscope/views/collection_text.h"
#include "repscope/views/evaluation_chart.h"
#include "repscope/views/selection_model.h"

namespace repscope::gui {

namespace {

QString text(const std::string& s) { return QString::fromStdString(printable(s)); }

QString fromView(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString targetLabel(const Collection& c, const alignment::SetTarget& t) {
    const RdmSet& set = alignment::targetSet(c, t);
    return QStringLiteral("%1: %2 (%3 subjects)")
        .arg(views::fileNameOf(c.files()[t.fileIndex]->path()), text(set.path))
        .arg(set.members.size());
}

}  // namespace

AlignmentController::AlignmentController(AnalysisController* analysis, TaskRunner* tasks, AlignmentPanel* panel,
                                         views::SelectionModel* selection, QObject* parent)
    : QObject(parent), analysis_(analysis), tasks_(tasks), panel_(panel), selection_(selection) {
    connect(panel_, &AlignmentPanel::requestChanged, this, [this] {
        stale_ = true;
        request();
    });
    connect(panel_, &AlignmentPanel::displayChanged, this, &AlignmentController::redraw);
    connect(panel_, &AlignmentPanel::modelClicked, this, &AlignmentController::modelClicked);
    connect(panel_, &AlignmentPanel::showTargetRequested, this, &AlignmentController::showTarget);
    if (selection_ != nullptr) {
        connect(selection_, &views::SelectionModel::changed, this,
                [this] { panel_->setSelectionCount(selection_->selection().size()); });
    }
}

void AlignmentController::setActive(bool active) {
    active_ = active;
    if (active_ && stale_) request();
}

bool AlignmentController::collectionChanged() {
    const std::shared_ptr<const Collection>& c = analysis_->collection();
    targets_ = c ? alignment::rdmSetTargets(*c) : std::vector<alignment::SetTarget>{};
    QStringList names;
    for (const alignment::SetTarget& t : targets_) names << targetLabel(*c, t);
    panel_->setTargets(names);
    panel_->setSelectionCount(selection_ != nullptr ? selection_->selection().size() : 0);
    stale_ = true;
    request();
    return !targets_.empty();
}

std::optional<alignment::SetTarget> AlignmentController::currentTarget() const {
    const int k = panel_->targetIndex();
    if (k < 0 || static_cast<std::size_t>(k) >= targets_.size()) return std::nullopt;
    return targets_[static_cast<std::size_t>(k)];
}

void AlignmentController::request() {
    if (!active_) return;
    stale_ = false;
    if (task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 id = ++requestId_;
    const std::shared_ptr<const Collection> collection = analysis_->collection();
    const std::optional<alignment::SetTarget> target = currentTarget();
    if (!collection || !target) {
        shown_.reset();
        panel_->setSubjects({});
        panel_->clearCharts(tr("Open a file with an RDM set (subjects' RDMs) or a ratings CSV together with "
                               "the models' activations: every layer is evaluated against it."));
        panel_->setNote(QString());
        analysis_->setAlignmentTarget(std::nullopt, -1, QString());
        return;
    }
    const RdmSet& set = alignment::targetSet(*collection, *target);
    QStringList subjects;
    for (const std::string& s : set.subjects) subjects << text(s);
    panel_->setSubjects(subjects);

    alignment::CollectionEvaluationOptions options;
    options.evaluation.comparator = panel_->comparator();
    options.evaluation.bootstrap = panel_->bootstrap();
    options.measure = panel_->measure();
    if (panel_->selectionOnly() && selection_ != nullptr) options.stimuli = selection_->selection().indices();
    const QString targetName = text(alignment::targetName(*collection, *target));
    const QString comparator = fromView(alignment::comparatorName(options.evaluation.comparator));
    const std::size_t all = collection->stimulusCount();
    const QString title = options.stimuli.empty()
                              ? tr("Alignment with %1").arg(views::fileNameOf(collection->files()[target->fileIndex]->path()) +
                                                            QLatin1Char(':') + text(target->path))
                              : tr("Alignment with %1 on %2 selected stimuli")
                                    .arg(views::fileNameOf(collection->files()[target->fileIndex]->path()) +
                                             QLatin1Char(':') + text(target->path))
                                    .arg(options.stimuli.size());
    const QString subtitle =
        tr("%1 (%2) · %3 subjects · %4 of %5 stimuli · model RDMs: %6")
            .arg(views::comparatorTitle(options.evaluation.comparator), comparator)
            .arg(set.members.size())
            .arg(options.stimuli.empty() ? all : options.stimuli.size())
            .arg(all)
            .arg(fromView(metrics::rdmMeasureName(options.measure)));
    panel_->setPending(shown_ ? tr("Computing %1 against %2…\n(showing the previous result: %3)")
                                    .arg(comparator, targetName, shownTitle_)
                              : tr("Computing %1 against %2…").arg(comparator, targetName));
    auto result = std::make_shared<alignment::CollectionEvaluation>();
    QPointer<AlignmentController> self(this);
    const alignment::SetTarget t = *target;
    task_ = tasks_->submit(
        tr("Evaluating the models against %1…").arg(targetName),
        [collection, t, options, result](Progress& progress) {
            *result = alignment::evaluateCollection(*collection, t, options, progress);
        },
        [self, id, result, comparator = options.evaluation.comparator, title, subtitle](const TaskOutcome& outcome) {
            if (AlignmentController* c = self.data()) c->finished(id, result, comparator, title, subtitle, outcome);
        });
}

void AlignmentController::finished(quint64 request, const std::shared_ptr<alignment::CollectionEvaluation>& result,
                                   alignment::Comparator comparator, const QString& title, const QString& subtitle, const TaskOutcome& outcome) {
    if (request != requestId_) return;  // superseded
    task_ = 0;
    if (outcome.cancelled) {
        panel_->setPending(QString());
        panel_->setNote(shown_ ? tr("Cancelled; the charts show %1.").arg(shownTitle_) : tr("Cancelled."));
        return;
    }
    if (!outcome.error.isEmpty()) {
        shown_.reset();
        panel_->clearCharts(outcome.error);
        panel_->setNote(outcome.error);
        return;
    }
    shown_ = result;
    shownComparator_ = comparator;
    shownTitle_ = title;
    shownSubtitle_ = subtitle;
    redraw();
    emit evaluationShown();
}

void AlignmentController::redraw() {
    if (!shown_) return;
    const views::EvaluationChartOptions options = panel_->chartOptions();
    panel_->showCharts(views::evaluationBars(*shown_, shownComparator_, options),
                       views::evaluationProfile(*shown_, shownComparator_, options), shownTitle_, shownSubtitle_);
    QStringList note;
    if (!shown_->result.noiseCeiling) {
        note << tr("One subject: there is no noise ceiling and no test; the values are the comparison with it.");
    } else {
        note << tr("Noise ceiling (grey band): lower = each subject against the mean of the others, upper = "
                   "against the mean of all (rsatoolbox's definition).");
    }
    note << tr("Click a bar or point to show that layer (focus A) in the RDM view; T there shows the target.");
    panel_->setNote(note.join(QLatin1Char('\n')));
}

void AlignmentController::modelClicked(int model) {
    if (!shown_ || model < 0 || static_cast<std::size_t>(model) >= shown_->models.size()) return;
    const std::optional<alignment::SetTarget> target = currentTarget();
    const int subject = panel_->shownSubject();
    if (target && analysis_->collection()) {
        const RdmSet& set = alignment::targetSet(*analysis_->collection(), *target);
        const QString name = subject < 0 ? tr("%1, mean of %2 subjects").arg(text(set.path)).arg(set.members.size())
                                         : tr("%1, subject %2").arg(text(set.path), text(set.subjects.at(
                                                                                   static_cast<std::size_t>(subject))));
        analysis_->setAlignmentTarget(target, subject, name);
    }
    const std::string qualified = shown_->models[static_cast<std::size_t>(model)].representation->info().qualifiedName();
    analysis_->focusRepresentation(QString::fromStdString(qualified));
}

void AlignmentController::showTarget(int subject) {
    const std::optional<alignment::SetTarget> target = currentTarget();
    if (!target || !analysis_->collection()) return;
    const RdmSet& set = alignment::targetSet(*analysis_->collection(), *target);
    if (subject >= static_cast<int>(set.members.size())) return;
    const QString name = subject < 0 ? tr("%1, mean of %2 subjects").arg(text(set.path)).arg(set.members.size())
                                     : tr("%1, subject %2").arg(text(set.path), text(set.subjects.at(
                                                                               static_cast<std::size_t>(subject))));
    analysis_->setAlignmentTarget(target, subject, name);
    analysis_->showAlignmentTarget();
}

}  // namespace repscope::gui
