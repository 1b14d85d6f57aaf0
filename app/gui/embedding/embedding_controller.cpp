#include "gui/embedding/embedding_controller.h"

#include <QPointer>

#include "gui/analysis_controller.h"
#include "gui/embedding/embedding_panel.h"
#include "gui/embedding/embedding_result.h"
#include "gui/representation_cache.h"
#include "repscope/error.h"
#include "repscope/text.h"
#include "repscope/metrics/registry.h"
#include "repscope/sub_progress.h"
#include "repscope/views/embedding_chart.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

namespace {

constexpr const char* kPrefixMetric = "cka_linear";
constexpr std::size_t kMaxGridLayers = 24;

// The feature layers of the entry's model (same file), in collection order; at most kMaxGridLayers.
std::vector<CollectionEntry> modelLayers(const Collection& collection, const CollectionEntry& entry) {
    std::vector<CollectionEntry> out;
    const RepresentationInfo& info = entry.representation->info();
    for (const CollectionEntry& e : collection.representations()) {
        const RepresentationInfo& other = e.representation->info();
        if (e.fileIndex == entry.fileIndex && other.model == info.model && other.kind == RepresentationKind::Features &&
            other.rdmSet.empty() && out.size() < kMaxGridLayers) {
            out.push_back(e);
        }
    }
    return out;
}

}  // namespace

EmbeddingController::EmbeddingController(AnalysisController* analysis, TaskRunner* tasks, EmbeddingPanel* panel,
                                         QObject* parent)
    : QObject(parent), analysis_(analysis), tasks_(tasks), panel_(panel) {
    connect(analysis_, &AnalysisController::focusChanged, this, &EmbeddingController::focusChanged);
    connect(panel_, &EmbeddingPanel::requestChanged, this, [this] {
        stale_ = true;
        request();
    });
    connect(panel_, &EmbeddingPanel::prefixClicked, this, [this](int d) { analysis_->setPrefix(d); });
}

void EmbeddingController::setActive(bool active) {
    active_ = active;
    if (active_) focusChanged();
}

void EmbeddingController::collectionChanged() {
    collection_ = analysis_->collection();
    candidates_.clear();
    QStringList names;
    const auto& reps = analysis_->representations();
    for (std::size_t i = 0; i < reps.size(); ++i) {
        const RepresentationInfo& info = reps[i].representation->info();
        if (info.kind != RepresentationKind::Features || !info.rdmSet.empty()) continue;
        candidates_.push_back(i);
        names << analysis_->displayName(i);
    }
    QStringList columns;
    if (collection_) {
        for (const CategoryColumn& c : collection_->stimuli().columns) columns << QString::fromStdString(c.name);
    }
    panel_->setLabelColumns(columns);
    const auto at = [&](std::size_t rep, int fallback) {
        for (std::size_t k = 0; k < candidates_.size(); ++k) {
            if (candidates_[k] == rep) return static_cast<int>(k);
        }
        return fallback;
    };
    panel_->setRepresentations(names, at(analysis_->focusA(), names.isEmpty() ? -1 : 0),
                               at(analysis_->focusB(), names.size() > 1 ? 1 : (names.isEmpty() ? -1 : 0)));
}

void EmbeddingController::focusChanged() {
    if (!active_) return;
    // A new collection lists its representations again; otherwise old/new follow A and B.
    const int oldBefore = panel_->oldIndex();
    const int newBefore = panel_->newIndex();
    const bool newCollection = collection_ != analysis_->collection();
    collectionChanged();
    // Shown again with the same pair (or a focus change that keeps it): nothing to compute.
    if (newCollection || !shown_ || panel_->oldIndex() != oldBefore || panel_->newIndex() != newBefore) stale_ = true;
    request();
}

