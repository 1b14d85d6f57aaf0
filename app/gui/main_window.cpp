#include "gui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QOpenGLWidget>
#include <QScreen>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <exception>
#include <map>
#include <memory>

#include "gui/tasks/activity_widget.h"
#include "gui/analysis/analysis_controller.h"
#include "gui/dock_action.h"
#include "gui/exploration_views.h"
#include "gui/tasks/jobs_panel.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/projection3d/projection3d_dock.h"
#include "gui/projection/projection_panel.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/session/session_controller.h"
#include "gui/alignment/alignment_dock.h"
#include "gui/embedding/embedding_dock.h"
#include "repscope/alignment/collection_triplets.h"
#include "gui/units/units_dock.h"
#include "gui/units/units_panel.h"
#include "gui/session/recent_files.h"
#include "gui/report/report_export.h"
#include "gui/tasks/task_runner.h"
#include "gui/view_export.h"
#include "repscope/demo.h"
#include "repscope/text.h"
#include "repscope/version.h"
#include "repscope/views/collection_text.h"
#include "repscope/views/data_panel.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/selection_model.h"

namespace repscope::gui {
namespace {

constexpr int kStatusTimeoutMs = 8000;
const QString kFileFilter = QStringLiteral(
    "HDF5 files and sessions (*.h5 *.hdf5 *.h5ad *.hdf *.repscope);;HDF5 files (*.h5 *.hdf5 *.h5ad *.hdf);;"
    "RepScope sessions (*.repscope);;All files (*)");

QStringList localFiles(const QMimeData* mime) {
    QStringList paths;
    if (mime == nullptr) return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile()) paths << url.toLocalFile();
    }
    return paths;
}

// "alpha (4 layers), beta (4 layers)" for the models of the collection, in order.
QString modelsText(const Collection& collection) {
    QStringList parts;
    for (const DataFilePtr& file : collection.files()) {
        std::vector<std::string> order;
        std::map<std::string, int> layers;
        for (const RepresentationPtr& rep : file->representations()) {
            const std::string& model = rep->info().model;
            if (layers[model]++ == 0) order.push_back(model);
        }
        for (const std::string& model : order) {
            const int n = layers[model];
            const QString name = model.empty() ? views::fileNameOf(file->path()) : QString::fromStdString(model);
            parts << QStringLiteral("%1 (%2)").arg(name.toHtmlEscaped(),
                                                   n == 1 ? QStringLiteral("1 layer")
                                                          : QStringLiteral("%1 layers").arg(n));
        }
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), collection_(std::make_shared<const Collection>()),
      selectionModel_(std::make_unique<views::SelectionModel>(selection_, nullptr)),
      dataPanel_(new views::DataPanel(this)), dataDock_(new QDockWidget(tr("Data"), this)),
      summary_(new QLabel(this)), tasks_(new TaskRunner(this)),
      activity_(new ActivityWidget(this)), jobsDock_(new QDockWidget(tr("Jobs"), this)),
      jobsPanel_(new JobsPanel(tasks_, jobsDock_)) {
    setObjectName(QStringLiteral("repscopeMainWindow"));
    setAcceptDrops(true);
    // Room for the Data panel and two heatmaps side by side, within the screen.
    resize(QSize(1440, 880).boundedTo(screen()->availableGeometry().size() * 0.92));

    summary_->setObjectName(QStringLiteral("collectionSummary"));
    summary_->setAlignment(Qt::AlignCenter);
    summary_->setWordWrap(true);
    summary_->setMargin(24);
    summary_->setTextFormat(Qt::RichText);
    createAnalysisViews();

    dataDock_->setObjectName(QStringLiteral("dataDock"));
    dataDock_->setWidget(dataPanel_);
    dataDock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock_);
    resizeDocks({dataDock_}, {340}, Qt::Horizontal);
    setPreferredWidth(dataDock_, 340);
    addDockWidget(Qt::LeftDockWidgetArea, exploration_->inspectorDock());
    splitDockWidget(dataDock_, exploration_->inspectorDock(), Qt::Vertical);
    jobsDock_->setObjectName(QStringLiteral("jobsDock"));
    jobsDock_->setWidget(jobsPanel_);
    jobsDock_->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::LeftDockWidgetArea, jobsDock_);
    tabifyDockWidget(exploration_->inspectorDock(), jobsDock_);
    exploration_->inspectorDock()->raise();
    connect(dataPanel_, &views::DataPanel::closeFileRequested, this, &MainWindow::closeFile);
    connect(analysis_, &AnalysisController::focusChanged, this, [this] {
        const auto& reps = analysis_->representations();
        const auto name = [&](std::size_t k) {
            return k < reps.size() ? QString::fromStdString(reps[k].representation->info().qualifiedName()) : QString();
        };
        dataPanel_->setFocusMarks(name(analysis_->focusA()), reps.size() > 1 ? name(analysis_->focusB()) : QString());
    });
    connect(dataPanel_, &views::DataPanel::representationSelected, analysis_,
            &AnalysisController::focusRepresentation);
    connect(dataPanel_, &views::DataPanel::representationActivated, analysis_,
            &AnalysisController::focusRepresentation);

    units_ = new UnitsDock(this, tasks_, analysis_);
    alignment_ = new AlignmentDock(this, tasks_, analysis_, selectionModel_.get());
    embedding_ = new EmbeddingDock(this, tasks_, analysis_);
    connect(this, &MainWindow::collectionChanged, alignment_, &AlignmentDock::collectionChanged);
    sessions_ = new SessionController(this);
    connect(sessions_, &SessionController::restored, this, [this](const QString& notes) {
        statusBar()->showMessage(notes.isEmpty() ? tr("Session restored.") : tr("Session restored. %1").arg(notes),
                                 kStatusTimeoutMs);
    });
    createMenus();
    createStatusBar();

    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    refresh();
}

