#pragma once
// The dialog of File ▸ Export Report…: where to write the report (.html or .pdf, chosen by the
// suffix) and which metrics' layer matrices it holds (checkboxes from the metric registry).
#include <QDialog>
#include <QString>
#include <string>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace repscope::gui {

class ReportDialog : public QDialog {
    Q_OBJECT
public:
    ReportDialog(const QString& suggestedPath, QWidget* parent);

    [[nodiscard]] QString path() const;
    [[nodiscard]] std::vector<std::string> metrics() const;
    void setPath(const QString& path);
    void setMetricChecked(const std::string& name, bool checked);

private:
    void browse();
    void updateOk();

    QLineEdit* path_;
    std::vector<std::pair<std::string, QCheckBox*>> metrics_;
    QDialogButtonBox* buttons_;
};

}  // namespace repscope::gui
