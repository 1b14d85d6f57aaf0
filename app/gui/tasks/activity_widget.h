#pragma once
// Status-bar widget shown while background work runs: what is running, a progress bar (busy indicator when the
// work reports no progress) and a Cancel button.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace repscope::gui {

class ElidedLabel;

class ActivityWidget : public QWidget {
    Q_OBJECT
public:
    explicit ActivityWidget(QWidget* parent);

    // fraction in [0, 1]; 0 shows a busy indicator. pending > 1 is shown as "(+k queued)".
    void setActivity(const QString& description, double fraction, int pending);

signals:
    void cancelRequested();

private:
    ElidedLabel* label_;
    QProgressBar* bar_;
    QPushButton* cancel_;
};

}  // namespace repscope::gui