MainWindow::~MainWindow() {
    // Stop background work before the collection and the panels go away.
    tasks_->cancelAll();
    // ~QWidget closes the window, and hiding the docks emits their visibilityChanged; by then
    // this object is only a QWidget, so no slot of a child's signal may still reach it (a dock's
    // keep-on-screen slot asked the dismantled QMainWindow for its dock area and crashed).
    for (QObject* child : findChildren<QObject*>()) QObject::disconnect(child, nullptr, this, nullptr);
}

QAbstractItemModel* MainWindow::dataModel() const { return dataPanel_->model(); }

void MainWindow::createAnalysisViews() {
    // The layer matrix above the RDM on the left, the projection on the right.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("analysisViews"));
    splitter->setChildrenCollapsible(false);
    auto* heatmaps = new QSplitter(Qt::Vertical, splitter);
    heatmaps->setObjectName(QStringLiteral("heatmapViews"));
    heatmaps->setChildrenCollapsible(false);
    matrixPanel_ = new LayerMatrixPanel(heatmaps);
    rdmPanel_ = new RdmPanel(heatmaps);
    heatmaps->addWidget(matrixPanel_);
    heatmaps->addWidget(rdmPanel_);
    heatmaps->setSizes({800, 1200});
    splitter->addWidget(heatmaps);
    // Stimuli are what the RDM shows; the layer matrix's rows are representations, so it does
    // not take part in the stimulus selection.
    rdmPanel_->view()->setSelectionModel(selectionModel_.get());

    central_ = new QStackedWidget(this);
    central_->setObjectName(QStringLiteral("centralStack"));
    central_->addWidget(summary_);
    central_->addWidget(splitter);
    setCentralWidget(central_);
    analysis_ = new AnalysisController(tasks_, matrixPanel_, rdmPanel_, this);
    exploration_ = new ExplorationViews(this, tasks_, analysis_, selectionModel_.get());
    splitter->addWidget(exploration_->projectionPanel());
    projection3d_ = new Projection3DDock(this, tasks_, analysis_, selectionModel_.get());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 1000});  // half each, as far as the panels' minimum sizes allow
}

