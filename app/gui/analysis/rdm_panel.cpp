#include "gui/analysis/rdm_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include "gui/narrow.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {
namespace {

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}


}  // namespace

RdmPanel::RdmPanel(QWidget* parent)
    : QWidget(parent),
      measureCombo_(new QComboBox(this)),
      orderingCombo_(new QComboBox(this)),
      colormapCombo_(new QComboBox(this)),
      fitButton_(new QToolButton(this)),
      aButton_(makeSideButton(QStringLiteral("A"), QStringLiteral("focusAButton"), this)),
      bButton_(makeSideButton(QStringLiteral("B"), QStringLiteral("focusBButton"), this)),
      tButton_(makeSideButton(QStringLiteral("T"), QStringLiteral("focusTargetButton"), this)),
      focus_(new QLabel(this)),
      view_(new views::HeatmapView(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("rdmPanel"));
    measureCombo_->setObjectName(QStringLiteral("rdmMeasureCombo"));
    measureCombo_->setToolTip(tr("Dissimilarity of two stimuli's activation patterns"));
    for (metrics::RdmMeasure m : metrics::allRdmMeasures()) {
        measureCombo_->addItem(fromView(metrics::rdmMeasureName(m)), static_cast<int>(m));
    }
    orderingCombo_->setObjectName(QStringLiteral("rdmOrderingCombo"));
    orderingCombo_->setToolTip(tr("Order of the stimuli along both axes"));
    orderingCombo_->addItem(tr("original"), static_cast<int>(order::OrderingMethod::Original));
    orderingCombo_->addItem(tr("by category"), static_cast<int>(order::OrderingMethod::ByCategory));
    orderingCombo_->addItem(tr("clustered"), static_cast<int>(order::OrderingMethod::Clustered));
    orderingCombo_->setItemData(2, tr("Average-linkage clustering with optimal leaf order"),
                                Qt::ToolTipRole);
    orderingCombo_->setCurrentIndex(2);
    colormapCombo_->setObjectName(QStringLiteral("rdmColormapCombo"));
    for (views::Colormap m : views::allColormaps()) {
        colormapCombo_->addItem(fromView(views::colormapName(m)), static_cast<int>(m));
    }
    fitButton_->setObjectName(QStringLiteral("rdmFitButton"));
    fitButton_->setText(tr("Fit"));
    fitButton_->setCheckable(true);
    fitButton_->setToolTip(tr("Colours span the 1st\u201399th percentile of the zoomed view instead of "
                              "the whole matrix's smallest to largest value"));
    aButton_->setChecked(true);
    focus_->setObjectName(QStringLiteral("rdmFocusLabel"));
    focus_->setTextFormat(Qt::RichText);
    focus_->setWordWrap(true);  // long names wrap instead of widening the panel
    view_->setObjectName(QStringLiteral("rdmView"));
    note_->setObjectName(QStringLiteral("rdmNote"));
    note_->setWordWrap(true);
    note_->setTextFormat(Qt::PlainText);  // lists stimulus names from files
    note_->setStyleSheet(QStringLiteral("color: #555"));
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>RDM</b>"), this));
    top->addWidget(focus_, 1);
    top->addWidget(aButton_);
    top->addWidget(bButton_);
    top->addWidget(tButton_);
    tButton_->hide();
    auto* controls = new QHBoxLayout;
    const auto addCombo = [&](const QString& text, QComboBox* combo) {
        auto* label = new QLabel(text, this);
        label->setBuddy(combo);
        controls->addWidget(label);
        controls->addWidget(combo);
        allowNarrow(combo);
    };
    addCombo(tr("M&easure:"), measureCombo_);
    addCombo(tr("&Order:"), orderingCombo_);
    // The colormap's names say what it is: no label, so the row fits narrow panels.
    controls->addWidget(colormapCombo_);
    allowNarrow(colormapCombo_);
    colormapCombo_->setToolTip(tr("Colours"));
    colormapCombo_->setAccessibleName(tr("Colours"));
    controls->addWidget(fitButton_);
    controls->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);

    connect(measureCombo_, &QComboBox::currentIndexChanged, this, &RdmPanel::settingsChanged);
    connect(orderingCombo_, &QComboBox::currentIndexChanged, this, &RdmPanel::settingsChanged);
    connect(colormapCombo_, &QComboBox::currentIndexChanged, this, [this] {
        views::ColorScale scale = view_->colorScale();
        scale.colormap = static_cast<views::Colormap>(colormapCombo_->currentData().toInt());
        view_->setColorScale(scale);
    });
    connect(fitButton_, &QToolButton::toggled, this, [this](bool fit) {
        view_->setRangeMode(fit ? views::RangeMode::FitToView : views::RangeMode::WholeMatrix);
    });
    connect(aButton_, &QToolButton::toggled, this, [this](bool checked) {
        updateFocusLabel();
        emit sideChanged(checked ? FocusSide::A : FocusSide::B);
    });
    connect(tButton_, &QToolButton::toggled, this, [this] {
        updateFocusLabel();
        emit sideChanged(side());
    });
    updateFocusLabel();
}

