#pragma once
// Wires the analysis panels to the open collection: the focus pair (A, B) of representations,
// the layer matrix and RDM requests run as TaskRunner tasks, and the status line saying what
// is shown. The panels do not know each other or the collection; this class does.
//
// Every request carries a number; a newer request of the same kind cancels the older task and
// its late result is dropped, so what is shown is always what was asked for last.
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "gui/analysis/analysis_tasks.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/tasks/task_runner.h"
#include "repscope/collection.h"

namespace repscope::gui {

class LayerMatrixPanel;
class RepresentationCache;

class AnalysisController : public QObject {
    Q_OBJECT
public:
    AnalysisController(TaskRunner* tasks, LayerMatrixPanel* matrix, RdmPanel* rdm, QObject* parent);
    ~AnalysisController() override;
    AnalysisController(const AnalysisController&) = delete;
    AnalysisController& operator=(const AnalysisController&) = delete;

    // A new snapshot of the collection (after a file was added or removed; null or empty: none).
    // The focus pair keeps its representations when they are still open, else becomes the
    // first two; both views are recomputed.
    void setCollection(std::shared_ptr<const Collection> collection);
    // Focus A becomes the representation with this qualified name ("file:/model/layer").
    void focusRepresentation(const QString& qualifiedName);
    // The focus pair as indices into representations(); the RDM view shows A.
    void setFocusPair(std::size_t a, std::size_t b);

    // The RDM view's T side: the Alignment view's target set, its pooled RDM (subject < 0) or one
    // subject's; nullopt hides T. `name` is what the view's label says.
    void setAlignmentTarget(std::optional<alignment::SetTarget> target, int subject, const QString& name);
    // Shows the target (T) in the RDM view.
    void showAlignmentTarget();
    // The RDM view shows the first d dimensions of focus A (d ≤ 0 or ≥ D: all); a new focus
    // pair resets it.
    void setPrefix(int d);
    [[nodiscard]] int prefix() const { return prefix_; }
    // The prefix focus A is shown with: prefix() when it is shorter than A's D, else 0 (all).
    // Every view of A uses it (RDM, projection, Inspector), and names A with focusAName().
    [[nodiscard]] int focusAPrefix() const;
    // displayName(focusA()), with " (first d dimensions)" while a prefix is shown.
    [[nodiscard]] QString focusAName() const;

    [[nodiscard]] const std::vector<CollectionEntry>& representations() const { return entries_; }
    // The collection snapshot the views show (null before the first one), and the cache of
    // representations read for it, which other background work may share.
    [[nodiscard]] const std::shared_ptr<const Collection>& collection() const { return collection_; }
    [[nodiscard]] const std::shared_ptr<RepresentationCache>& representationCache() const {
        return cache_;
    }
    // The column that views colour stimuli by (defaultCategoryColumn of the collection).
    [[nodiscard]] const std::string& categoryColumn() const { return categoryColumn_; }
    [[nodiscard]] std::size_t focusA() const { return focusA_; }
    [[nodiscard]] std::size_t focusB() const { return focusB_; }
    // Row (and column) k of the layer matrix shown → index into representations().
    [[nodiscard]] const std::vector<std::size_t>& matrixRepresentations() const {
        return matrixReps_;
    }
    // What the views show, for the status bar ("RDM of /m/l, correlation, clustered order · …").
    [[nodiscard]] QString statusText() const;
    // Display name of a representation ("mlp_a/hidden1"; with the file name when several).
    [[nodiscard]] QString displayName(std::size_t index) const;

signals:
    void statusChanged(const QString& text);
    void focusChanged();
    // Focus A's prefix changed without a focus change (prefix()).
    void prefixChanged();
    // After a layer matrix or an RDM was put on screen.
    void layerMatrixShown();
    void rdmShown();

private:
    void requestLayerMatrix();
    void requestRdm();
    // Task outcomes, on the GUI thread; superseded requests are dropped.
    void matrixFinished(quint64 request, const LayerMatrixResult& result,
                        const metrics::MetricInfo& metric, const TaskOutcome& outcome);
    void rdmFinished(quint64 request, const RdmResult& result, const TaskOutcome& outcome,
                     const QString& what);
    void matrixCellClicked(qint64 row, qint64 col);
    // Outlines the focus pair's cell (row A, column B) in the layer matrix shown.
    void markFocusCell();
    void focusUpdated();
    // The RDM panel's A/B names (A with its prefix, if any).
    void updateRdmNames();
    void setStatus(QString* part, const QString& text);
    [[nodiscard]] std::size_t shownRepresentation() const;

    QPointer<TaskRunner> tasks_;  // may go before this object when the window closes
    LayerMatrixPanel* matrix_;
    RdmPanel* rdm_;
    std::shared_ptr<RepresentationCache> cache_;
    std::shared_ptr<const Collection> collection_;
    std::shared_ptr<const Stimuli> stimuli_;  // the collection's, sharing its lifetime
    std::vector<CollectionEntry> entries_;
    std::string categoryColumn_;
    std::size_t focusA_ = 0;
    std::size_t focusB_ = 0;
    std::vector<std::size_t> matrixReps_;
    TaskRunner::TaskId matrixTask_ = 0;
    TaskRunner::TaskId rdmTask_ = 0;
    quint64 matrixRequest_ = 0;
    quint64 rdmRequest_ = 0;
    std::optional<RdmRequest> rdmWanted_;  // the RDM shown or being computed
    std::optional<alignment::SetTarget> target_;  // the RDM view's T side
    int targetSubject_ = -1;
    QString targetName_;
    int prefix_ = 0;
    QString matrixStatus_;
    QString rdmStatus_;
};

}  // namespace repscope::gui
