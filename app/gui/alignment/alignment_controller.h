#pragma once
// Keeps the Alignment view on the open collection: lists its RDM sets as targets, evaluates every
// model against the chosen one in a TaskRunner task (a newer request cancels an older one; a
// late result is dropped), shows bars and layer profile with titles describing exactly the
// result shown, and links: a click on a model sets focus A (the RDM view shows it) and makes
// the target the RDM view's T side; the target's pooled RDM or one subject's can be shown there.
#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "gui/tasks/task_runner.h"
#include "repscope/alignment/collection_evaluation.h"
#include "repscope/alignment/collection_triplets.h"

namespace repscope::views {
class SelectionModel;
}

namespace repscope::gui {

class AlignmentPanel;
class AnalysisController;

class AlignmentController : public QObject {
    Q_OBJECT
public:
    AlignmentController(AnalysisController* analysis, TaskRunner* tasks, AlignmentPanel* panel,
                        views::SelectionModel* selection, QObject* parent);

    // Work only while the view is shown; turning it on evaluates the current request.
    void setActive(bool active);
    // The collection changed: the targets are listed again. Returns true when there is a target.
    bool collectionChanged();
    // A file of odd-one-out judgements (CSV with an odd_one_out column) becomes a target; its
    // labels are matched against the collection's when it is evaluated. Returns true when it was
    // not listed yet.
    bool addTripletFile(const QString& path);
    // Forgets the triplet files (when every file was closed).
    void clearTripletFiles();
    // The last triplet result shown (null when the view shows an RDM-set evaluation or nothing).
    [[nodiscard]] const std::shared_ptr<const alignment::CollectionTriplets>& shownTriplets() const {
        return shownTriplets_;
    }
    // The last result shown (null before the first).
    [[nodiscard]] const std::shared_ptr<const alignment::CollectionEvaluation>& shown() const { return shown_; }
    [[nodiscard]] bool isComputing() const { return task_ != 0; }
    // The collection the view evaluates (the analysis views').
    [[nodiscard]] const std::shared_ptr<const Collection>& collectionOf() const;

signals:
    // A result was put on screen.
    void evaluationShown();

private:
    void request();
    void redraw();
    void modelClicked(int model);
    void showTarget(int subject);
    // Makes the target set's pooled RDM (subject < 0) or one subject's the RDM view's T side;
    // false when the target is not an RDM set or the subject is gone.
    bool linkTarget(int subject);
    void finished(quint64 request, const std::shared_ptr<alignment::CollectionEvaluation>& result,
                  alignment::Comparator comparator, const QString& title, const QString& subtitle, const TaskOutcome& outcome);
    void tripletsFinished(quint64 request, const std::shared_ptr<alignment::CollectionTriplets>& result,
                          const QString& title, const QString& subtitle, const TaskOutcome& outcome);
    void listTargets();
    // A task's outcome for `request`: false (after saying so) when superseded, cancelled or failed.
    bool accepted(quint64 request, const TaskOutcome& outcome);
    void requestTriplets(quint64 id, const std::shared_ptr<const Collection>& collection, const QString& path);
    // The triplet file chosen, or empty when the target is an RDM set (or nothing).
    [[nodiscard]] QString currentTripletFile() const;
    [[nodiscard]] const std::vector<CollectionEntry>* shownModels() const;
    [[nodiscard]] std::optional<alignment::SetTarget> currentTarget() const;

    AnalysisController* analysis_;
    TaskRunner* tasks_;
    AlignmentPanel* panel_;
    views::SelectionModel* selection_;
    std::vector<alignment::SetTarget> targets_;
    std::vector<QString> tripletFiles_;  // listed after the RDM sets
    std::shared_ptr<const alignment::CollectionEvaluation> shown_;
    std::shared_ptr<const alignment::CollectionTriplets> shownTriplets_;
    alignment::Comparator shownComparator_ = alignment::Comparator::Spearman;
    QString shownTitle_;
    QString shownSubtitle_;
    bool active_ = false;
    bool stale_ = true;
    quint64 requestId_ = 0;
    TaskRunner::TaskId task_ = 0;
};

}  // namespace repscope::gui
