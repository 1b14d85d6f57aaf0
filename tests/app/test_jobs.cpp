// Background jobs: analyses run side by side (a short task does not wait behind a long one),
// files open in order, the Jobs panel lists every job with its own Cancel button, a cancelled
// analysis leaves the previous result in place, and the GUI thread stays responsive while the
// demo opens and fills every view (a watchdog thread measures how long the event loop takes to
// answer).
#include <QApplication>
#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "gui/tasks/jobs_panel.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/tasks/task_runner.h"
#include "repscope/tiles/tile_source.h"
#include "repscope/views/heatmap_view.h"

using repscope::Progress;
using repscope::gui::JobsPanel;
using repscope::gui::MainWindow;
using repscope::gui::TaskOutcome;
using repscope::gui::TaskRunner;

namespace {

constexpr int kTimeoutMs = 300000;

// Work that runs until released (or cancelled).
TaskRunner::Work blockingWork(const std::shared_ptr<std::atomic<bool>>& release) {
    return [release](Progress& progress) {
        while (!release->load()) {
            progress.throwIfCancelled();
            QThread::msleep(2);
        }
    };
}

std::vector<QPushButton*> cancelButtons(const JobsPanel& panel) {
    std::vector<QPushButton*> out;
    for (QPushButton* b : panel.findChildren<QPushButton*>()) {
        if (b->text() == QObject::tr("Cancel")) out.push_back(b);
    }
    return out;
}

// Asks the GUI thread for an answer every 20 ms from another thread and keeps the longest wait.
class Watchdog {
public:
    explicit Watchdog(QObject* guiObject) : target_(guiObject) {
        thread_ = std::thread([this] { run(); });
    }
    ~Watchdog() { stop(); }
    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    [[nodiscard]] qint64 worstMs() const { return worst_.load(); }
    [[nodiscard]] int pings() const { return pings_.load(); }

private:
    void run() {
        while (!stop_) {
            auto answered = std::make_shared<std::atomic<bool>>(false);
            QElapsedTimer t;
            t.start();
            QMetaObject::invokeMethod(target_, [answered] { answered->store(true); },
                                      Qt::QueuedConnection);
            while (!answered->load() && !stop_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (answered->load()) {
                worst_ = std::max(worst_.load(), t.elapsed());
                ++pings_;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    QObject* target_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<qint64> worst_{0};
    std::atomic<int> pings_{0};
};

}  // namespace

class TestJobs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test-jobs"));
    }

    void shortAnalysisDoesNotWaitBehindLongOne() {
        TaskRunner runner(nullptr);
        auto release = std::make_shared<std::atomic<bool>>(false);
        bool longDone = false;
        bool shortDone = false;
        runner.submit(QStringLiteral("long"), blockingWork(release),
                      [&](const TaskOutcome&) { longDone = true; });
        runner.submit(QStringLiteral("short"), [](Progress&) {},
                      [&](const TaskOutcome& o) { shortDone = o.error.isEmpty() && !o.cancelled; });
        QTRY_VERIFY_WITH_TIMEOUT(shortDone, 20000);
        QVERIFY(!longDone);
        QCOMPARE(runner.jobs().size(), std::size_t{1});
        // Its worker may not have been scheduled yet on a busy machine: it starts without a wait.
        QTRY_VERIFY_WITH_TIMEOUT(runner.jobs().front().running, 20000);
        release->store(true);
        QTRY_VERIFY_WITH_TIMEOUT(longDone, 20000);
        QVERIFY(!runner.isBusy());
    }

    void orderedTasksRunOneAtATimeInOrder() {
        TaskRunner runner(nullptr);
        std::vector<int> finished;
        auto running = std::make_shared<std::atomic<int>>(0);
        auto overlap = std::make_shared<std::atomic<bool>>(false);
        for (int i = 0; i < 4; ++i) {
            runner.submit(
                QStringLiteral("open %1").arg(i),
                [running, overlap](Progress&) {
                    if (running->fetch_add(1) != 0) overlap->store(true);
                    QThread::msleep(30);
                    running->fetch_sub(1);
                },
                [&finished, i](const TaskOutcome&) { finished.push_back(i); },
                TaskRunner::Lane::Ordered);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), std::size_t{4}, 20000);
        QCOMPARE(finished, (std::vector<int>{0, 1, 2, 3}));
        QVERIFY(!overlap->load());
    }

