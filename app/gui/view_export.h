#pragma once
// Pictures of the analysis views: File ▸ Export View… (Ctrl+E), File ▸ Copy View to Clipboard,
// and the same two entries in the context menus of the layer matrix, the RDM, the projection and
// the unit-matching views. The
// picture is painted by the figure code (views/figure.h), not grabbed from the screen (a grab
// misses the heatmap's QPainter overlays): the whole matrix with the view's colormap, ordering,
// measure, strips, colorbar and legend, and a title saying what it shows.
#include <QObject>
#include <QSize>
#include <QString>
#include <optional>

#include "repscope/views/figure.h"

class QAction;
class QWidget;

namespace repscope::gui {

class AnalysisController;
class LayerMatrixPanel;
class Projection3DPanel;
class ProjectionPanel;
class RdmPanel;
class UnitsPanel;
class AlignmentPanel;
class EmbeddingPanel;

class ViewExporter : public QObject {
    Q_OBJECT
public:
    enum class Target { LayerMatrix, Rdm, Projection, Units, ThreeD, Alignment, Embedding };
    // Size of an exported picture in logical units (PNG pixels at scale 1, SVG units, PDF points).
    static constexpr QSize kFigureSize{900, 800};

    // `window` parents the dialogs and owns this object.
    ViewExporter(LayerMatrixPanel* matrix, RdmPanel* rdm, AnalysisController* analysis,
                 QWidget* window);
    // The projection, unit-matching and 3-D views join the exported views (any may be null).
    void addPanels(ProjectionPanel* projection, UnitsPanel* units, Projection3DPanel* threeD);
    // The Alignment view's chart (the tab in front) joins them too.
    void addAlignment(AlignmentPanel* alignment);
    // The Embedding checks view's chart in front (prefix or spectrum) too.
    void addEmbedding(EmbeddingPanel* embedding);

    [[nodiscard]] QAction* exportAction() const { return export_; }
    [[nodiscard]] QAction* copyAction() const { return copy_; }

    // The view the menu entries act on: the heatmap that last had the focus (the RDM at first).
    [[nodiscard]] Target target() const { return target_; }
    void setTarget(Target target) { target_ = target; }
    // What Ctrl+E and Copy act on: the target when its view is visible, else the first visible
    // view (RDM, layer matrix, projection, units, 3-D), so a hidden dock is never exported.
    [[nodiscard]] Target effectiveTarget() const;

    // The picture of a view as it is now; nullopt when the view shows nothing.
    [[nodiscard]] std::optional<views::Figure> figureOf(Target target) const;
    // Writes the picture of a view to path (.png, .svg or .pdf; pngScale 1, 2 or 4). Returns an
    // empty string on success, else one sentence saying why nothing was written.
    [[nodiscard]] QString exportTo(Target target, const QString& path, int pngScale = 1) const;
    // Puts the picture on the clipboard: an image (scale 2) and its SVG. Returns as exportTo.
    QString copyToClipboard(Target target) const;

signals:
    // A line for the status bar (what was written or copied, or why not).
    void message(const QString& text);

private:
    [[nodiscard]] std::optional<views::Figure> otherFigureOf(Target target) const;
    void hookContextMenu(QWidget* view, Target target);
    void exportInteractively(Target target);
    void copyInteractively(Target target);
    void showContextMenu(Target target, QWidget* view, const QPoint& pos);

    LayerMatrixPanel* matrix_;
    RdmPanel* rdm_;
    ProjectionPanel* projection_ = nullptr;
    UnitsPanel* units_ = nullptr;
    Projection3DPanel* threeD_ = nullptr;
    AlignmentPanel* alignment_ = nullptr;
    EmbeddingPanel* embedding_ = nullptr;
    AnalysisController* analysis_;
    QWidget* window_;
    QAction* export_;
    QAction* copy_;
    Target target_ = Target::Rdm;
};

}  // namespace repscope::gui
