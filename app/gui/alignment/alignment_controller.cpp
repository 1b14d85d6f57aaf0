#include "gui/alignment/alignment_controller.h"

#include <QFile>
#include <QPointer>
#include <algorithm>

#include "gui/alignment/alignment_panel.h"
#include "gui/analysis/analysis_controller.h"
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
    listTargets();
    panel_->setSelectionCount(selection_ != nullptr ? selection_->selection().size() : 0);
    stale_ = true;
    request();
    return !targets_.empty() || !tripletFiles_.empty();
}

const std::shared_ptr<const Collection>& AlignmentController::collectionOf() const { return analysis_->collection(); }

bool AlignmentController::addTripletFile(const QString& path) {
    if (std::find(tripletFiles_.begin(), tripletFiles_.end(), path) != tripletFiles_.end()) return false;
    tripletFiles_.push_back(path);
    listTargets();
    stale_ = true;
    request();
    return true;
}

void AlignmentController::clearTripletFiles() {
    tripletFiles_.clear();
    listTargets();
}

void AlignmentController::listTargets() {
    const std::shared_ptr<const Collection>& c = analysis_->collection();
    QStringList names;
    for (const alignment::SetTarget& t : targets_) names << targetLabel(*c, t);
    for (const QString& f : tripletFiles_) {
        names << tr("%1 (odd-one-out triplets)").arg(views::fileNameOf(QFile::encodeName(f).toStdString()));
    }
    panel_->setTargets(names);
}

QString AlignmentController::currentTripletFile() const {
    const int k = panel_->targetIndex() - static_cast<int>(targets_.size());
    return k >= 0 && k < static_cast<int>(tripletFiles_.size()) ? tripletFiles_[static_cast<std::size_t>(k)]
                                                                 : QString();
}

std::optional<alignment::SetTarget> AlignmentController::currentTarget() const {
    const int k = panel_->targetIndex();
    if (k < 0 || static_cast<std::size_t>(k) >= targets_.size()) return std::nullopt;
    return targets_[static_cast<std::size_t>(k)];
}

const std::vector<CollectionEntry>* AlignmentController::shownModels() const {
    if (shown_) return &shown_->models;
    if (shownTriplets_) return &shownTriplets_->models;
    return nullptr;
}