metrics::RdmMeasure RdmPanel::measure() const {
    return static_cast<metrics::RdmMeasure>(measureCombo_->currentData().toInt());
}

order::OrderingMethod RdmPanel::ordering() const {
    return static_cast<order::OrderingMethod>(orderingCombo_->currentData().toInt());
}

QString RdmPanel::orderingText() const {
    switch (ordering()) {
        case order::OrderingMethod::Original:
            return tr("original order");
        case order::OrderingMethod::ByCategory:
            return tr("grouped by category");
        case order::OrderingMethod::Clustered:
            return tr("clustered order");
    }
    return {};
}

FocusSide RdmPanel::side() const {
    return checkedSide(aButton_);
}

void RdmPanel::setSide(FocusSide side) {
    // A request from the controller: no sideChanged back to it.
    const QSignalBlocker blockTarget(tButton_);
    checkSide(aButton_, bButton_, side);
    updateFocusLabel();
}

void RdmPanel::setFocusNames(const QString& a, const QString& b) {
    nameA_ = a;
    nameB_ = b;
    describeSides(aButton_, bButton_, tr("Show the RDM of"), a, b);
    updateFocusLabel();
}

void RdmPanel::setTargetName(const QString& name) {
    targetName_ = name;
    if (name.isEmpty() && tButton_->isChecked()) {
        const QSignalBlocker blockTarget(tButton_);
        checkSide(aButton_, bButton_, FocusSide::A);
    }
    tButton_->setVisible(!name.isEmpty());
    tButton_->setToolTip(name.isEmpty() ? QString() : tr("Show the alignment target: %1").arg(name));
    updateFocusLabel();
}

void RdmPanel::showTarget() {
    const QSignalBlocker blockA(aButton_);
    const QSignalBlocker blockB(bButton_);
    const QSignalBlocker blockTarget(tButton_);
    if (!targetName_.isEmpty()) tButton_->setChecked(true);
    updateFocusLabel();
}

bool RdmPanel::targetShown() const { return !targetName_.isEmpty() && tButton_->isChecked(); }

void RdmPanel::updateFocusLabel() {
    const auto part = [](const QString& side, const QString& name, bool shown) {
        const QString text = QStringLiteral("%1: %2").arg(side, name.toHtmlEscaped());
        return shown ? QStringLiteral("<b>%1</b>").arg(text)
                     : QStringLiteral("<span style='color:#777'>%1</span>").arg(text);
    };
    if (nameA_.isEmpty()) {
        focus_->clear();
        return;
    }
    const bool target = targetShown();
    QString text = part(QStringLiteral("A"), nameA_, !target && side() == FocusSide::A);
    if (!nameB_.isEmpty())
        text +=
            QStringLiteral(" &nbsp; ") + part(QStringLiteral("B"), nameB_, !target && side() == FocusSide::B);
    if (!targetName_.isEmpty()) text += QStringLiteral(" &nbsp; ") + part(QStringLiteral("T"), targetName_, target);
    focus_->setText(text);
    focus_->setToolTip(
        tr("The focus pair: click a cell of the layer matrix (A = its row, B = its "
           "column) or select a layer in the Data panel (A)"));
}

void RdmPanel::setMeasureEnabled(bool enabled) {
    measureCombo_->setEnabled(enabled);
}

void RdmPanel::showRdm(std::shared_ptr<const tiles::TileSource> source,
                       std::shared_ptr<const Stimuli> stimuli, const std::string& categoryColumn) {
    view_->setSource(std::move(source), std::move(stimuli), categoryColumn);
}

void RdmPanel::clearRdm() {
    view_->setSource(nullptr);
}

void RdmPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

QString RdmPanel::note() const {
    return note_->text();
}

}  // namespace repscope::gui
