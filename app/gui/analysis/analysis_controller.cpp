#include "gui/analysis/analysis_controller.h"

#include <QStringList>
#include <algorithm>
#include <optional>

#include "gui/analysis/layer_matrix_panel.h"
#include "gui/analysis/representation_cache.h"
#include "repscope/text.h"
#include "repscope/tiles/representation_tile_source.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/metrics/registry.h"

namespace repscope::gui {
namespace {

// Notes list this many skipped representations or undefined pairs, then count the rest.
constexpr std::size_t kNoteLines = 3;

QString listed(const QString& heading, const std::vector<std::string>& lines) {
    if (lines.empty()) return {};
    QStringList parts;
    for (std::size_t i = 0; i < lines.size() && i < kNoteLines; ++i) {
        parts << QString::fromStdString(printable(lines[i]));  // names come from files
    }
    if (lines.size() > kNoteLines)
        parts << QObject::tr("… and %1 more.").arg(lines.size() - kNoteLines);
    return heading + QStringLiteral("\n") + parts.join(QLatin1Char('\n'));
}

}  // namespace

AnalysisController::AnalysisController(TaskRunner* tasks, LayerMatrixPanel* matrix, RdmPanel* rdm,
                                       QObject* parent)
    : QObject(parent),
      tasks_(tasks),
      matrix_(matrix),
      rdm_(rdm),
      cache_(std::make_shared<RepresentationCache>(memoryBudgetBytes() / 4)) {
    connect(matrix_, &LayerMatrixPanel::dropNonFiniteChanged, this, &AnalysisController::requestLayerMatrix);
    connect(matrix_, &LayerMatrixPanel::metricChanged, this,
            &AnalysisController::requestLayerMatrix);
    connect(matrix_, &LayerMatrixPanel::cellClicked, this, &AnalysisController::matrixCellClicked);
    connect(rdm_, &RdmPanel::settingsChanged, this, &AnalysisController::requestRdm);
    connect(rdm_, &RdmPanel::sideChanged, this, &AnalysisController::requestRdm);
}

AnalysisController::~AnalysisController() {
    if (!tasks_) return;
    if (matrixTask_ != 0) tasks_->cancel(matrixTask_);
    if (rdmTask_ != 0) tasks_->cancel(rdmTask_);
}

void AnalysisController::setCollection(std::shared_ptr<const Collection> collection) {
    const RepresentationPtr oldA =
        focusA_ < entries_.size() ? entries_[focusA_].representation : nullptr;
    const RepresentationPtr oldB =
        focusB_ < entries_.size() ? entries_[focusB_].representation : nullptr;
    collection_ = std::move(collection);
    entries_ = collection_ ? collection_->representations() : std::vector<CollectionEntry>{};
    stimuli_ = collection_ ? std::shared_ptr<const Stimuli>(collection_, &collection_->stimuli())
                           : nullptr;
    categoryColumn_ = collection_ ? defaultCategoryColumn(collection_->stimuli()) : std::string();
    cache_->clear();
    matrixReps_.clear();
    rdmWanted_.reset();
    // Indices into the old collection mean nothing now.
    matrix_->clearMatrix();
    rdm_->clearRdm();
    matrixStatus_.clear();
    rdmStatus_.clear();
    const auto find = [&](const RepresentationPtr& rep, std::size_t fallback) {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].representation == rep) return i;
        }
        return fallback;
    };
    // At first the first two layers; the subjects of RDM sets only when there is nothing else.
    std::vector<std::size_t> layers;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].representation->info().rdmSet.empty()) layers.push_back(i);
    }
    for (std::size_t i = 0; i < entries_.size() && layers.size() < 2; ++i) {
        if (std::find(layers.begin(), layers.end(), i) == layers.end()) layers.push_back(i);
    }
    focusA_ = find(oldA, layers.empty() ? 0 : layers[0]);
    focusB_ = find(oldB, layers.size() > 1 ? layers[1] : focusA_);
    focusUpdated();
    requestRdm();
    requestLayerMatrix();
    emit statusChanged(statusText());
}

