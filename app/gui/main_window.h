#pragma once
// RepScope's main window: menus, the Data dock, the analysis views (layer matrix and RDM side
// by side; a summary while nothing is open), and a status bar with what the views show and
// background-work progress. Files are opened on a worker thread and added to one Collection on
// the GUI thread; failures show a dialog and change nothing. The collection is replaced, never
// changed in place, so that background work can keep reading the snapshot it was given.
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <memory>

#include "repscope/collection.h"
#include "repscope/selection.h"

class QAbstractItemModel;
class QDockWidget;
class QLabel;
class QMessageBox;
class QStackedWidget;

namespace repscope::views {
class DataPanel;
class SelectionModel;
}  // namespace repscope::views

namespace repscope::gui {

class ActivityWidget;
class AlignmentDock;
class EmbeddingDock;
class JobsPanel;
class SessionController;
class UnitsDock;
class AnalysisController;
class ExplorationViews;
class Projection3DDock;
class LayerMatrixPanel;
class RdmPanel;
class RecentFiles;
class TaskRunner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens each file in the background and adds it to the collection; each one succeeds or
    // fails on its own. Files already open (or being opened) are skipped with a status message.
    // allowLinksOutside follows external links and virtual-dataset sources outside each file's
    // folder (asked for in the open-error dialog when a file failed because of them).
    void openFiles(const QStringList& paths, bool allowLinksOutside = false);
    // Writes the built-in demo dataset into the cache directory if needed (background), then
    // opens it.
    void openDemo();
    // Closes every open file (the views empty).
    void closeAllFiles();
    // Reads a `.repscope` session and restores it (its files open in the background); a broken
    // session file is reported in one sentence and nothing changes.
    void openSession(const QString& path);
    [[nodiscard]] bool isOpening() const { return !opening_.isEmpty(); }
    [[nodiscard]] SessionController* sessions() const { return sessions_; }
    // The Alignment dock (hidden until there is a target), panel and controller.
    [[nodiscard]] AlignmentDock* alignment() const { return alignment_; }
    // The Embedding checks dock (hidden at first), panel and controller.
    [[nodiscard]] EmbeddingDock* embedding() const { return embedding_; }
    // The Unit matching dock (hidden at first), panel and controller.
    [[nodiscard]] UnitsDock* units() const { return units_; }

    [[nodiscard]] const Collection& collection() const { return *collection_; }
    [[nodiscard]] views::DataPanel* dataPanel() const { return dataPanel_; }
    [[nodiscard]] LayerMatrixPanel* layerMatrixPanel() const { return matrixPanel_; }
    [[nodiscard]] RdmPanel* rdmPanel() const { return rdmPanel_; }
    [[nodiscard]] AnalysisController* analysis() const { return analysis_; }
    // The Projection panel and the Inspector dock.
    [[nodiscard]] ExplorationViews* exploration() const { return exploration_; }
    // The 3-D view's dock (hidden at first), panel and controller.
    [[nodiscard]] Projection3DDock* projection3d() const { return projection3d_; }
    [[nodiscard]] JobsPanel* jobsPanel() const { return jobsPanel_; }
    [[nodiscard]] TaskRunner* taskRunner() const { return tasks_; }
    // The session's stimulus selection, shared by every view of stimuli.
    [[nodiscard]] views::SelectionModel* selectionModel() const { return selectionModel_.get(); }
    [[nodiscard]] QAbstractItemModel* dataModel() const;
    [[nodiscard]] bool isBusy() const;

signals:
    // After each file was added to (or removed from) the collection.
    void collectionChanged();
    // After a file could not be opened or added; `message` is what the error dialog shows.
    void openFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    // The first time: prepares the analysis views' OpenGL (see prepareGraphics()).
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createAnalysisViews();
    // Creates the heatmaps' and the projection's OpenGL contexts and shader programs while the
    // start page shows: under a software rasteriser that costs ~40–100 ms of GUI thread per view
    // (LLVM compiles the shaders), which otherwise fell on the moment the first data appeared.
    // Prepares the view-th one; then the next on the next turn of the event loop.
    void prepareGraphics(int view);
    void createMenus();
    void createStatusBar();
    void setCollection(std::shared_ptr<const Collection> collection);
    void showOpenDialog();
    void saveSessionAs();
    void showAbout();
    void addOpenedFile(const QString& path, const DataFilePtr& file);
    void closeFile(int fileIndex);
    void reportError(const QString& message);
    // A file whose only data lies behind links outside its folder: the error, with a checkbox
    // that opens it again following them.
    void offerLinksOutside(const QString& path, const QString& message);
    void refresh();
    [[nodiscard]] bool isOpen(const QString& absolutePath) const;

    std::shared_ptr<const Collection> collection_;
    Selection selection_;
    // Declared after selection_: goes first (it unregisters from the selection).
    std::unique_ptr<views::SelectionModel> selectionModel_;
    views::DataPanel* dataPanel_;
    QDockWidget* dataDock_;
    QLabel* summary_;
    TaskRunner* tasks_;
    ActivityWidget* activity_;
    QDockWidget* jobsDock_;
    JobsPanel* jobsPanel_;
    SessionController* sessions_ = nullptr;
    UnitsDock* units_ = nullptr;
    AlignmentDock* alignment_ = nullptr;
    EmbeddingDock* embedding_ = nullptr;
    QStackedWidget* central_ = nullptr;
    LayerMatrixPanel* matrixPanel_ = nullptr;
    RdmPanel* rdmPanel_ = nullptr;
    AnalysisController* analysis_ = nullptr;
    ExplorationViews* exploration_ = nullptr;
    Projection3DDock* projection3d_ = nullptr;
    QLabel* shown_ = nullptr;  // status bar: what the analysis views show
    RecentFiles* recent_ = nullptr;
    QPointer<QMessageBox> errorBox_;  // the error dialog on screen, if any
    QSet<QString> opening_;  // absolute paths queued or being opened
    bool demoPending_ = false;
    bool graphicsPrepared_ = false;
};

}  // namespace repscope::gui
