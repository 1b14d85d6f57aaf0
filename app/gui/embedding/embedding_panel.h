#pragma once
// The Embedding checks view's panel (embedding-checks.md): which representations are the old and
// the new model (by default focus A and B) and which categorical column makes items relevant;
// three tabs — Compatibility (M(old, old), M(new, new), M(new, old) for top-k and mAP, the
// verdict and the update gain, as they are and after an orthogonal map), Prefix (the metric and
// top-1 of X[:, :d] against d, on a log2 axis, and every layer of the old model against its
// prefixes as a layer × prefix-size heatmap, 2D Matryoshka) and Spectrum (explained variance on log axes, the
// participation ratio, and each categorical column's R²) — with a title naming what is shown. It
// only shows and asks; EmbeddingController computes.
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <optional>

#include "repscope/embedding_checks/compatibility.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/views/chart.h"
#include "repscope/views/figure.h"

class QComboBox;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace repscope::views {
class ChartView;
class HeatmapView;
}  // namespace repscope::views

namespace repscope::gui {

class EmbeddingPanel : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingPanel(QWidget* parent);

    // The representations to choose from and the chosen old and new (indices into names).
    void setRepresentations(const QStringList& names, int oldIndex, int newIndex);
    [[nodiscard]] int oldIndex() const;
    [[nodiscard]] int newIndex() const;
    // Categorical columns; empty: retrieval cannot be scored (compatibility is refused).
    void setLabelColumns(const QStringList& columns);
    [[nodiscard]] QString labelColumn() const;

    // A result: each part may be missing, with the sentence saying why.
    struct Compat {
        std::optional<embedding_checks::CompatResult> plain;
        QString plainWhy;
        std::optional<embedding_checks::CompatResult> aligned;
        QString alignedWhy;
    };
    // The layer × prefix grid: values, the layers (rows) and the sizes (columns) as labels.
    struct Grid {
        std::shared_ptr<const tiles::TileSource> source;  // null: no grid
        std::shared_ptr<const Stimuli> rows;
        std::shared_ptr<const Stimuli> cols;
        QString title;  // above the grid
    };
    void showResult(const Compat& compat, views::ChartContent prefix, views::ChartContent spectrum,
                    views::ChartContent shares, Grid grid, const QString& title, const QString& subtitle);
    void clearResult(const QString& message);
    void setPending(const QString& text);
    void setNote(const QString& text);
    [[nodiscard]] QString title() const { return title_; }
    [[nodiscard]] QString subtitle() const { return subtitle_; }
    // The chart of the tab in front (the compatibility table has none), for exports.
    [[nodiscard]] std::optional<views::Figure> figure() const;

    [[nodiscard]] QTableWidget* compatTable() const { return table_; }
    [[nodiscard]] views::ChartView* prefixView() const { return prefix_; }
    [[nodiscard]] views::ChartView* spectrumView() const { return spectrum_; }
    [[nodiscard]] views::ChartView* sharesView() const { return shares_; }
    [[nodiscard]] views::HeatmapView* gridView() const { return grid_; }
    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }

signals:
    void requestChanged();
    // A prefix point was clicked: its size d.
    void prefixClicked(int d);
    // A cell of the layer × prefix grid was clicked (row: layer, col: size).
    void gridClicked(int row, int col);

private:
    void fillTable(const Compat& compat);

    QComboBox* oldCombo_;
    QComboBox* newCombo_;
    QComboBox* labelsCombo_;
    QLabel* titleLabel_;
    QTabWidget* tabs_;
    QTableWidget* table_;
    QLabel* verdict_;
    views::ChartView* prefix_;
    views::ChartView* spectrum_;
    views::ChartView* shares_;
    views::HeatmapView* grid_;  // 2D Matryoshka: the old model's layers × prefix sizes
    QLabel* gridTitle_;
    QString gridShownTitle_;  // what the grid on screen shows
    QLabel* note_;
    QString title_;
    QString subtitle_;
};

}  // namespace repscope::gui
