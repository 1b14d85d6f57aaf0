#pragma once
// The A/B side toggle that the RDM, Projection and 3-D panels share: which representation of the
// focus pair a panel shows, its two exclusive buttons and the label naming the shown one.
#include <QString>

class QToolButton;
class QWidget;

namespace repscope::gui {

enum class FocusSide { A, B };

// A checkable, auto-exclusive "A" or "B" button.
[[nodiscard]] QToolButton* makeSideButton(const QString& text, const QString& objectName, QWidget* parent);
// The side whose button is checked (a is A's button).
[[nodiscard]] FocusSide checkedSide(const QToolButton* a);
// Checks the button of `side` without signals (a request from a controller, not the user).
void checkSide(QToolButton* a, QToolButton* b, FocusSide side);
// Tooltips "<action> A: name" / "<action> B: name"; B is enabled only when there is a B.
void describeSides(QToolButton* a, QToolButton* b, const QString& action, const QString& nameA,
                   const QString& nameB);
// "<b>A: name</b>" for the shown side; empty when that side has no representation.
[[nodiscard]] QString shownSideText(FocusSide side, const QString& nameA, const QString& nameB);

}  // namespace repscope::gui
