#pragma once
// A translucent sheet over a view whose values are about to be replaced: the old values stay
// visible but visibly stale, under one line that names what is shown and what is coming
// ("Showing cka_linear — computing cka_rbf…"). Shared by the panels that recompute in the
// background, so that no view shows one thing while its title says another.
#include <QLabel>

namespace repscope::gui {

class StaleOverlay : public QLabel {
    Q_OBJECT
public:
    explicit StaleOverlay(QWidget* view);
    // Covers the view with `text`; hide() removes it.
    void cover(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace repscope::gui
