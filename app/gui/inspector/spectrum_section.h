#pragma once
// The Inspector's "Spectrum of A": focus A's (its prefix's, while the Embedding checks view shows
// one) explained-variance spectrum on log axes (the chart
// the Embedding checks view draws), its participation ratio, and how much of its variance each
// categorical column explains (R²), as the note under the chart. It only shows; SpectrumController
// computes.
#include <QString>
#include <QWidget>

#include "repscope/embedding_checks/spectrum.h"

class QLabel;

namespace repscope::views {
class ChartView;
}

namespace repscope::gui {

class ElidedLabel;

class SpectrumSection : public QWidget {
    Q_OBJECT
public:
    explicit SpectrumSection(QWidget* parent);

    // The spectrum of the representation named `name`.
    void showSpectrum(const QString& name, const embedding_checks::Spectrum& spectrum);
    // A sentence instead of a spectrum (computing, a precomputed RDM, an error); the chart on
    // screen stays under it only while `keepChart` (a newer one is being computed).
    void setNote(const QString& text, bool keepChart = false);
    [[nodiscard]] views::ChartView* chart() const { return chart_; }
    // The note under the chart: participation ratio, N, D and each column's R².
    [[nodiscard]] QString summary() const { return summary_; }
    [[nodiscard]] QString shownName() const { return shown_; }

private:
    ElidedLabel* title_;
    views::ChartView* chart_;
    QString summary_;
    QString shown_;
};

}  // namespace repscope::gui
