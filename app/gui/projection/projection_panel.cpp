#include "gui/projection/projection_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include "gui/elided_label.h"
#include "gui/narrow.h"
#include "gui/analysis/stale_overlay.h"
#include "repscope/views/projection_view.h"

namespace repscope::gui {

namespace {

constexpr int kNeighbourhoodRole = Qt::UserRole + 1;  // the "neighbourhood change" entry


}  // namespace

ProjectionPanel::ProjectionPanel(QWidget* parent)
    : QWidget(parent),
      methodCombo_(new QComboBox(this)),
      colourCombo_(new QComboBox(this)),
      lassoButton_(new QToolButton(this)),
      aButton_(makeSideButton(QStringLiteral("A"), QStringLiteral("projectionAButton"), this)),
      bButton_(makeSideButton(QStringLiteral("B"), QStringLiteral("projectionBButton"), this)),
      focus_(new QLabel(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      layerLabel_(new ElidedLabel(this, Qt::ElideMiddle)),
      view_(new views::ProjectionView(this)),
      note_(new QLabel(this)),
      pending_(new StaleOverlay(view_)) {
    pending_->setObjectName(QStringLiteral("projectionPending"));
    setObjectName(QStringLiteral("projectionPanel"));
    methodCombo_->setObjectName(QStringLiteral("projectionMethodCombo"));
    for (ProjectionMethod m : allProjectionMethods()) {
        methodCombo_->addItem(QString::fromStdString(projectionMethodName(m)), static_cast<int>(m));
    }
    methodCombo_->setItemData(1, tr("Classical MDS of Euclidean distances"), Qt::ToolTipRole);
    colourCombo_->setObjectName(QStringLiteral("projectionColourCombo"));
    colourCombo_->setToolTip(tr("Category column that colours the points"));
    lassoButton_->setObjectName(QStringLiteral("projectionLassoButton"));
    lassoButton_->setText(tr("Lasso"));
    lassoButton_->setCheckable(true);
    lassoButton_->setToolTip(tr("Drag draws a lasso instead of a rectangle (or hold Alt)"));
    aButton_->setChecked(true);
    focus_->setObjectName(QStringLiteral("projectionFocusLabel"));
    focus_->setTextFormat(Qt::RichText);
    focus_->setWordWrap(true);
    slider_->setObjectName(QStringLiteral("projectionLayerSlider"));
    slider_->setPageStep(1);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(1);
    slider_->setToolTip(tr("Layer of the shown model; the points move between aligned projections"));
    layerLabel_->setObjectName(QStringLiteral("projectionLayerLabel"));
    layerLabel_->setMinimumWidth(80);
    view_->setObjectName(QStringLiteral("projectionView"));
    note_->setObjectName(QStringLiteral("projectionNote"));
    note_->setWordWrap(true);
    note_->setStyleSheet(QStringLiteral("color: #555"));
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>Projection</b>"), this));
    top->addWidget(focus_, 1);
    top->addWidget(aButton_);
    top->addWidget(bButton_);
    auto* controls = new QHBoxLayout;
    const auto addCombo = [&](const QString& text, QComboBox* combo) {
        auto* label = new QLabel(text, this);
        label->setBuddy(combo);
        controls->addWidget(label);
        controls->addWidget(combo);
        allowNarrow(combo);
    };
    addCombo(tr("&Method:"), methodCombo_);
    addCombo(tr("Colour &by:"), colourCombo_);
    controls->addWidget(lassoButton_);
    controls->addStretch(1);
    auto* layers = new QHBoxLayout;
    auto* layerTitle = new QLabel(tr("&Layer:"), this);
    layerTitle->setBuddy(slider_);
    layers->addWidget(layerTitle);
    layers->addWidget(slider_, 1);
    layers->addWidget(layerLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(controls);
    layout->addLayout(layers);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);

    connect(methodCombo_, &QComboBox::currentIndexChanged, this, &ProjectionPanel::methodChanged);
    connect(colourCombo_, &QComboBox::currentIndexChanged, this, [this] {
        view_->setCategoryColumn(colourColumn().toStdString());
        if (!colourByNeighbourhood()) view_->setPointValues({}, QString(), {});
        emit colourColumnChanged(colourColumn());
        emit neighbourhoodColouringChanged(colourByNeighbourhood());
    });
    connect(lassoButton_, &QToolButton::toggled, view_, &views::ProjectionView::setLassoMode);
    connect(aButton_, &QToolButton::toggled, this, [this](bool checked) {
        updateFocusLabel();
        emit sideChanged(checked ? FocusSide::A : FocusSide::B);
    });
    connect(slider_, &QSlider::valueChanged, this, [this](int value) {
        updateLayerLabel();
        emit layerChanged(value);
    });
    setLayers({}, 0, false);
    updateFocusLabel();
}

ProjectionMethod ProjectionPanel::method() const {
    return static_cast<ProjectionMethod>(methodCombo_->currentData().toInt());
}

void ProjectionPanel::setMethod(ProjectionMethod method) {
    methodCombo_->setCurrentIndex(methodCombo_->findData(static_cast<int>(method)));
}

FocusSide ProjectionPanel::side() const {
    return checkedSide(aButton_);
}

void ProjectionPanel::setSide(FocusSide side) {
    checkSide(aButton_, bButton_, side);
    updateFocusLabel();
}

void ProjectionPanel::setFocusNames(const QString& a, const QString& b) {
    nameA_ = a;
    nameB_ = b;
    describeSides(aButton_, bButton_, tr("Project"), a, b);
    updateFocusLabel();
}

void ProjectionPanel::updateFocusLabel() {
    if (shownName_.isEmpty()) {
        focus_->setText(shownSideText(side(), nameA_, nameB_));
        return;
    }
    focus_->setText(QStringLiteral("<b>%1: %2</b> · %3")
                        .arg(side() == FocusSide::A ? QStringLiteral("A") : QStringLiteral("B"),
                             shownName_.toHtmlEscaped(), shownMethod_.toHtmlEscaped()));
}

void ProjectionPanel::setShown(const QString& representation, const QString& method) {
    shownName_ = representation;
    shownMethod_ = method;
    updateFocusLabel();
}

void ProjectionPanel::setPending(const QString& text) {
    if (shownName_.isEmpty()) return;  // nothing stale to cover
    pending_->cover(text);
}

void ProjectionPanel::clearPending() { pending_->hide(); }

bool ProjectionPanel::isPending() const { return pending_->isVisible(); }

void ProjectionPanel::revertMethod() {
    if (shownMethod_.isEmpty()) return;
    const int index = methodCombo_->findText(shownMethod_);
    if (index < 0 || index == methodCombo_->currentIndex()) return;
    const QSignalBlocker block(methodCombo_);
    methodCombo_->setCurrentIndex(index);
}

void ProjectionPanel::setColourColumns(const QStringList& columns, const QString& current) {
    const QSignalBlocker block(colourCombo_);
    colourCombo_->clear();
    colourCombo_->addItem(tr("(none)"), QString());
    for (const QString& c : columns) colourCombo_->addItem(c, c);
    colourCombo_->addItem(tr("neighbourhood change A vs B"), QString());
    colourCombo_->setItemData(colourCombo_->count() - 1, true, kNeighbourhoodRole);
    colourCombo_->setItemData(colourCombo_->count() - 1,
                              tr("Per stimulus: the share of its 10 nearest neighbours (cosine) that "
                                 "are the same in A and in B; low values mark stimuli whose "
                                 "neighbourhood changed"),
                              Qt::ToolTipRole);
    const int index = colourCombo_->findData(current);
    colourCombo_->setCurrentIndex(index < 0 ? 0 : index);
    view_->setCategoryColumn(colourColumn().toStdString());
    view_->setPointValues({}, QString(), {});
}

QString ProjectionPanel::colourColumn() const {
    return colourCombo_->currentData().toString();
}

bool ProjectionPanel::colourByNeighbourhood() const {
    return colourCombo_->currentData(kNeighbourhoodRole).toBool();
}

void ProjectionPanel::setLayers(const QStringList& names, int current, bool enabled) {
    const QSignalBlocker block(slider_);
    layerNames_ = names;
    slider_->setRange(0, std::max(0, static_cast<int>(names.size()) - 1));
    slider_->setValue(current);
    slider_->setEnabled(enabled && names.size() > 1);
    updateLayerLabel();
}

int ProjectionPanel::layer() const { return slider_->value(); }

void ProjectionPanel::updateLayerLabel() {
    const int v = slider_->value();
    layerLabel_->setFullText(v >= 0 && v < layerNames_.size() ? layerNames_[v] : QString());
}

void ProjectionPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

QString ProjectionPanel::note() const { return note_->text(); }

}  // namespace repscope::gui