bool MainWindow::isBusy() const { return tasks_->isBusy(); }

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    QMenu* recentMenu = file->addMenu(tr("Open &Recent"));
    recentMenu->setToolTipsVisible(true);
    recent_ = new RecentFiles(recentMenu, this);
    connect(recent_, &RecentFiles::openRequested, this,
            [this](const QString& path) { openFiles({path}); });
    file->addAction(tr("Open &Demo Dataset"), this, &MainWindow::openDemo);
    QAction* saveSession = file->addAction(tr("&Save Session…"), this, &MainWindow::saveSessionAs);
    saveSession->setShortcut(QKeySequence::Save);
    file->addSeparator();
    auto* exporter = new ViewExporter(matrixPanel_, rdmPanel_, analysis_, this);
    exporter->addPanels(exploration_->projectionPanel(), units_->panel(), projection3d_->panel());
    exporter->addAlignment(alignment_->panel());
    exporter->addEmbedding(embedding_->panel());
    file->addAction(exporter->exportAction());
    file->addAction(exporter->copyAction());
    connect(exporter, &ViewExporter::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
    auto* reporter = new ReportExporter(tasks_, [this]() -> const Collection& { return *collection_; }, this);
    file->addAction(reporter->exportAction());
    connect(reporter, &ReportExporter::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(dockViewAction(dataDock_, tr("&Data Panel"), QKeySequence(Qt::CTRL | Qt::Key_D)));
    exploration_->addViewActions(view);
    projection3d_->addViewActions(view);
    units_->addViewActions(view);
    alignment_->addViewActions(view);
    embedding_->addViewActions(view);
    // Ctrl+J brings the Jobs tab to the front when it is behind the Inspector.
    view->addAction(dockViewAction(jobsDock_, tr("&Jobs"), QKeySequence(Qt::CTRL | Qt::Key_J)));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About RepScope"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar() {
    shown_ = new QLabel(this);
    shown_->setObjectName(QStringLiteral("analysisStatus"));
    // Cut at the window's edge rather than widening it (the full text is the tooltip).
    shown_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(analysis_, &AnalysisController::statusChanged, shown_, &QLabel::setToolTip);
    statusBar()->addWidget(shown_, 1);
    connect(analysis_, &AnalysisController::statusChanged, shown_, &QLabel::setText);
    statusBar()->addPermanentWidget(activity_);
    activity_->hide();
    connect(activity_, &ActivityWidget::cancelRequested, this, [this] {
        tasks_->cancelAll();
        statusBar()->showMessage(tr("Cancelling…"), kStatusTimeoutMs);
    });
    connect(tasks_, &TaskRunner::busyChanged, activity_, &QWidget::setVisible);
    connect(tasks_, &TaskRunner::activity, activity_, &ActivityWidget::setActivity);
}

void MainWindow::showOpenDialog() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastOpenDir"), QDir::homePath()).toString();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open HDF5 Files"), dir, kFileFilter);
    if (paths.isEmpty()) return;
    settings.setValue(QStringLiteral("lastOpenDir"), QFileInfo(paths.front()).absolutePath());
    openFiles(paths);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About RepScope"),
        tr("<h3>RepScope %1</h3><p>Representational similarity analysis explorer: open HDF5 files "
           "of neural-network activations and see how representations relate.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion())));
}

bool MainWindow::isOpen(const QString& absolutePath) const {
    for (const DataFilePtr& file : collection_->files()) {
        if (QFileInfo(QString::fromStdString(file->path())) == QFileInfo(absolutePath)) return true;
    }
    return false;
}

void MainWindow::openFiles(const QStringList& paths, bool allowLinksOutside) {
    for (const QString& given : paths) {
        const QString path = QFileInfo(given).absoluteFilePath();
        const QString name = QFileInfo(path).fileName();
        if (isSessionFile(path)) {
            openSession(path);
            continue;
        }
        if (alignment::looksLikeTripletCsv(QFile::encodeName(path).toStdString())) {
            // Judgements, not stimuli: a target of the Alignment view, matched by label.
            alignment_->addTripletFile(path);
            statusBar()->showMessage(tr("%1: odd-one-out judgements, evaluated in the Alignment view.").arg(name),
                                     kStatusTimeoutMs);
            continue;
        }
        if (isOpen(path) || opening_.contains(path)) {
            statusBar()->showMessage(tr("%1 is already open.").arg(name), kStatusTimeoutMs);
            continue;
        }
        opening_.insert(path);
        auto result = std::make_shared<DataFilePtr>();
        const std::string nativePath = QFile::encodeName(path).toStdString();
        OpenOptions options = defaultOpenOptions();
        options.allowLinksOutside = options.allowLinksOutside || allowLinksOutside;
        tasks_->submit(
            tr("Opening %1…").arg(name),
            [nativePath, result, options](Progress& progress) {
                OpenOptions withCancel = options;  // Cancel stops a long probe too
                withCancel.cancelled = [&progress] { return progress.isCancelled(); };
                *result = DataFile::open(nativePath, withCancel);
            },
            [this, path, name, result, options](const TaskOutcome& outcome) {
                opening_.remove(path);
                if (outcome.cancelled) {
                    statusBar()->showMessage(tr("Opening %1 was cancelled.").arg(name), kStatusTimeoutMs);
                    refresh();
                } else if (!outcome.error.isEmpty()) {
                    refresh();
                    if (!options.allowLinksOutside &&
                        outcome.error.contains(QStringLiteral("outside the file's folder"))) {
                        offerLinksOutside(path, outcome.error);
                    } else {
                        reportError(outcome.error);
                    }
                } else {
                    addOpenedFile(path, *result);
                }
            },
            TaskRunner::Lane::Ordered);
    }
    refresh();
}