void AlignmentController::request() {
    if (!active_) return;
    stale_ = false;
    if (task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 id = ++requestId_;
    const std::shared_ptr<const Collection> collection = analysis_->collection();
    const std::optional<alignment::SetTarget> target = currentTarget();
    const QString triplets = currentTripletFile();
    panel_->setTripletMode(!triplets.isEmpty());
    if (collection && !collection->files().empty() && !triplets.isEmpty()) {
        requestTriplets(id, collection, triplets);
        return;
    }
    if (!collection || !target) {
        shown_.reset();
        shownTriplets_.reset();
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
    panel_->setPending(shown_ || shownTriplets_ ? tr("Computing %1 against %2…\n(showing the previous result: %3)")
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

void AlignmentController::requestTriplets(quint64 id, const std::shared_ptr<const Collection>& collection,
                                          const QString& path) {
    panel_->setSubjects({});
    analysis_->setAlignmentTarget(std::nullopt, -1, QString());
    const QString name = views::fileNameOf(QFile::encodeName(path).toStdString());
    const QString title = tr("Odd-one-out agreement with %1").arg(name);
    const QString subtitle = tr("cosine similarity of each layer's patterns · %1 stimuli")
                                 .arg(collection->stimulusCount());
    panel_->setPending(shown_ || shownTriplets_ ? tr("Scoring the models on %1…\n(showing the previous result: %2)")
                                                      .arg(name, shownTitle_)
                                                : tr("Scoring the models on %1…").arg(name));
    auto result = std::make_shared<alignment::CollectionTriplets>();
    QPointer<AlignmentController> self(this);
    const std::string file = QFile::encodeName(path).toStdString();
    task_ = tasks_->submit(
        tr("Scoring the models on %1…").arg(name),
        [collection, file, result](Progress& progress) {
            *result = alignment::evaluateTriplets(*collection, file, alignment::TripletSimilarity::Cosine, progress);
        },
        [self, id, result, title, subtitle](const TaskOutcome& outcome) {
            if (AlignmentController* c = self.data()) c->tripletsFinished(id, result, title, subtitle, outcome);
        });
}

bool AlignmentController::accepted(quint64 request, const TaskOutcome& outcome) {
    if (request != requestId_) return false;  // superseded
    task_ = 0;
    if (outcome.cancelled) {
        panel_->setPending(QString());
        panel_->setNote(shown_ || shownTriplets_ ? tr("Cancelled; the charts show %1.").arg(shownTitle_)
                                                 : tr("Cancelled."));
        return false;
    }
    if (!outcome.error.isEmpty()) {
        shown_.reset();
        shownTriplets_.reset();
        panel_->clearCharts(outcome.error);
        panel_->setNote(outcome.error);
        return false;
    }
    return true;
}

void AlignmentController::tripletsFinished(quint64 request, const std::shared_ptr<alignment::CollectionTriplets>& result,
                                           const QString& title, const QString& subtitle, const TaskOutcome& outcome) {
    if (!accepted(request, outcome)) return;
    shown_.reset();
    shownTriplets_ = result;
    shownTitle_ = title;
    shownSubtitle_ = subtitle;
    redraw();
    emit evaluationShown();
}

void AlignmentController::finished(quint64 request, const std::shared_ptr<alignment::CollectionEvaluation>& result,
                                   alignment::Comparator comparator, const QString& title, const QString& subtitle, const TaskOutcome& outcome) {
    if (!accepted(request, outcome)) return;
    shown_ = result;
    shownTriplets_.reset();
    shownComparator_ = comparator;
    shownTitle_ = title;
    shownSubtitle_ = subtitle;
    redraw();
    emit evaluationShown();
}

void AlignmentController::redraw() {
    const views::EvaluationChartOptions options = panel_->chartOptions();
    if (shownTriplets_) {
        panel_->showCharts(views::tripletBars(*shownTriplets_, options), views::tripletProfile(*shownTriplets_, options),
                           shownTitle_, shownSubtitle_);
        QStringList note;
        note << tr("The model's odd one out is the item outside its most similar pair (cosine similarity of the "
                   "patterns; a precomputed RDM's smallest dissimilarity); ties share the credit. Chance is 1/3.");
        if (shownTriplets_->dropped > 0) {
            note << tr("%1 triplets were left out: they name a label the open files lack (first: %2).")
                        .arg(shownTriplets_->dropped)
                        .arg(text(shownTriplets_->firstUnknownLabel));
        }
        note << tr("Click a bar or point to show that layer (focus A) in the RDM view.");
        panel_->setNote(note.join(QLatin1Char('\n')));
        return;
    }
    if (!shown_) return;
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
    const std::vector<CollectionEntry>* models = shownModels();
    if (models == nullptr || model < 0 || static_cast<std::size_t>(model) >= models->size()) return;
    (void)linkTarget(panel_->shownSubject());
    const std::string qualified = (*models)[static_cast<std::size_t>(model)].representation->info().qualifiedName();
    analysis_->focusRepresentation(QString::fromStdString(qualified));
}

bool AlignmentController::linkTarget(int subject) {
    const std::optional<alignment::SetTarget> target = currentTarget();
    if (!target || !analysis_->collection()) return false;
    const RdmSet& set = alignment::targetSet(*analysis_->collection(), *target);
    if (subject >= static_cast<int>(set.members.size()) || subject >= static_cast<int>(set.subjects.size())) return false;
    const QString name = subject < 0 ? tr("%1, mean of %2 subjects").arg(text(set.path)).arg(set.members.size())
                                     : tr("%1, subject %2").arg(text(set.path),
                                                                text(set.subjects[static_cast<std::size_t>(subject)]));
    analysis_->setAlignmentTarget(target, subject, name);
    return true;
}

void AlignmentController::showTarget(int subject) {
    if (linkTarget(subject)) analysis_->showAlignmentTarget();
}

}  // namespace repscope::gui
