#pragma once
// The "Layer matrix" panel: a metric chooser (every metric of the registry, its description as
// tooltip) above a HeatmapView of representation × representation values (layer names on the
// axes, the model by the colour strip), a legend of the models' colours, and a note line
// (progress, skipped representations, undefined pairs, errors). It only shows what it is
// given; AnalysisController computes it.
#include <QString>
#include <QWidget>
#include <memory>

#include "repscope/metrics/registry.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace repscope::views {
class HeatmapView;
}

namespace repscope::gui {

class ElidedLabel;

class StaleOverlay;

class LayerMatrixPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr const char* kDefaultMetric = "cka_linear";

    explicit LayerMatrixPanel(QWidget* parent);

    [[nodiscard]] QString metric() const;
    void setMetric(const QString& name);
    [[nodiscard]] views::HeatmapView* view() const { return view_; }
    [[nodiscard]] QComboBox* metricCombo() const { return metricCombo_; }

    // Shows a computed matrix; labels are the representations (names, models). The colour
    // scale spans the metric's range when it is finite.
    // droppedStimuli: stimuli left out of every representation (NaN/Inf), named in the title.
    void showMatrix(std::shared_ptr<const tiles::TileSource> source,
                    std::shared_ptr<const Stimuli> labels, const metrics::MetricInfo& metric,
                    std::size_t droppedStimuli = 0);
    // "Leave out NaN stimuli": stimuli with NaN/Inf in any representation are left out of all
    // (as --nan-policy drop); offered only while it would change something.
    [[nodiscard]] bool dropNonFinite() const;
    void setDropOffered(bool offered);
    [[nodiscard]] QToolButton* dropButton() const { return dropButton_; }
    // Stimuli left out of the matrix shown (0: none).
    [[nodiscard]] std::size_t droppedStimuli() const { return dropped_; }
    [[nodiscard]] QString title() const;
    // Removes the matrix (no collection, or a computation failed).
    void clearMatrix();
    // The metric of the values on screen (empty when none): what titles and exports name, which
    // differs from metric() while a newly chosen metric computes or after one was cancelled.
    [[nodiscard]] QString shownMetric() const;
    // A new metric is being computed: the matrix on screen (if any) is dimmed under a banner
    // that names both. clearPending() removes the banner; when the computation was cancelled
    // the chooser goes back to the shown metric (without a new request).
    void setPending(const QString& metric);
    void clearPending(bool cancelled);
    [[nodiscard]] bool isPending() const;
    // The models' colours, as in the strips along the matrix (plain names, escaped).
    [[nodiscard]] QLabel* legend() const { return legend_; }
    // One or a few lines under the matrix; empty hides it.
    void setNote(const QString& text);
    [[nodiscard]] QString note() const;

signals:
    void metricChanged(const QString& name);
    void dropNonFiniteChanged(bool drop);
    // A click on the cell of display row `row` and column `col`.
    void cellClicked(qint64 row, qint64 col);

private:
    void updateTitle();
    void updateLegend(const Stimuli* labels);

    QComboBox* metricCombo_;
    QToolButton* dropButton_;
    std::size_t dropped_ = 0;  // of the matrix shown
    views::HeatmapView* view_;
    QLabel* legend_;
    QLabel* note_;
    ElidedLabel* title_;
    StaleOverlay* pending_;  // the banner over the dimmed matrix
};

}  // namespace repscope::gui