void MainWindow::openDemo() {
    if (demoPending_) return;
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    demoPending_ = true;
    auto demoPath = std::make_shared<std::string>();
    const std::string nativeDir = QFile::encodeName(cacheDir).toStdString();
    tasks_->submit(
        tr("Preparing the demo dataset (training small networks)…"),
        [nativeDir, demoPath](Progress& progress) { *demoPath = demo::ensureDemoDataset(nativeDir, progress); },
        [this, demoPath](const TaskOutcome& outcome) {
            demoPending_ = false;
            if (outcome.cancelled) {
                statusBar()->showMessage(tr("Preparing the demo dataset was cancelled."), kStatusTimeoutMs);
                refresh();
            } else if (!outcome.error.isEmpty()) {
                reportError(outcome.error);
                refresh();
            } else {
                openFiles({QFile::decodeName(QByteArray::fromStdString(*demoPath))});
            }
        },
        TaskRunner::Lane::Ordered);
    refresh();
}

void MainWindow::addOpenedFile(const QString& path, const DataFilePtr& file) {
    if (!file) return;
    auto next = std::make_shared<Collection>(*collection_);
    try {
        next->add(file);
    } catch (const Error& e) {
        reportError(QString::fromStdString(e.what()));
        return;
    } catch (const std::exception& e) {
        reportError(tr("%1 could not be added: %2.").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what())));
        return;
    }
    recent_->add(path);
    setCollection(std::move(next));
    statusBar()->showMessage(tr("Opened %1: %2 stimuli, %3 representations.")
                                 .arg(QFileInfo(path).fileName(), views::formatCount(file->stimulusCount()),
                                      views::formatCount(file->representations().size())),
                             kStatusTimeoutMs);
    emit collectionChanged();
}

void MainWindow::closeFile(int fileIndex) {
    if (fileIndex < 0 || static_cast<std::size_t>(fileIndex) >= collection_->files().size()) return;
    const QString name = views::fileNameOf(collection_->files()[static_cast<std::size_t>(fileIndex)]->path());
    auto next = std::make_shared<Collection>(*collection_);
    try {
        next->remove(static_cast<std::size_t>(fileIndex));
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return;
    }
    setCollection(std::move(next));
    statusBar()->showMessage(tr("Closed %1.").arg(name), kStatusTimeoutMs);
    emit collectionChanged();
}

void MainWindow::closeAllFiles() {
    if (collection_->files().empty()) return;
    setCollection(std::make_shared<const Collection>());
    emit collectionChanged();
}

void MainWindow::openSession(const QString& path) {
    try {
        sessions_->restoreFile(path);
        recent_->add(QFileInfo(path).absoluteFilePath());
    } catch (const Error& e) {
        reportError(QString::fromStdString(e.what()));
    }
}

void MainWindow::saveSessionAs() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastOpenDir"), QDir::homePath()).toString();
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), dir,
                                                tr("RepScope sessions (*.repscope)"));
    if (path.isEmpty()) return;
    if (!isSessionFile(path)) path += QStringLiteral(".repscope");
    try {
        sessions_->save(path);
        recent_->add(path);
        statusBar()->showMessage(tr("Saved the session to %1.").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
    } catch (const Error& e) {
        reportError(QString::fromStdString(e.what()));
    }
}

void MainWindow::setCollection(std::shared_ptr<const Collection> collection) {
    collection_ = std::move(collection);
    // Stimulus indices may mean other stimuli in the new collection.
    selection_.clear();
    refresh();
    analysis_->setCollection(collection_);
}