    void jobsPanelCancelsOneJob() {
        TaskRunner runner(nullptr);
        JobsPanel panel(&runner, nullptr);
        panel.show();
        auto releaseA = std::make_shared<std::atomic<bool>>(false);
        auto releaseB = std::make_shared<std::atomic<bool>>(false);
        std::optional<TaskOutcome> a;
        std::optional<TaskOutcome> b;
        runner.submit(QStringLiteral("first job"), blockingWork(releaseA),
                      [&](const TaskOutcome& o) { a = o; });
        runner.submit(QStringLiteral("second job"), blockingWork(releaseB),
                      [&](const TaskOutcome& o) { b = o; });
        QCOMPARE(panel.rowCount(), 2);
        std::vector<QPushButton*> buttons = cancelButtons(panel);
        QCOMPARE(buttons.size(), std::size_t{2});
        // Rows are in submission order: the first button belongs to the first job.
        QTest::mouseClick(buttons.front(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(a.has_value(), 20000);
        QVERIFY(a->cancelled);
        QVERIFY(!b.has_value());
        QTRY_COMPARE_WITH_TIMEOUT(panel.rowCount(), 1, 5000);
        releaseB->store(true);
        QTRY_VERIFY_WITH_TIMEOUT(b.has_value(), 20000);
        QVERIFY(!b->cancelled);
        QVERIFY(b->error.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(panel.rowCount(), 0, 5000);
        const auto labels = panel.findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel* l) {
            return l->isVisible() && l->text().contains(QObject::tr("No background work"));
        }));
    }

    // Ctrl+J on the Jobs tab behind the Inspector brings it to the front (Qt's toggle action
    // hid it); pressed again with Jobs in front, it hides the dock.
    void ctrlJBringsTheJobsTabToTheFront() {
        MainWindow w;
        w.resize(1280, 820);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* jobs = w.findChild<QDockWidget*>(QStringLiteral("jobsDock"));
        auto* inspector = w.findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
        auto* action = w.findChild<QAction*>(QStringLiteral("jobsDockViewAction"));
        QVERIFY(jobs != nullptr && inspector != nullptr && action != nullptr);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_J));
        inspector->raise();
        QTRY_VERIFY(jobs->visibleRegion().isEmpty());
        action->trigger();
        QVERIFY(!jobs->isHidden());
        QTRY_VERIFY(!jobs->visibleRegion().isEmpty());
        QVERIFY(action->isChecked());
        action->trigger();
        QVERIFY(jobs->isHidden());
        QVERIFY(!action->isChecked());
        action->trigger();
        QTRY_VERIFY(!jobs->isHidden() && !jobs->visibleRegion().isEmpty());
    }

    void guiStaysResponsiveAndCancelKeepsPreviousResult() {
        MainWindow w;
        w.resize(1280, 820);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Watchdog watchdog(&w);
        w.openDemo();
        repscope::views::HeatmapView* matrix = w.layerMatrixPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy() && matrix->source() != nullptr, kTimeoutMs);
        watchdog.stop();
        qInfo("GUI thread: longest answer to the watchdog %lld ms over %d pings while the demo "
              "opened and every view filled",
              static_cast<long long>(watchdog.worstMs()), watchdog.pings());
        QVERIFY(watchdog.pings() > 2);
        // A freeze of a second fails the test. The figure above is what to read against the
        // ~100 ms goal: 67–104 ms (median 84) on an idle 2-core machine, 89–185 ms with builds
        // running beside it (the longest answers include time the GUI thread waited for a core;
        // what remains on it is painting and composing the OpenGL views under a software
        // rasteriser).
        QVERIFY2(watchdog.worstMs() < 1000,
                 qPrintable(QStringLiteral("the GUI thread did not answer for %1 ms").arg(watchdog.worstMs())));

        // Ask for another metric and cancel it at once from the Jobs panel: the matrix shown
        // stays the finished cka_linear one, and the panel says the job was cancelled.
        const std::shared_ptr<const repscope::tiles::TileSource> before = matrix->source();
        QCOMPARE(before->measureName(), std::string("cka_linear"));
        w.layerMatrixPanel()->setMetric(QStringLiteral("rsa_spearman"));
        QVERIFY(w.jobsPanel()->rowCount() >= 1);
        std::vector<QPushButton*> buttons = cancelButtons(*w.jobsPanel());
        QVERIFY(!buttons.empty());
        for (QPushButton* b : buttons) QTest::mouseClick(b, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QCOMPARE(matrix->source(), before);
        const auto labels = w.layerMatrixPanel()->findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(),
                            [](const QLabel* l) { return l->text().startsWith(QObject::tr("Cancelled")); }));
    }
};

QTEST_MAIN(TestJobs)
#include "test_jobs.moc"
