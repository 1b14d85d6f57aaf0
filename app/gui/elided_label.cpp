#include "gui/elided_label.h"

#include <QEvent>
#include <QFontMetrics>
#include <algorithm>

namespace repscope::gui {

ElidedLabel::ElidedLabel(QWidget* parent, Qt::TextElideMode mode) : QLabel(parent), mode_(mode) {
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidedLabel::setFullText(const QString& text) {
    if (text == full_ && !text.isEmpty()) return;
    full_ = text;
    updateGeometry();
    refit();
}

QSize ElidedLabel::sizeHint() const {
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    return {fm.horizontalAdvance(full_) + 2 * margin() + m.left() + m.right() + 1,
            fm.height() + 2 * margin() + m.top() + m.bottom()};
}

QSize ElidedLabel::minimumSizeHint() const {
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    const int least = std::min(fm.horizontalAdvance(full_), fm.horizontalAdvance(QStringLiteral("Mmm…")));
    return {least + 2 * margin() + m.left() + m.right(),
            fm.height() + 2 * margin() + m.top() + m.bottom()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    refit();
}

void ElidedLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) refit();
}

void ElidedLabel::refit() {
    const int room = contentsRect().width() - 2 * margin();
    const QString shown = fontMetrics().elidedText(full_, mode_, std::max(room, 0));
    if (shown != text()) QLabel::setText(shown);
    const QString tip = shown != full_ ? full_ : QString();
    if (tip != toolTip()) setToolTip(tip);
}

}  // namespace repscope::gui
