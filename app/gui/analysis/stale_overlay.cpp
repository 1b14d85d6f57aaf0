#include "gui/analysis/stale_overlay.h"

#include <QEvent>

namespace repscope::gui {

StaleOverlay::StaleOverlay(QWidget* view) : QLabel(view) {
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setStyleSheet(QStringLiteral("background: rgba(255, 255, 255, 170); color: #222;"
                                 " font-weight: bold; padding: 12px;"));
    hide();
    view->installEventFilter(this);
}

void StaleOverlay::cover(const QString& text) {
    setText(text);
    setGeometry(parentWidget()->rect());
    show();
    raise();
}

bool StaleOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    return QLabel::eventFilter(watched, event);
}

}  // namespace repscope::gui
