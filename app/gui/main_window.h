#pragma once
// RepScope's main window: menus, the Data dock, a central summary (later the analysis views),
// and a status bar with background-work progress. Files are opened on a worker thread and
// added to one Collection on the GUI thread; failures show a dialog and change nothing.
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "repscope/collection.h"

class QAbstractItemModel;
class QDockWidget;
class QLabel;
class QMessageBox;

namespace repscope::views {
class DataPanel;
}

namespace repscope::gui {

class ActivityWidget;
class RecentFiles;
class TaskRunner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens each file in the background and adds it to the collection; each one succeeds or
    // fails on its own. Files already open (or being opened) are skipped with a status message.
    void openFiles(const QStringList& paths);
    // Writes the built-in demo dataset into the cache directory if needed (background), then
    // opens it.
    void openDemo();

    [[nodiscard]] const Collection& collection() const { return collection_; }
    [[nodiscard]] views::DataPanel* dataPanel() const { return dataPanel_; }
    [[nodiscard]] QAbstractItemModel* dataModel() const;
    [[nodiscard]] bool isBusy() const;

signals:
    // After each file was added to (or removed from) the collection.
    void collectionChanged();
    // After a file could not be opened or added; `message` is what the error dialog shows.
    void openFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void showOpenDialog();
    void showAbout();
    void addOpenedFile(const QString& path, const DataFilePtr& file);
    void closeFile(int fileIndex);
    void reportError(const QString& message);
    void refresh();
    [[nodiscard]] bool isOpen(const QString& absolutePath) const;

    Collection collection_;
    views::DataPanel* dataPanel_;
    QDockWidget* dataDock_;
    QLabel* summary_;
    TaskRunner* tasks_;
    ActivityWidget* activity_;
    RecentFiles* recent_ = nullptr;
    QPointer<QMessageBox> errorBox_;  // the error dialog on screen, if any
    QSet<QString> opening_;  // absolute paths queued or being opened
    bool demoPending_ = false;
};

}  // namespace repscope::gui
