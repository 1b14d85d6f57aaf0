// File ▸ Export Report…: the menu entry exists; the dialog offers every metric of the registry
// with the defaults checked and accepts only .html or .pdf; exporting through the window's
// ReportExporter runs as a TaskRunner task on the open collection and writes the file (HTML
// with the file's stimulus label escaped, PDF), with a status message when done.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <algorithm>

#include "gui/main_window.h"
#include "gui/report/report_dialog.h"
#include "gui/report/report_export.h"
#include "gui/tasks/task_runner.h"
#include "repscope/metrics/registry.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::gui::ReportDialog;
using repscope::gui::ReportExporter;
using namespace repscope::test;

namespace {

constexpr int kTimeoutMs = 300000;

QAction* menuAction(const MainWindow& w, const QString& objectName) {
    for (QAction* menu : w.menuBar()->actions()) {
        if (menu->menu() == nullptr) continue;
        for (QAction* a : menu->menu()->actions()) {
            if (a->objectName() == objectName) return a;
        }
    }
    return nullptr;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestReportExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test-report"));
        fixture_ = makeFixture(QStringLiteral("report_escape.h5"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1200, 800);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openFiles({fixture_});
        QTRY_VERIFY_WITH_TIMEOUT(w_->collection().files().size() == 1 && !w_->isOpening(), kTimeoutMs);
        exporter_ = w_->findChild<ReportExporter*>(QStringLiteral("reportExporter"));
        QVERIFY(exporter_ != nullptr);
    }
    void cleanupTestCase() { w_.reset(); }

    void menuEntry() {
        QAction* action = menuAction(*w_, QStringLiteral("exportReportAction"));
        QVERIFY(action != nullptr);
        QVERIFY(action->text().contains("Report"));
    }

    void dialogOffersTheRegistry() {
        ReportDialog dialog(QDir(scratchDir()).filePath(QStringLiteral("r.html")), w_.get());
        const auto boxes = dialog.findChildren<QCheckBox*>();
        QCOMPARE(static_cast<std::size_t>(boxes.size()), repscope::metrics::metricRegistry().size());
        std::vector<std::string> checked = dialog.metrics();  // in the registry's order
        std::sort(checked.begin(), checked.end());
        QCOMPARE(checked, (std::vector<std::string>{"cka_linear", "rsa_spearman"}));
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        dialog.setPath(QStringLiteral("r.txt"));
        QVERIFY(!ok->isEnabled());
        dialog.setPath(QStringLiteral("r.pdf"));
        QVERIFY(ok->isEnabled());
        dialog.setMetricChecked("cka_linear", false);
        dialog.setMetricChecked("rsa_spearman", false);
        QVERIFY(!ok->isEnabled());
    }

    void exportWritesTheFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("html") << QStringLiteral("gui-report.html");
        QTest::newRow("pdf") << QStringLiteral("gui-report.pdf");
    }

    void exportWritesTheFiles() {
        QFETCH(QString, name);
        const QString path = QDir(scratchDir()).filePath(name);
        QFile::remove(path);
        QSignalSpy finished(exporter_, &ReportExporter::finished);
        const auto id = exporter_->exportTo(path, {"cka_linear"});
        QVERIFY(id != 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        QVERIFY2(finished.at(0).at(1).toString().isEmpty(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(w_->statusBar()->currentMessage().contains(QStringLiteral("Wrote the report")));
        const QByteArray bytes = readAll(path);
        if (name.endsWith(".pdf")) {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.size() > 10000);
        } else {
            QVERIFY(bytes.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            QVERIFY(!bytes.contains("<script"));
            QVERIFY(bytes.contains("src=\"data:image/png;base64,"));
            QVERIFY(bytes.contains("id=\"matrix-cka_linear\""));
        }
    }

    void badSuffixSubmitsNothing() {
        QSignalSpy messages(exporter_, &ReportExporter::message);
        QCOMPARE(exporter_->exportTo(QDir(scratchDir()).filePath(QStringLiteral("r.txt")), {}), 0U);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(".html or .pdf"));
    }

private:
    QString fixture_;
    std::unique_ptr<MainWindow> w_;
    ReportExporter* exporter_ = nullptr;
};

QTEST_MAIN(TestReportExport)
#include "test_report_export.moc"
