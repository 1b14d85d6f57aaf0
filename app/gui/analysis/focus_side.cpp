#include "gui/analysis/focus_side.h"

#include <QSignalBlocker>
#include <QToolButton>

namespace repscope::gui {

QToolButton* makeSideButton(const QString& text, const QString& objectName, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setCheckable(true);
    button->setAutoExclusive(true);
    button->setMinimumWidth(28);
    return button;
}

FocusSide checkedSide(const QToolButton* a) { return a->isChecked() ? FocusSide::A : FocusSide::B; }

void checkSide(QToolButton* a, QToolButton* b, FocusSide side) {
    const QSignalBlocker blockA(a);
    const QSignalBlocker blockB(b);
    (side == FocusSide::A ? a : b)->setChecked(true);
}

void describeSides(QToolButton* a, QToolButton* b, const QString& action, const QString& nameA,
                   const QString& nameB) {
    a->setToolTip(nameA.isEmpty() ? QString() : QStringLiteral("%1 A: %2").arg(action, nameA));
    b->setToolTip(nameB.isEmpty() ? QString() : QStringLiteral("%1 B: %2").arg(action, nameB));
    b->setEnabled(!nameB.isEmpty());
}

QString shownSideText(FocusSide side, const QString& nameA, const QString& nameB) {
    const QString& name = side == FocusSide::A ? nameA : nameB;
    if (name.isEmpty()) return {};
    return QStringLiteral("<b>%1: %2</b>")
        .arg(side == FocusSide::A ? QStringLiteral("A") : QStringLiteral("B"), name.toHtmlEscaped());
}

}  // namespace repscope::gui