void AnalysisController::focusRepresentation(const QString& qualifiedName) {
    const std::string name = qualifiedName.toStdString();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].representation->info().qualifiedName() == name) {
            setFocusPair(i, focusB_);
            return;
        }
    }
}

void AnalysisController::setPrefix(int d) {
    prefix_ = std::max(d, 0);
    rdm_->setSide(FocusSide::A);
    updateRdmNames();  // not focusChanged: the focus pair is the same
    requestRdm();
    emit prefixChanged();
}

void AnalysisController::setFocusPair(std::size_t a, std::size_t b) {
    if (a >= entries_.size() || b >= entries_.size()) return;
    prefix_ = 0;
    focusA_ = a;
    focusB_ = b;
    rdm_->setSide(FocusSide::A);
    focusUpdated();
    requestRdm();
}

void AnalysisController::setAlignmentTarget(std::optional<alignment::SetTarget> target, int subject,
                                            const QString& name) {
    target_ = std::move(target);
    targetSubject_ = target_ ? subject : -1;
    targetName_ = target_ ? name : QString();
    rdm_->setTargetName(targetName_);
    requestRdm();
}

void AnalysisController::showAlignmentTarget() {
    if (!target_) return;
    rdm_->showTarget();
    requestRdm();
}

QString AnalysisController::displayName(std::size_t index) const {
    if (!collection_ || index >= entries_.size()) return {};
    return QString::fromStdString(representationName(*collection_, entries_[index]));
}

void AnalysisController::markFocusCell() {
    const auto at = [&](std::size_t rep) -> std::optional<std::int64_t> {
        const auto it = std::find(matrixReps_.begin(), matrixReps_.end(), rep);
        if (it == matrixReps_.end()) return std::nullopt;
        return static_cast<std::int64_t>(it - matrixReps_.begin());
    };
    const auto row = at(focusA_);
    const auto col = at(focusB_);
    matrix_->view()->setMarkedCell(row && col && matrix_->view()->source()
                                       ? std::optional(std::pair{*row, *col})
                                       : std::nullopt);
}

void AnalysisController::updateRdmNames() {
    if (entries_.empty()) {
        rdm_->setFocusNames(QString(), QString());
        return;
    }
    // The RDM view's A is a prefix of focus A while one is chosen: its name says so.
    rdm_->setFocusNames(focusAName(), entries_.size() > 1 ? displayName(focusB_) : QString());
}

int AnalysisController::focusAPrefix() const {
    if (focusA_ >= entries_.size() || prefix_ <= 0) return 0;
    const RepresentationInfo& info = entries_[focusA_].representation->info();
    if (info.kind == RepresentationKind::Rdm) return 0;
    return static_cast<std::size_t>(prefix_) < info.d ? prefix_ : 0;
}

QString AnalysisController::focusAName() const {
    if (focusA_ >= entries_.size()) return {};
    const int d = focusAPrefix();
    return d > 0 ? tr("%1 (first %2 dimensions)").arg(displayName(focusA_)).arg(d) : displayName(focusA_);
}

void AnalysisController::focusUpdated() {
    markFocusCell();
    updateRdmNames();
    emit focusChanged();
}

std::size_t AnalysisController::shownRepresentation() const {
    return rdm_->side() == FocusSide::A ? focusA_ : focusB_;
}

void AnalysisController::matrixCellClicked(qint64 row, qint64 col) {
    if (row < 0 || col < 0) return;
    const auto r = static_cast<std::size_t>(row);
    const auto c = static_cast<std::size_t>(col);
    if (r >= matrixReps_.size() || c >= matrixReps_.size()) return;
    setFocusPair(matrixReps_[r], matrixReps_[c]);
}

QString AnalysisController::statusText() const {
    QStringList parts;
    if (!rdmStatus_.isEmpty()) parts << rdmStatus_;
    if (!matrixStatus_.isEmpty()) parts << matrixStatus_;
    return parts.join(QStringLiteral(" · "));
}

void AnalysisController::setStatus(QString* part, const QString& text) {
    *part = text;
    emit statusChanged(statusText());
}

