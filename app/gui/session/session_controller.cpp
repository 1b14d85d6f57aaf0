#include "gui/session/session_controller.h"

#include <QComboBox>
#include <QFileInfo>
#include <QTimer>

#include "gui/analysis/analysis_controller.h"
#include "gui/exploration_views.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/projection/projection_panel.h"
#include "gui/projection/projection_tasks.h"
#include "gui/analysis/rdm_panel.h"
#include "repscope/views/selection_model.h"

namespace repscope::gui {
namespace {

QString absolute(const std::string& path) {
    return QFileInfo(QString::fromStdString(path)).absoluteFilePath();
}

QString sideName(FocusSide side) { return side == FocusSide::B ? QStringLiteral("B") : QStringLiteral("A"); }
FocusSide sideFrom(const QString& name) { return name == QStringLiteral("B") ? FocusSide::B : FocusSide::A; }

QString methodName(ProjectionMethod m) {
    switch (m) {
        case ProjectionMethod::Mds: return QStringLiteral("mds");
        case ProjectionMethod::Tsne: return QStringLiteral("tsne");
        case ProjectionMethod::Umap: return QStringLiteral("umap");
        case ProjectionMethod::Pca: break;
    }
    return QStringLiteral("pca");
}

std::optional<ProjectionMethod> methodFrom(const QString& name) {
    for (const ProjectionMethod m : allProjectionMethods()) {
        if (methodName(m) == name) return m;
    }
    return std::nullopt;
}

QComboBox* combo(const MainWindow& w, const char* name) {
    return w.rdmPanel()->findChild<QComboBox*>(QLatin1String(name));
}

// Selects the entry with this text; false when there is none.
bool selectText(QComboBox* box, const QString& text) {
    if (box == nullptr || text.isEmpty()) return text.isEmpty();
    const int i = box->findText(text);
    if (i < 0) return false;
    box->setCurrentIndex(i);
    return true;
}

}  // namespace

SessionController::SessionController(MainWindow* window) : QObject(window), window_(window) {
    connect(window_, &MainWindow::collectionChanged, this, &SessionController::collectionChanged);
    // A session file that fails to open is reported by the window; the rest still applies.
    connect(window_, &MainWindow::openFailed, this, [this] {
        QTimer::singleShot(0, this, &SessionController::collectionChanged);
    });
}

SessionState SessionController::capture() const {
    SessionState s;
    const Collection& c = window_->collection();
    for (const DataFilePtr& f : c.files()) s.files.append(absolute(f->path()));
    const AnalysisController& a = *window_->analysis();
    const auto& entries = a.representations();
    auto identify = [&](std::size_t i) -> SessionRepresentation {
        if (i >= entries.size()) return {};
        return {absolute(c.files()[entries[i].fileIndex]->path()),
                QString::fromStdString(entries[i].representation->info().path)};
    };
    s.focusA = identify(a.focusA());
    s.focusB = identify(a.focusB());
    s.matrixMetric = window_->layerMatrixPanel()->metric();
    if (QComboBox* b = combo(*window_, "rdmMeasureCombo")) s.rdmMeasure = b->currentText();
    if (QComboBox* b = combo(*window_, "rdmOrderingCombo")) s.rdmOrdering = b->currentText();
    if (QComboBox* b = combo(*window_, "rdmColormapCombo")) s.rdmColormap = b->currentText();
    s.rdmSide = sideName(window_->rdmPanel()->side());
    if (const ExplorationViews* e = window_->exploration()) {
        s.projectionMethod = methodName(e->projectionPanel()->method());
        s.projectionSide = sideName(e->projectionPanel()->side());
    }
    s.stimuli = c.stimuli().count;
    s.selection = window_->selectionModel()->selection().indices();
    return s;
}

void SessionController::save(const QString& path) const { writeSessionFile(path, capture()); }

void SessionController::restoreFile(const QString& path) { restore(readSessionFile(path)); }

void SessionController::restore(const SessionState& state) {
    pending_ = state;
    window_->closeAllFiles();
    window_->openFiles(state.files);
    collectionChanged();  // nothing to open (or all open already): apply now
}

void SessionController::collectionChanged() {
    if (!pending_) return;
    QStringList open;
    for (const DataFilePtr& f : window_->collection().files()) open.append(absolute(f->path()));
    for (const QString& f : pending_->files) {
        if (!open.contains(QFileInfo(f).absoluteFilePath())) {
            // Still opening — or it failed, which the window reported; apply what is there once
            // nothing is opening any more.
            if (window_->isOpening()) return;
        }
    }
    const SessionState s = *pending_;
    pending_.reset();
    // After the window and the analysis controller have taken the new collection.
    QTimer::singleShot(0, this, [this, s] { apply(s); });
}

void SessionController::apply(const SessionState& s) {
    QStringList missing;
    const Collection& c = window_->collection();
    AnalysisController& a = *window_->analysis();
    if (!s.matrixMetric.isEmpty()) {
        window_->layerMatrixPanel()->setMetric(s.matrixMetric);
        if (window_->layerMatrixPanel()->metric() != s.matrixMetric) missing.append(tr("metric %1").arg(s.matrixMetric));
    }
    if (!selectText(combo(*window_, "rdmMeasureCombo"), s.rdmMeasure)) missing.append(tr("RDM measure %1").arg(s.rdmMeasure));
    if (!selectText(combo(*window_, "rdmOrderingCombo"), s.rdmOrdering)) missing.append(tr("ordering %1").arg(s.rdmOrdering));
    if (!selectText(combo(*window_, "rdmColormapCombo"), s.rdmColormap)) missing.append(tr("colormap %1").arg(s.rdmColormap));
    window_->rdmPanel()->setSide(sideFrom(s.rdmSide));
    if (ExplorationViews* e = window_->exploration()) {
        if (const auto m = methodFrom(s.projectionMethod)) e->projectionPanel()->setMethod(*m);
        e->projectionPanel()->setSide(sideFrom(s.projectionSide));
    }
    const auto& entries = a.representations();
    auto find = [&](const SessionRepresentation& r) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (absolute(c.files()[entries[i].fileIndex]->path()) == QFileInfo(r.file).absoluteFilePath() &&
                QString::fromStdString(entries[i].representation->info().path) == r.path) {
                return i;
            }
        }
        return std::nullopt;
    };
    const auto fa = find(s.focusA);
    const auto fb = find(s.focusB);
    if (fa && fb) {
        a.setFocusPair(*fa, *fb);
    } else if (!s.focusA.path.isEmpty()) {
        missing.append(tr("the focus pair"));
    }
    if (c.stimuli().count == s.stimuli) {
        if (s.selection.empty()) {
            window_->selectionModel()->selection().clear();
        } else {
            window_->selectionModel()->selection().select(s.selection);
        }
    } else if (!s.selection.empty()) {
        missing.append(tr("the selection (the files now hold %1 stimuli, the session %2)")
                           .arg(c.stimuli().count).arg(s.stimuli));
    }
    emit restored(missing.isEmpty() ? QString()
                                    : tr("Not restored: %1.").arg(missing.join(QStringLiteral(", "))));
}

}  // namespace repscope::gui
