#pragma once
// Keeps the Embedding checks view on the open collection: the old and new representations follow
// the focus pair (A old, B new) until the user picks others; their compatibility (as they are and
// with an orthogonal map), prefix curves and spectra are computed in one TaskRunner task (a newer
// request cancels an older one); a click on a prefix point shows that prefix of focus A in the
// RDM view.
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "gui/tasks/task_runner.h"
#include "repscope/collection.h"

namespace repscope::gui {

class AnalysisController;
class EmbeddingPanel;
struct EmbeddingResult;

class EmbeddingController : public QObject {
    Q_OBJECT
public:
    EmbeddingController(AnalysisController* analysis, TaskRunner* tasks, EmbeddingPanel* panel, QObject* parent);

    // Work only while the view is shown.
    void setActive(bool active);
    [[nodiscard]] bool isComputing() const { return task_ != 0; }
    // The last result shown (null before the first).
    [[nodiscard]] const std::shared_ptr<const EmbeddingResult>& shown() const { return shown_; }

signals:
    void resultShown();

private:
    void collectionChanged();
    void focusChanged();
    // A cell of the layer × prefix grid: focus A moves to that layer and shows the prefix.
    void gridClicked(int row, int col);
    void request();
    void finished(quint64 request, const std::shared_ptr<EmbeddingResult>& result, const QString& title,
                  const QString& subtitle, const TaskOutcome& outcome);

    AnalysisController* analysis_;
    TaskRunner* tasks_;
    EmbeddingPanel* panel_;
    std::shared_ptr<const Collection> collection_;
    std::vector<std::size_t> candidates_;  // indices into the analysis' representations (features only)
    std::shared_ptr<const EmbeddingResult> shown_;
    bool active_ = false;
    bool stale_ = true;
    bool following_ = true;  // false while the view itself moves the focus (a grid click)
    quint64 requestId_ = 0;
    TaskRunner::TaskId task_ = 0;
};

}  // namespace repscope::gui
