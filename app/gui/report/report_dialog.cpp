#include "gui/report/report_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "report/report_content.h"
#include "report/report_file.h"
#include "repscope/metrics/registry.h"

namespace repscope::gui {

ReportDialog::ReportDialog(const QString& suggestedPath, QWidget* parent)
    : QDialog(parent), path_(new QLineEdit(suggestedPath, this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Export Report"));
    setObjectName(QStringLiteral("reportDialog"));
    path_->setObjectName(QStringLiteral("reportPath"));
    path_->setToolTip(tr("A .html file (one self-contained page) or a .pdf file"));
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ReportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browseButton);

    auto* group = new QGroupBox(tr("Layer × layer matrices of"), this);
    auto* grid = new QGridLayout(group);
    const auto& registry = metrics::metricRegistry();
    constexpr int kColumns = 3;
    for (std::size_t k = 0; k < registry.size(); ++k) {
        const metrics::MetricInfo& m = registry[k];
        auto* box = new QCheckBox(QString::fromStdString(m.name), group);
        box->setObjectName(QStringLiteral("metric_") + QString::fromStdString(m.name));
        box->setToolTip(QString::fromStdString(m.description + "\n" + m.reference));
        box->setChecked(std::any_of(std::begin(report::kDefaultMetrics), std::end(report::kDefaultMetrics),
                                    [&](const char* name) { return m.name == name; }));
        connect(box, &QCheckBox::toggled, this, &ReportDialog::updateOk);
        grid->addWidget(box, static_cast<int>(k) / kColumns, static_cast<int>(k) % kColumns);
        metrics_.emplace_back(m.name, box);
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Report file:"), pathRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(group);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(path_, &QLineEdit::textChanged, this, &ReportDialog::updateOk);
    updateOk();
}

QString ReportDialog::path() const { return path_->text().trimmed(); }

std::vector<std::string> ReportDialog::metrics() const {
    std::vector<std::string> names;
    for (const auto& [name, box] : metrics_) {
        if (box->isChecked()) names.push_back(name);
    }
    return names;
}

void ReportDialog::setPath(const QString& path) { path_->setText(path); }

void ReportDialog::setMetricChecked(const std::string& name, bool checked) {
    for (const auto& [n, box] : metrics_) {
        if (n == name) box->setChecked(checked);
    }
}

void ReportDialog::browse() {
    const QString html = tr("HTML page (*.html)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = report::reportFormatOf(path()) == report::ReportFormat::Pdf ? pdf : html;
    QString chosen = QFileDialog::getSaveFileName(this, tr("Export Report"), path(),
                                                  html + QStringLiteral(";;") + pdf, &filter);
    if (chosen.isEmpty()) return;
    if (!report::reportFormatOf(chosen)) chosen += filter == pdf ? QStringLiteral(".pdf") : QStringLiteral(".html");
    path_->setText(chosen);
}

// OK needs a .html or .pdf path and at least one metric.
void ReportDialog::updateOk() {
    const bool anyMetric = std::any_of(metrics_.begin(), metrics_.end(),
                                       [](const auto& entry) { return entry.second->isChecked(); });
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(anyMetric && report::reportFormatOf(path()).has_value());
}

}  // namespace repscope::gui