void AnalysisController::requestRdm() {
    if (entries_.empty()) {
        if (rdmTask_ != 0) tasks_->cancel(rdmTask_);
        ++rdmRequest_;
        rdmWanted_.reset();
        rdm_->setNote(QString());
        return;
    }
    RdmRequest wanted{shownRepresentation(), rdm_->measure(), rdm_->ordering(), categoryColumn_, std::nullopt, -1,
                      rdm_->side() == FocusSide::A ? prefix_ : 0};
    const bool target = rdm_->targetShown() && target_.has_value();
    if (target) {
        wanted.representation = 0;
        wanted.target = target_;
        wanted.targetSubject = targetSubject_;
    }
    if (rdmWanted_ == wanted) return;  // already shown or being computed
    if (rdmTask_ != 0) tasks_->cancel(rdmTask_);
    const quint64 request = ++rdmRequest_;
    rdmWanted_ = wanted;

    QString what;
    QString shownName;
    if (target) {
        rdm_->setMeasureEnabled(false);
        shownName = targetName_;
        what = tr("RDM of the target %1, %2").arg(targetName_, rdm_->orderingText());
    } else {
        const RepresentationInfo& info = entries_[wanted.representation].representation->info();
        const bool precomputed = info.kind == RepresentationKind::Rdm;
        rdm_->setMeasureEnabled(!precomputed);
        QString path = QString::fromStdString(info.path);
        if (collection_->files().size() > 1) path = displayName(wanted.representation);
        const std::string_view measureName = metrics::rdmMeasureName(wanted.measure);
        const QString measure =
            precomputed
                ? tr("precomputed")
                : QString::fromUtf8(measureName.data(), static_cast<qsizetype>(measureName.size()));
        const QString dims = wanted.prefix > 0 && static_cast<std::size_t>(wanted.prefix) < info.d
                                 ? tr(" (first %1 of %2 dimensions)").arg(wanted.prefix).arg(info.d)
                                 : QString();
        what = tr("RDM of %1%2, %3, %4").arg(path, dims, measure, rdm_->orderingText());
        shownName = displayName(wanted.representation);
    }
    rdm_->setNote(tr("Computing the %1…").arg(what));

    auto result = std::make_shared<RdmResult>();
    const std::shared_ptr<const Collection> collection = collection_;
    const std::shared_ptr<RepresentationCache> cache = cache_;
    QPointer<AnalysisController> self(this);
    rdmTask_ = tasks_->submit(
        tr("Computing the RDM of %1…").arg(shownName),
        [collection, cache, wanted, result](Progress& progress) {
            *result = buildRdm(collection, wanted, *cache, progress);
        },
        [self, request, result, what](const TaskOutcome& outcome) {
            if (AnalysisController* c = self.data())
                c->rdmFinished(request, *result, outcome, what);
        });
}

void AnalysisController::rdmFinished(quint64 request, const RdmResult& result,
                                     const TaskOutcome& outcome, const QString& what) {
    if (request != rdmRequest_) return;  // superseded
    rdmTask_ = 0;
    if (outcome.cancelled || !outcome.error.isEmpty()) {
        rdmWanted_.reset();
        rdm_->setNote(outcome.cancelled ? tr("Cancelled: %1.").arg(what) : outcome.error);
        if (!outcome.error.isEmpty()) {
            rdm_->clearRdm();
            setStatus(&rdmStatus_, QString());
        }
        return;
    }
    rdm_->showRdm(result.source, stimuli_, categoryColumn_);
    QString note = tr("Order: %1.").arg(QString::fromStdString(result.ordering));
    // Stimuli whose rows are undefined are named, not left as an unexplained band.
    if (const auto* rep = dynamic_cast<const tiles::RepresentationTileSource*>(result.source.get())) {
        const std::vector<std::size_t> bad = rep->undefinedPositions();
        if (!bad.empty()) {
            std::vector<std::string> names;
            const auto& order = rep->rowOrder();
            for (const std::size_t p : bad) {
                const std::size_t s = order.empty() ? p : order[p];
                names.push_back(stimuli_ && s < stimuli_->count ? stimuli_->label(s) : std::string("#").append(std::to_string(s)));
            }
            note += QLatin1Char('\n') +
                    listed(bad.size() == 1
                               ? tr("Undefined row (a stimulus whose pattern is constant or not finite; drawn as "
                                    "\"undefined\"):")
                               : tr("Undefined rows (%1 stimuli whose patterns are constant or not finite; drawn "
                                    "as \"undefined\"):").arg(bad.size()),
                           names);
        }
    }
    rdm_->setNote(note);
    setStatus(&rdmStatus_, what);
    emit rdmShown();
}

