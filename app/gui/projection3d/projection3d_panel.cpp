#include "gui/projection3d/projection3d_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include "gui/narrow.h"
#include "repscope/views/scatter3d_view.h"

namespace repscope::gui {
namespace {

QToolButton* toolButton(const QString& text, const QString& name, bool checkable, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(text);
    button->setCheckable(checkable);
    button->setMinimumWidth(28);
    return button;
}

}  // namespace

Projection3DPanel::Projection3DPanel(QWidget* parent)
    : QWidget(parent),
      methodCombo_(new QComboBox(this)),
      colourCombo_(new QComboBox(this)),
      trajectoriesButton_(toolButton(tr("Trajectories"), QStringLiteral("projection3dTrajectoriesButton"),
                                     true, this)),
      fitButton_(toolButton(tr("Fit"), QStringLiteral("projection3dFitButton"), false, this)),
      aButton_(makeSideButton(QStringLiteral("A"), QStringLiteral("projection3dAButton"), this)),
      bButton_(makeSideButton(QStringLiteral("B"), QStringLiteral("projection3dBButton"), this)),
      focus_(new QLabel(this)),
      view_(new views::Scatter3DView(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("projection3dPanel"));
    methodCombo_->setObjectName(QStringLiteral("projection3dMethodCombo"));
    for (ProjectionMethod m : allProjectionMethods()) {
        methodCombo_->addItem(QString::fromStdString(projectionMethodName(m)), static_cast<int>(m));
    }
    methodCombo_->setItemData(1, tr("Classical MDS of Euclidean distances"), Qt::ToolTipRole);
    colourCombo_->setObjectName(QStringLiteral("projection3dColourCombo"));
    colourCombo_->setToolTip(tr("Category column that colours the points"));
    trajectoriesButton_->setChecked(true);
    trajectoriesButton_->setToolTip(
        tr("Show each selected stimulus's path through the aligned projections of the model's "
           "layers (at most %1)")
            .arg(views::Scatter3DView::kMaxTrajectories));
    fitButton_->setToolTip(tr("Fit the camera to the points (Home)"));
    aButton_->setChecked(true);
    focus_->setObjectName(QStringLiteral("projection3dFocusLabel"));
    focus_->setTextFormat(Qt::RichText);
    focus_->setWordWrap(true);
    view_->setObjectName(QStringLiteral("scatter3dView"));
    view_->setToolTip(tr("Drag: orbit · Shift+drag or middle drag: pan · wheel or right drag: "
                         "zoom · click: select (Shift adds)"));
    note_->setObjectName(QStringLiteral("projection3dNote"));
    note_->setWordWrap(true);
    note_->setStyleSheet(QStringLiteral("color: #555"));
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>3-D</b>"), this));
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
    addCombo(tr("M&ethod:"), methodCombo_);
    addCombo(tr("Colour b&y:"), colourCombo_);
    controls->addStretch(1);
    auto* toggles = new QHBoxLayout;
    toggles->addWidget(trajectoriesButton_);
    toggles->addWidget(fitButton_);
    toggles->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(controls);
    layout->addLayout(toggles);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);

    connect(methodCombo_, &QComboBox::currentIndexChanged, this, &Projection3DPanel::methodChanged);
    connect(colourCombo_, &QComboBox::currentIndexChanged, this,
            [this] { view_->setCategoryColumn(colourColumn().toStdString()); });
    connect(trajectoriesButton_, &QToolButton::toggled, view_,
            &views::Scatter3DView::setTrajectoriesVisible);
    connect(fitButton_, &QToolButton::clicked, view_, &views::Scatter3DView::resetCamera);
    connect(aButton_, &QToolButton::toggled, this, [this](bool checked) {
        updateFocusLabel();
        emit sideChanged(checked ? FocusSide::A : FocusSide::B);
    });
    updateFocusLabel();
}

ProjectionMethod Projection3DPanel::method() const {
    return static_cast<ProjectionMethod>(methodCombo_->currentData().toInt());
}

void Projection3DPanel::setMethod(ProjectionMethod method) {
    methodCombo_->setCurrentIndex(methodCombo_->findData(static_cast<int>(method)));
}

FocusSide Projection3DPanel::side() const {
    return checkedSide(aButton_);
}

void Projection3DPanel::setSide(FocusSide side) {
    checkSide(aButton_, bButton_, side);
    updateFocusLabel();
}

void Projection3DPanel::setFocusNames(const QString& a, const QString& b) {
    nameA_ = a;
    nameB_ = b;
    describeSides(aButton_, bButton_, tr("Project"), a, b);
    updateFocusLabel();
}

void Projection3DPanel::updateFocusLabel() {
    focus_->setText(shownSideText(side(), nameA_, nameB_));
}

void Projection3DPanel::setColourColumns(const QStringList& columns, const QString& current) {
    const QSignalBlocker block(colourCombo_);
    colourCombo_->clear();
    colourCombo_->addItem(tr("(none)"), QString());
    for (const QString& c : columns) colourCombo_->addItem(c, c);
    const int index = colourCombo_->findData(current);
    colourCombo_->setCurrentIndex(index < 0 ? 0 : index);
    view_->setCategoryColumn(colourColumn().toStdString());
}

QString Projection3DPanel::colourColumn() const { return colourCombo_->currentData().toString(); }

void Projection3DPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

QString Projection3DPanel::note() const { return note_->text(); }

}  // namespace repscope::gui
