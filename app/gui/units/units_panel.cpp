#include "gui/units/units_panel.h"

#include <QLabel>
#include <QVBoxLayout>

#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

UnitsPanel::UnitsPanel(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), view_(new views::HeatmapView(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("unitsPanel"));
    title_->setObjectName(QStringLiteral("unitsTitle"));
    title_->setWordWrap(true);
    view_->setObjectName(QStringLiteral("unitsView"));
    view_->setAxisTitles(tr("units of A (matched first)"), tr("units of B (their partners first)"));
    note_->setObjectName(QStringLiteral("unitsNote"));
    note_->setWordWrap(true);
    // Correlations: a diverging map centred on 0 over the whole [−1, 1].
    views::ColorScale scale;
    scale.colormap = views::Colormap::RdBu;
    scale.autoRange = false;
    scale.low = -1.0F;
    scale.high = 1.0F;
    scale.centre = 0.0F;
    view_->setColorScale(scale);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title_);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);
}

void UnitsPanel::setTitle(const QString& text) { title_->setText(text); }
void UnitsPanel::setNote(const QString& text) { note_->setText(text); }
QString UnitsPanel::note() const { return note_->text(); }

void UnitsPanel::showMatrix(std::shared_ptr<const tiles::TileSource> source) {
    view_->setSource(std::move(source));
}

void UnitsPanel::clearMatrix() { view_->setSource(nullptr); }

}  // namespace repscope::gui