void EmbeddingController::request() {
    if (!active_ || !stale_) return;
    stale_ = false;
    if (task_ != 0) tasks_->cancel(task_);
    task_ = 0;
    const quint64 id = ++requestId_;
    const int oldK = panel_->oldIndex();
    const int newK = panel_->newIndex();
    if (!collection_ || oldK < 0 || newK < 0 || static_cast<std::size_t>(oldK) >= candidates_.size() ||
        static_cast<std::size_t>(newK) >= candidates_.size()) {
        shown_.reset();
        panel_->clearResult(tr("Open a file with embeddings (two or more representations of the same stimuli)."));
        return;
    }
    const std::size_t oldRep = candidates_[static_cast<std::size_t>(oldK)];
    const std::size_t newRep = candidates_[static_cast<std::size_t>(newK)];
    const CollectionEntry oldEntry = analysis_->representations()[oldRep];
    const CollectionEntry newEntry = analysis_->representations()[newRep];
    const QString oldName = analysis_->displayName(oldRep);
    const QString newName = analysis_->displayName(newRep);
    const std::string column = panel_->labelColumn().toStdString();
    const QString title = tr("Embedding checks: %1 (old) → %2 (new)").arg(oldName, newName);
    const QString subtitle = column.empty() ? tr("no categorical column: no retrieval scores")
                                            : tr("relevant: same %1 · cosine retrieval, leave one out")
                                                  .arg(QString::fromStdString(column));
    panel_->setPending(shown_ ? tr("Computing %1 → %2…\n(showing the previous result)").arg(oldName, newName)
                              : tr("Computing %1 → %2…").arg(oldName, newName));
    auto result = std::make_shared<EmbeddingResult>();
    const std::shared_ptr<const Collection> collection = collection_;
    const std::shared_ptr<RepresentationCache> cache = analysis_->representationCache();
    QPointer<EmbeddingController> self(this);
    task_ = tasks_->submit(
        tr("Embedding checks of %1 → %2…").arg(oldName, newName),
        [collection, cache, oldEntry, newEntry, column, result, oldName, newName,
         layers = modelLayers(*collection, oldEntry)](Progress& progress) {
            SubProgress reading(progress, 0.0, 0.2);
            const MatrixPtr oldX = cache->read(collection, oldEntry, reading);
            const MatrixPtr newX = cache->read(collection, newEntry, reading);
            const CategoryColumn* labels = column.empty() ? nullptr : collection->stimuli().column(column);
            embedding_checks::CompatOptions options;
            options.oldName = oldName.toStdString();
            options.newName = newName.toStdString();
            if (labels == nullptr) {
                result->plainWhy = result->alignedWhy = "no categorical column says which items are relevant";
            } else {
                SubProgress plain(progress, 0.2, 0.45);
                try {
                    result->plain = embedding_checks::compatibility(*oldX, *newX, labels->codes, options, plain);
                } catch (const InputError& e) {
                    result->plainWhy = e.what();
                }
                SubProgress aligned(progress, 0.45, 0.7);
                options.alignment = embedding_checks::Alignment::Orthogonal;
                try {
                    result->aligned = embedding_checks::compatibility(*oldX, *newX, labels->codes, options, aligned);
                } catch (const InputError& e) {
                    result->alignedWhy = e.what();
                }
            }
            const metrics::MetricInfo& metric = *metrics::findMetric(kPrefixMetric);
            embedding_checks::PrefixOptions prefix;
            prefix.codes = labels != nullptr ? &labels->codes : nullptr;
            SubProgress p1(progress, 0.7, 0.8);
            result->oldPrefix = embedding_checks::prefixCurve(*oldX, metric, {}, prefix, p1);
            SubProgress p2(progress, 0.8, 0.9);
            result->newPrefix = embedding_checks::prefixCurve(*newX, metric, {}, prefix, p2);
            SubProgress s(progress, 0.9, 1.0);
            result->oldSpectrum = embedding_checks::computeSpectrum(*oldX, collection->stimuli().columns, s);
            result->newSpectrum = embedding_checks::computeSpectrum(*newX, collection->stimuli().columns, s);
            // Every layer of the old model against its own prefixes (no retrieval: the metric only).
            result->gridModel = oldEntry.representation->info().model;
            for (const CollectionEntry& layer : layers) {
                progress.throwIfCancelled();
                const MatrixPtr x = cache->read(collection, layer, progress);
                result->grid.emplace_back(layer.representation->info().layer,
                                          embedding_checks::prefixCurve(*x, metric, {}, {}, progress));
            }
        },
        [self, id, result, title, subtitle](const TaskOutcome& outcome) {
            if (EmbeddingController* c = self.data()) c->finished(id, result, title, subtitle, outcome);
        });
}

void EmbeddingController::finished(quint64 request, const std::shared_ptr<EmbeddingResult>& result,
                                   const QString& title, const QString& subtitle, const TaskOutcome& outcome) {
    if (request != requestId_) return;  // superseded
    task_ = 0;
    if (outcome.cancelled) {
        panel_->setPending(QString());
        panel_->setNote(shown_ ? tr("Cancelled; the view shows %1.").arg(panel_->title()) : tr("Cancelled."));
        return;
    }
    if (!outcome.error.isEmpty()) {
        shown_.reset();
        panel_->clearResult(outcome.error);
        panel_->setNote(outcome.error);
        return;
    }
    shown_ = result;
    const QColor oldColour = views::categoryColour(0);
    const QColor newColour = views::categoryColour(1);
    const QString metric = QString::fromLatin1(kPrefixMetric);
    EmbeddingPanel::Compat compat{result->plain, QString::fromStdString(result->plainWhy), result->aligned,
                                  QString::fromStdString(result->alignedWhy)};
    std::vector<views::Named<embedding_checks::PrefixCurve>> layers;
    for (std::size_t k = 0; k < result->grid.size(); ++k) {
        layers.push_back({QString::fromStdString(printable(result->grid[k].first)),
                          views::categoryColour(static_cast<std::int32_t>(k)), result->grid[k].second});
    }
    views::ChartContent grid = views::prefixChart(layers, metric);
    grid.valueTitle = tr("%1 of X[:, :d] with X").arg(metric);
    grid.note = tr("Every layer of %1 (2D Matryoshka): %2 of its first d dimensions with all of them")
                    .arg(QString::fromStdString(printable(result->gridModel)), metric);
    for (views::ChartSeries& s : grid.series) {
        for (views::ChartItem& p : s.points) p.id = -1;  // not focus A's layer: nothing to show on a click
    }
    panel_->showResult(
        compat,
        views::prefixChart({{tr("old"), oldColour, result->oldPrefix}, {tr("new"), newColour, result->newPrefix}}, metric),
        views::spectrumChart({{tr("old"), oldColour, result->oldSpectrum}, {tr("new"), newColour, result->newSpectrum}}),
        views::categoryShareChart(
            {{tr("old"), oldColour, result->oldSpectrum}, {tr("new"), newColour, result->newSpectrum}}),
        std::move(grid), title, subtitle);
    panel_->setNote(tr("Old and new follow focus A and B; pick others above. Prefix: %1 of the first d dimensions "
                       "with all of them, and top-1 retrieval of the prefix.")
                        .arg(metric));
    emit resultShown();
}

}  // namespace repscope::gui