void MainWindow::offerLinksOutside(const QString& path, const QString& rawMessage) {
    const QString message = QString::fromStdString(printable(rawMessage.toStdString()));
    statusBar()->showMessage(message, kStatusTimeoutMs);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("RepScope"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("repscopeLinksOutsideDialog"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("Its data is reached through links to files outside its folder, "
                               "which RepScope does not follow unless you allow it."));
    box->setCheckBox(new QCheckBox(tr("Open it again, following links outside its folder "
                                      "(only for files you trust)"), box));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, path](int) {
        if (box->checkBox() != nullptr && box->checkBox()->isChecked()) openFiles({path}, true);
    });
    box->open();
    emit openFailed(message);
}

void MainWindow::reportError(const QString& rawMessage) {
    // Names from a file can hold markup and control characters: plain text, escaped.
    const QString message = QString::fromStdString(printable(rawMessage.toStdString()));
    statusBar()->showMessage(message, kStatusTimeoutMs);
    if (QMessageBox* shown = errorBox_.data(); shown != nullptr && shown->isVisible()) {
        // Several files failing at once get one dialog, one sentence per file.
        shown->setText(shown->text() + QStringLiteral("\n\n") + message);
    } else {
        // Non-blocking: the event loop (and other background work) keeps running.
        auto* box = new QMessageBox(QMessageBox::Critical, tr("RepScope"), message, QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setObjectName(QStringLiteral("repscopeErrorDialog"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        errorBox_ = box;
    }
    emit openFailed(message);
}

void MainWindow::refresh() {
    QStringList names;
    for (const DataFilePtr& file : collection_->files()) names << views::fileNameOf(file->path());
    setWindowTitle(names.isEmpty() ? QStringLiteral("RepScope")
                                   : QStringLiteral("RepScope — ") + names.join(QStringLiteral(", ")));
    dataPanel_->setCollection(*collection_);
    central_->setCurrentWidget(collection_->files().empty() ? static_cast<QWidget*>(summary_)
                                                            : central_->widget(1));

    if (collection_->files().empty()) {
        QString text = tr("<h2>No data open</h2>");
        if (demoPending_) {
            text += tr("<p>Preparing the built-in demo dataset: small networks are being trained on "
                       "handwritten digits. This takes a few seconds.</p>");
        } else if (!opening_.isEmpty()) {
            text += opening_.size() == 1 ? tr("<p>Opening 1 file…</p>")
                                         : tr("<p>Opening %1 files…</p>").arg(opening_.size());
        } else {
            text += tr("<p>Drop HDF5 files here, or use <b>File ▸ Open…</b> (Ctrl+O).<br>"
                       "<b>File ▸ Open Demo Dataset</b> shows RepScope on small networks trained "
                       "on handwritten digits.</p>");
        }
        summary_->setText(text);
        return;
    }
    summary_->setText(tr("<h2>%1</h2><p style='font-size:large'>%2</p><p>Models: %3</p>"
                         "<p style='color:gray'>Drop more files here to add them; files align by "
                         "stimulus label, or by index when they have the same number of stimuli.</p>")
                          .arg(names.join(QStringLiteral(", ")).toHtmlEscaped(),
                               views::collectionSummaryLine(*collection_), modelsText(*collection_)));
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (graphicsPrepared_) return;
    graphicsPrepared_ = true;
    QTimer::singleShot(0, this, [this] { prepareGraphics(0); });
}

void MainWindow::prepareGraphics(int view) {
    // Initialising a QOpenGLWidget needs it on screen once: the analysis page is shown for one
    // hidden frame (the start page comes back at once, before anything is painted) and the GL
    // view renders an empty frame into its own framebuffer. One view per turn of the event loop,
    // so that the GUI thread answers between them (each costs 40-100 ms under llvmpipe).
    if (central_->currentWidget() != summary_) return;  // data already shown: nothing to gain
    setUpdatesEnabled(false);
    central_->setCurrentWidget(central_->widget(1));
    const QList<QOpenGLWidget*> views = central_->widget(1)->findChildren<QOpenGLWidget*>();
    if (view < views.size() && views[view]->isVisible()) (void)views[view]->grabFramebuffer();
    central_->setCurrentWidget(collection_->files().empty() ? static_cast<QWidget*>(summary_) : central_->widget(1));
    setUpdatesEnabled(true);
    if (view + 1 < views.size()) QTimer::singleShot(0, this, [this, view] { prepareGraphics(view + 1); });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    tasks_->cancelAll();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty()) return;
    event->acceptProposedAction();
    openFiles(paths);
}

}  // namespace repscope::gui
