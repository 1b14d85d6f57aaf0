#pragma once
// The Alignment view's panel: which target (an RDM set of subjects or a ratings file), comparator
// and RDM measure; how to draw (error bars, order, pairwise brackets); whether to evaluate on the
// brushed stimuli only; the models as bars and the layer profile as lines (views::ChartView), a
// title that names what the values are, and the target's RDM to show in the RDM view. It only
// shows and asks; AlignmentController computes.
#include <QString>
#include <QStringList>
#include <QWidget>

#include "repscope/alignment/comparator.h"
#include "repscope/metrics/rdm.h"
#include "repscope/views/chart.h"
#include "repscope/views/evaluation_chart.h"
#include "repscope/views/figure.h"
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QToolButton;

namespace repscope::views {
class ChartView;
}

namespace repscope::gui {

class AlignmentPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlignmentPanel(QWidget* parent);

    // The targets to choose from (display names); keeps the current one when it is still listed.
    void setTargets(const QStringList& names);
    [[nodiscard]] int targetIndex() const;
    // A triplet target: the comparator, RDM measure and target-RDM choosers do not apply.
    void setTripletMode(bool triplets);
    [[nodiscard]] alignment::Comparator comparator() const;
    [[nodiscard]] metrics::RdmMeasure measure() const;
    [[nodiscard]] views::EvaluationChartOptions chartOptions() const;
    // Bootstrap resamples wanted (0: none): the bootstrap error bars need them.
    [[nodiscard]] std::size_t bootstrap() const;
    [[nodiscard]] bool selectionOnly() const;
    // How many stimuli are brushed (the "Selected only" box says it).
    void setSelectionCount(std::size_t count);
    // The subjects of the current target for the "Show in the RDM view" chooser.
    void setSubjects(const QStringList& names);
    // -1: the pooled (mean) RDM; else a subject.
    [[nodiscard]] int shownSubject() const;

    // A result: the charts, and the title and subtitle that describe it.
    void showCharts(views::ChartContent bars, views::ChartContent profile, const QString& title,
                    const QString& subtitle);
    void clearCharts(const QString& message);
    // While a newer request computes: the charts dim under this text; empty: not stale.
    void setPending(const QString& text);
    void setNote(const QString& text);
    [[nodiscard]] QString title() const;
    // The chart in front with its title, as exports draw it; nullopt when nothing is shown.
    [[nodiscard]] std::optional<views::Figure> figure() const;
    [[nodiscard]] QString subtitle() const { return subtitle_; }

    [[nodiscard]] views::ChartView* barsView() const { return bars_; }
    [[nodiscard]] views::ChartView* profileView() const { return profile_; }
    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }

signals:
    // Target, comparator, measure, bootstrap or selection changed: evaluate again.
    void requestChanged();
    // Order, error bars (without new resamples) or brackets changed: draw again.
    void displayChanged();
    // A bar or profile point was clicked (the model's index in the result shown).
    void modelClicked(int model);
    // "Show in RDM view" with the subject chooser's value (-1: pooled).
    void showTargetRequested(int subject);

private:
    void exportChart();

    QComboBox* targetCombo_;
    QComboBox* comparatorCombo_;
    QComboBox* measureCombo_;
    QComboBox* errorsCombo_;
    QComboBox* orderCombo_;
    QCheckBox* pairwiseBox_;
    QCheckBox* selectionBox_;
    QLabel* title_;
    QTabWidget* tabs_;
    views::ChartView* bars_;
    views::ChartView* profile_;
    QComboBox* subjectCombo_;
    QPushButton* showTarget_;
    QToolButton* export_;
    QLabel* note_;
    QString titleText_;
    QString subtitle_;
};

}  // namespace repscope::gui
