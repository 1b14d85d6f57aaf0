#include "gui/embedding/embedding_controller.h"

#include <QPointer>
#include <cmath>
#include <map>

#include "gui/analysis/analysis_controller.h"
#include "gui/embedding/embedding_panel.h"
#include "gui/embedding/embedding_result.h"
#include "gui/analysis/representation_cache.h"
#include "repscope/error.h"
#include "repscope/text.h"
#include "repscope/metrics/registry.h"
#include "repscope/sub_progress.h"
#include "repscope/views/embedding_chart.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

namespace {

constexpr const char* kPrefixMetric = "cka_linear";
constexpr std::size_t kMaxGridLayers = 24;

// The feature layers of representation `of`'s model (same file), as indices into `entries`, in
// collection order; at most kMaxGridLayers.
std::vector<std::size_t> modelLayers(const std::vector<CollectionEntry>& entries, std::size_t of) {
    std::vector<std::size_t> out;
    const CollectionEntry& entry = entries[of];
    const RepresentationInfo& info = entry.representation->info();
    for (std::size_t i = 0; i < entries.size() && out.size() < kMaxGridLayers; ++i) {
        const CollectionEntry& e = entries[i];
        const RepresentationInfo& other = e.representation->info();
        if (e.fileIndex == entry.fileIndex && other.model == info.model &&
            other.kind == RepresentationKind::Features && other.rdmSet.empty()) {
            out.push_back(i);
        }
    }
    return out;
}

// The grid as a heatmap: layers down, prefix sizes across; cells past a layer's D are undefined
// and say why.
EmbeddingPanel::Grid gridContent(const EmbeddingResult& r, const QString& metric) {
    EmbeddingPanel::Grid g;
    if (r.grid.empty() || r.gridDims.empty()) return g;
    const auto rows = static_cast<Eigen::Index>(r.grid.size());
    const auto cols = static_cast<Eigen::Index>(r.gridDims.size());
    MatrixF m(rows, cols);
    std::map<std::pair<std::size_t, std::size_t>, std::string> reasons;
    auto rowLabels = std::make_shared<Stimuli>();
    auto colLabels = std::make_shared<Stimuli>();
    rowLabels->count = r.grid.size();
    colLabels->count = r.gridDims.size();
    for (Eigen::Index i = 0; i < rows; ++i) {
        const auto& row = r.grid[static_cast<std::size_t>(i)];
        rowLabels->labels.push_back(row.layer);
        for (Eigen::Index j = 0; j < cols; ++j) {
            const std::size_t k = static_cast<std::size_t>(j);
            m(i, j) = k < row.value.size() ? static_cast<float>(row.value[k]) : std::nanf("");
            if (r.gridDims[k] > row.d) {
                reasons[{static_cast<std::size_t>(i), k}] =
                    "this layer has " + std::to_string(row.d) + " dimensions, fewer than " +
                    std::to_string(r.gridDims[k]);
            }
        }
    }
    for (const int d : r.gridDims) colLabels->labels.push_back(std::to_string(d));
    auto source = std::make_shared<tiles::DenseTileSource>(std::move(m), metric.toStdString());
    source->setUndefinedReasons(std::move(reasons));
    g.source = std::move(source);
    g.rows = std::move(rowLabels);
    g.cols = std::move(colLabels);
    g.title = QObject::tr("Every layer of %1 (2D Matryoshka): %2 of its first d dimensions with all of them")
                  .arg(QString::fromStdString(printable(r.gridModel)), metric);
    return g;
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
    connect(panel_, &EmbeddingPanel::gridClicked, this, &EmbeddingController::gridClicked);
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

void EmbeddingController::gridClicked(int row, int col) {
    if (!shown_ || row < 0 || col < 0 || static_cast<std::size_t>(row) >= shown_->grid.size() ||
        static_cast<std::size_t>(col) >= shown_->gridDims.size()) {
        return;
    }
    const EmbeddingResult::GridRow& layer = shown_->grid[static_cast<std::size_t>(row)];
    const int d = shown_->gridDims[static_cast<std::size_t>(col)];
    if (d > layer.d || layer.representation >= analysis_->representations().size()) return;  // undefined cell
    // Focus A moves to the layer and shows its prefix; old and new stay what the checks compare.
    following_ = false;
    analysis_->setFocusPair(layer.representation, analysis_->focusB());
    analysis_->setPrefix(d);
    following_ = true;
}

void EmbeddingController::focusChanged() {
    if (!active_ || !following_) return;
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
    // The grid's rows: every layer of the old model, with their sizes known before reading.
    std::vector<EmbeddingResult::GridRow> gridRows;
    std::vector<int> ds;
    for (const std::size_t i : modelLayers(analysis_->representations(), oldRep)) {
        const RepresentationInfo& info = analysis_->representations()[i].representation->info();
        gridRows.push_back({i, info.layer.empty() ? info.path : info.layer, static_cast<int>(info.d), {}});
        ds.push_back(static_cast<int>(info.d));
    }
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
        [collection, cache, oldEntry, newEntry, column, result, oldName, newName, gridRows = std::move(gridRows),
         gridDims = embedding_checks::gridPrefixDims(ds)](Progress& progress) {
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
            result->gridDims = gridDims;
            const auto entries = collection->representations();
            for (EmbeddingResult::GridRow row : gridRows) {
                progress.throwIfCancelled();
                if (row.representation >= entries.size()) continue;
                const MatrixPtr x = cache->read(collection, entries[row.representation], progress);
                row.value = embedding_checks::prefixCurveOnGrid(*x, metric, {}, gridDims, {}, progress).value;
                result->grid.push_back(std::move(row));
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
    panel_->showResult(
        compat,
        views::prefixChart({{tr("old"), oldColour, result->oldPrefix}, {tr("new"), newColour, result->newPrefix}}, metric),
        views::spectrumChart({{tr("old"), oldColour, result->oldSpectrum}, {tr("new"), newColour, result->newSpectrum}}),
        views::categoryShareChart(
            {{tr("old"), oldColour, result->oldSpectrum}, {tr("new"), newColour, result->newSpectrum}}),
        gridContent(*result, metric), title, subtitle);
    panel_->setNote(tr("Old and new follow focus A and B; pick others above. Prefix: %1 of the first d dimensions "
                       "with all of them, and top-1 retrieval of the prefix.")
                        .arg(metric));
    emit resultShown();
}

}  // namespace repscope::gui
