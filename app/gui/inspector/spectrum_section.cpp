#include "gui/inspector/spectrum_section.h"

#include <QLabel>
#include <QStringList>
#include <QVBoxLayout>

#include "gui/elided_label.h"
#include "repscope/text.h"
#include "repscope/views/chart_view.h"
#include "repscope/views/embedding_chart.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

SpectrumSection::SpectrumSection(QWidget* parent)
    : QWidget(parent), title_(new ElidedLabel(this)), chart_(new views::ChartView(this)) {
    setObjectName(QStringLiteral("inspectorSpectrum"));
    title_->setObjectName(QStringLiteral("inspectorSpectrumTitle"));
    title_->setTextFormat(Qt::PlainText);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // a long name must not widen the dock
    chart_->setObjectName(QStringLiteral("inspectorSpectrumChart"));
    chart_->setMinimumHeight(150);
    chart_->setToolTip(tr("Participation ratio: (Σλ)² / Σλ², between 1 (one direction) and min(N − 1, D). "
                            "R² of a column: the share of the variance between its categories."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(chart_, 1);
    setNote(QString());
}

void SpectrumSection::showSpectrum(const QString& name, const embedding_checks::Spectrum& spectrum) {
    shown_ = name;
    title_->setFullText(tr("Spectrum of A: %1").arg(name));
    QStringList shares;
    for (const embedding_checks::CategoryShare& c : spectrum.categories) {
        shares << tr("%1 %2").arg(QString::fromStdString(printable(c.column))).arg(c.r2, 0, 'f', 3);
    }
    summary_ = tr("participation ratio %1 (N = %2, D = %3)")
                   .arg(spectrum.participationRatio, 0, 'f', 1)
                   .arg(spectrum.n)
                   .arg(spectrum.d);
    summary_ += shares.isEmpty() ? tr(" · no categorical column") : tr(" · R²: %1").arg(shares.join(tr(", ")));
    views::ChartContent content = views::spectrumChart({{tr("A"), views::categoryColour(0), spectrum}});
    content.legend.clear();  // one series
    content.note = summary_;
    chart_->setContent(std::move(content));
    chart_->setOverlayText(QString());
}

void SpectrumSection::setNote(const QString& text, bool keepChart) {
    if (keepChart && !shown_.isEmpty()) {
        chart_->setOverlayText(text);
        return;
    }
    shown_.clear();
    title_->setFullText(tr("Spectrum of A"));
    chart_->setContent({});
    chart_->setOverlayText(text);
    summary_.clear();
}

}  // namespace repscope::gui
