#include "gui/analysis/layer_matrix_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QSignalBlocker>
#include <QHBoxLayout>
#include <QLabel>
#include <QStringList>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "gui/elided_label.h"
#include "gui/narrow.h"
#include "gui/analysis/stale_overlay.h"
#include "repscope/text.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

LayerMatrixPanel::LayerMatrixPanel(QWidget* parent)
    : QWidget(parent),
      metricCombo_(new QComboBox(this)),
      dropButton_(new QToolButton(this)),
      view_(new views::HeatmapView(this)),
      legend_(new QLabel(this)),
      note_(new QLabel(this)),
      title_(new ElidedLabel(this)),
      pending_(new StaleOverlay(view_)) {
    setObjectName(QStringLiteral("layerMatrixPanel"));
    metricCombo_->setObjectName(QStringLiteral("metricCombo"));
    for (const metrics::MetricInfo& m : metrics::metricRegistry()) {
        const QString name = QString::fromStdString(m.name);
        metricCombo_->addItem(name, name);
        const QString tip = QStringLiteral("%1\n%2").arg(QString::fromStdString(m.description),
                                                         QString::fromStdString(m.reference));
        metricCombo_->setItemData(metricCombo_->count() - 1, tip, Qt::ToolTipRole);
    }
    view_->setObjectName(QStringLiteral("layerMatrixView"));
    view_->setAxisLabelsShown(true);
    legend_->setObjectName(QStringLiteral("layerMatrixLegend"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setWordWrap(true);
    legend_->hide();
    note_->setObjectName(QStringLiteral("layerMatrixNote"));
    note_->setWordWrap(true);
    note_->setTextFormat(Qt::PlainText);  // lists representation names from files
    note_->setStyleSheet(QStringLiteral("color: #555"));
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->hide();

    title_->setObjectName(QStringLiteral("layerMatrixTitle"));
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    // Cut with "…" at the panel's edge rather than widening the window, the whole title then
    // its tooltip; the metric is also the chooser's.
    title_->setMinimumWidth(80);
    allowNarrow(metricCombo_, 100);
    updateTitle();
    pending_->setObjectName(QStringLiteral("layerMatrixPending"));
    auto* metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(metricCombo_);
    auto* controls = new QHBoxLayout;
    controls->addWidget(title_);
    controls->addStretch(1);
    controls->addWidget(dropButton_);
    controls->addWidget(metricLabel);
    controls->addWidget(metricCombo_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    layout->addWidget(legend_);
    layout->addWidget(note_);

    dropButton_->setObjectName(QStringLiteral("layerMatrixDropButton"));
    dropButton_->setText(tr("Leave out NaN stimuli"));
    dropButton_->setCheckable(true);
    dropButton_->setToolTip(tr("Leave the stimuli with a NaN or infinite value in any representation out of "
                               "every one, so that no pair is undefined for it (as --nan-policy drop)"));
    dropButton_->hide();
    connect(dropButton_, &QToolButton::toggled, this, &LayerMatrixPanel::dropNonFiniteChanged);
    setMetric(QString::fromLatin1(kDefaultMetric));
    connect(metricCombo_, &QComboBox::currentIndexChanged, this, [this] {
        metricCombo_->setToolTip(metricCombo_->currentData(Qt::ToolTipRole).toString());
        emit metricChanged(metric());
    });
    connect(view_, &views::HeatmapView::cellClicked, this, &LayerMatrixPanel::cellClicked);
}

QString LayerMatrixPanel::metric() const {
    return metricCombo_->currentData().toString();
}

void LayerMatrixPanel::setMetric(const QString& name) {
    const int index = metricCombo_->findData(name);
    if (index < 0) return;
    metricCombo_->setCurrentIndex(index);
    metricCombo_->setToolTip(metricCombo_->itemData(index, Qt::ToolTipRole).toString());
}

void LayerMatrixPanel::showMatrix(std::shared_ptr<const tiles::TileSource> source,
                                  std::shared_ptr<const Stimuli> labels,
                                  const metrics::MetricInfo& metric, std::size_t droppedStimuli) {
    dropped_ = droppedStimuli;
    views::ColorScale scale = view_->colorScale();
    scale.autoRange = !std::isfinite(metric.lowest) || !std::isfinite(metric.highest) ||
                      metric.highest <= metric.lowest;
    if (!scale.autoRange) {
        scale.low = static_cast<float>(metric.lowest);
        scale.high = static_cast<float>(metric.highest);
    }
    view_->setColorScale(scale);
    updateLegend(labels.get());
    view_->setSource(std::move(source), std::move(labels), "model");
    updateTitle();
}

QString LayerMatrixPanel::title() const { return title_->fullText(); }

bool LayerMatrixPanel::dropNonFinite() const { return dropButton_->isChecked(); }

void LayerMatrixPanel::setDropOffered(bool offered) { dropButton_->setVisible(offered); }

void LayerMatrixPanel::clearMatrix() {
    dropped_ = 0;
    view_->setSource(nullptr);
    updateLegend(nullptr);
    updateTitle();
}

void LayerMatrixPanel::updateLegend(const Stimuli* labels) {
    const CategoryColumn* models = labels != nullptr ? labels->column("model") : nullptr;
    if (models == nullptr || models->categories.empty()) {
        legend_->clear();
        legend_->hide();
        return;
    }
    // Names come from files: escaped before they reach the rich-text label.
    QStringList items;
    for (std::size_t k = 0; k < models->categories.size(); ++k) {
        const QColor colour = views::categoryColour(static_cast<std::int32_t>(k));
        items << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                     .arg(colour.name(), QString::fromStdString(printable(models->categories[k])).toHtmlEscaped());
    }
    legend_->setText(items.join(QStringLiteral(" &nbsp; ")));
    legend_->setToolTip(tr("Models: the colour strips along the matrix. Rows and columns are named by "
                           "their layer; hover a cell for the full names."));
    legend_->show();
}

QString LayerMatrixPanel::shownMetric() const {
    const auto source = view_->source();
    return source ? QString::fromStdString(source->measureName()) : QString();
}

void LayerMatrixPanel::updateTitle() {
    const QString shown = shownMetric();
    QString title = shown.isEmpty() ? tr("Layer matrix") : tr("Layer matrix: %1").arg(shown);
    if (!shown.isEmpty() && dropped_ > 0) {
        title += dropped_ == 1 ? tr(" (1 stimulus with NaN left out)") : tr(" (%1 stimuli with NaN left out)").arg(dropped_);
    }
    title_->setFullText(title);
}

void LayerMatrixPanel::setPending(const QString& metric) {
    const QString shown = shownMetric();
    if (shown.isEmpty() || shown == metric) {
        pending_->hide();
        return;
    }
    pending_->cover(tr("Showing %1 — computing %2…").arg(shown, metric));
}

void LayerMatrixPanel::clearPending(bool cancelled) {
    pending_->hide();
    const QString shown = shownMetric();
    if (cancelled && !shown.isEmpty() && shown != metric()) {
        const QSignalBlocker block(metricCombo_);
        setMetric(shown);
    }
}

bool LayerMatrixPanel::isPending() const {
    return pending_->isVisible();
}


void LayerMatrixPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

QString LayerMatrixPanel::note() const {
    return note_->text();
}

}  // namespace repscope::gui