void AnalysisController::requestLayerMatrix() {
    if (matrixTask_ != 0) tasks_->cancel(matrixTask_);
    const quint64 request = ++matrixRequest_;
    const metrics::MetricInfo* metric = metrics::findMetric(matrix_->metric().toStdString());
    if (entries_.empty() || metric == nullptr) {
        matrix_->setNote(QString());
        return;
    }
    const QString name = QString::fromStdString(metric->name);
    matrix_->setNote(tr("Computing %1 between every pair of representations…").arg(name));
    matrix_->setPending(name);

    auto result = std::make_shared<LayerMatrixResult>();
    const std::shared_ptr<const Collection> collection = collection_;
    const std::shared_ptr<RepresentationCache> cache = cache_;
    QPointer<AnalysisController> self(this);
    matrixTask_ = tasks_->submit(
        tr("Computing the %1 layer matrix…").arg(name),
        [collection, cache, metric, result, drop = matrix_->dropNonFinite()](Progress& progress) {
            *result = computeLayerMatrixFor(collection, *metric, *cache, progress, drop);
        },
        [self, request, result, metric](const TaskOutcome& outcome) {
            if (AnalysisController* c = self.data())
                c->matrixFinished(request, *result, *metric, outcome);
        });
}

void AnalysisController::matrixFinished(quint64 request, const LayerMatrixResult& result,
                                        const metrics::MetricInfo& metric,
                                        const TaskOutcome& outcome) {
    if (request != matrixRequest_) return;  // superseded
    matrixTask_ = 0;
    const QString name = QString::fromStdString(metric.name);
    matrix_->clearPending(outcome.cancelled);
    if (outcome.cancelled) {
        const QString shown = matrix_->shownMetric();
        matrix_->setNote(shown.isEmpty() || shown == name
                             ? tr("Cancelled: the %1 layer matrix.").arg(name)
                             : tr("Cancelled: the %1 layer matrix; the matrix shows %2.").arg(name, shown));
        return;
    }
    if (!outcome.error.isEmpty()) {
        matrixReps_.clear();
        matrix_->clearMatrix();
        matrix_->setNote(outcome.error);
        setStatus(&matrixStatus_, QString());
        return;
    }
    matrixReps_ = result.representations;
    matrix_->showMatrix(result.source, result.labels, metric, result.dropped.size());
    QStringList note;
    note << tr("Click a cell to compare its row (A) and column (B) in the RDM view.");
    if (const QString s = listed(tr("Left out:"), result.skipped); !s.isEmpty()) note << s;
    if (const QString s = listed(tr("Stimuli left out of every representation (NaN/Inf in one):"), result.dropped);
        !s.isEmpty()) {
        note << s;
    }
    // Offered while NaN/Inf makes pairs undefined, and while it is on (to turn it off).
    const bool nanPairs = std::any_of(result.undefined.begin(), result.undefined.end(), [](const std::string& u) {
        return u.find("NaN") != std::string::npos;
    });
    matrix_->setDropOffered(nanPairs || !result.dropped.empty() || matrix_->dropNonFinite());
    if (const QString s = listed(tr("Undefined:"), result.undefined); !s.isEmpty()) note << s;
    matrix_->setNote(note.join(QLatin1Char('\n')));
    setStatus(&matrixStatus_, tr("layer matrix: %1 over %2 representations")
                                  .arg(name)
                                  .arg(result.representations.size()));
    markFocusCell();
    emit layerMatrixShown();
}

}  // namespace repscope::gui
