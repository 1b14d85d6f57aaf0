#pragma once
// A one-line label that gives way on narrow screens without hiding what it cuts: narrower than
// its text, it shows the text cut with "…" (at the end, or in the middle for paths) and gives
// the whole text as its tooltip. Plain text only (text from files is never read as markup).
#include <QLabel>
#include <QString>

namespace repscope::gui {

class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr, Qt::TextElideMode mode = Qt::ElideRight);

    // The whole text; QLabel::text() is what is shown.
    [[nodiscard]] QString fullText() const { return full_; }
    void setFullText(const QString& text);
    [[nodiscard]] bool isElided() const { return text() != full_; }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refit();

    QString full_;
    Qt::TextElideMode mode_;
};

}  // namespace repscope::gui
