// Sessions: a `.repscope` file round-trips through JSON; broken session files give one sentence
// naming the file and change nothing; saving a window's state (two dropped files, focus pair,
// metric, RDM ordering, selection) and dropping the session on a fresh window brings the same
// state back.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

#include "gui/analysis/analysis_controller.h"
#include "gui/analysis/layer_matrix_panel.h"
#include "gui/main_window.h"
#include "gui/analysis/rdm_panel.h"
#include "gui/session/session_controller.h"
#include "gui/session/session_file.h"
#include "repscope/error.h"
#include "repscope/views/selection_model.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::gui::SessionState;

namespace {

constexpr int kTimeoutMs = 300000;

void drop(MainWindow& w, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls.append(QUrl::fromLocalFile(p));
    mime.setUrls(urls);
    const QPoint pos = w.rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

QString writeText(const QString& name, const QByteArray& text) {
    const QString path = QDir(repscope::test::scratchDir()).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(text);
    return path;
}

QComboBox* orderingCombo(const MainWindow& w) {
    return w.rdmPanel()->findChild<QComboBox*>(QStringLiteral("rdmOrderingCombo"));
}

}  // namespace

class TestSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test-session"));
        a_ = repscope::test::makeFixture(QStringLiteral("native_basic.h5"));
        b_ = repscope::test::makeFixture(QStringLiteral("native_basic_copy.h5"));
        QVERIFY(!a_.isEmpty() && !b_.isEmpty());
    }

    void jsonRoundTrip() {
        SessionState s;
        s.files = {QStringLiteral("/data/a.h5"), QStringLiteral("/data/b c.h5")};
        s.focusA = {QStringLiteral("/data/a.h5"), QStringLiteral("/m/l1")};
        s.focusB = {QStringLiteral("/data/b c.h5"), QStringLiteral("/m/l2")};
        s.matrixMetric = QStringLiteral("rsa_spearman");
        s.rdmMeasure = QStringLiteral("cosine");
        s.rdmOrdering = QStringLiteral("clustered");
        s.rdmColormap = QStringLiteral("magma");
        s.rdmSide = QStringLiteral("B");
        s.projectionMethod = QStringLiteral("tsne");
        s.projectionSide = QStringLiteral("A");
        s.stimuli = 10;
        s.selection = {0, 4, 9};
        const SessionState back = repscope::gui::sessionFromJson(repscope::gui::sessionToJson(s), QStringLiteral("x"));
        QVERIFY(back == s);
    }

    void brokenSessionsSayWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{ files: ") << QStringLiteral("invalid JSON");
        QTest::newRow("other format") << QByteArray(R"({"format": "x", "version": 1, "files": []})")
                                      << QStringLiteral("\"format\"");
        QTest::newRow("future version")
            << QByteArray(R"({"format": "repscope-session", "version": 99, "files": []})")
            << QStringLiteral("version 99");
        QTest::newRow("files not a list")
            << QByteArray(R"({"format": "repscope-session", "version": 1, "files": "a.h5"})")
            << QStringLiteral("\"files\"");
        QTest::newRow("selection out of range")
            << QByteArray(R"({"format": "repscope-session", "version": 1, "files": [], "stimuli": 3, "selection": [1, 7]})")
            << QStringLiteral("not an index below 3");
        QTest::newRow("string in selection")
            << QByteArray(R"({"format": "repscope-session", "version": 1, "files": [], "stimuli": 3, "selection": ["2"]})")
            << QStringLiteral("\"selection\"");
    }
    void brokenSessionsSayWhatIsWrong() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = writeText(QStringLiteral("broken.repscope"), text);
        QVERIFY(!path.isEmpty());
        try {
            (void)repscope::gui::readSessionFile(path);
            QFAIL("a broken session was accepted");
        } catch (const repscope::InputError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(path) && message.contains(expected), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
        }
        // In the window: one sentence, and what was open stays open.
        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::openFailed);
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({a_});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        w.openFiles({path});
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.front().front().toString().contains(expected));
        QCOMPARE(w.collection().files().size(), std::size_t{1});
        QVERIFY(!w.sessions()->restoring());
    }

    void missingSessionFile() {
        const QString path = QDir(repscope::test::scratchDir()).filePath(QStringLiteral("absent.repscope"));
        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openFiles({path});
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("does not exist")));
    }

    void saveAndRestoreByDrop() {
        MainWindow first;
        first.resize(1200, 800);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        drop(first, {a_, b_});  // two files at once
        QTRY_COMPARE_WITH_TIMEOUT(first.collection().files().size(), std::size_t{2}, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!first.isBusy() && first.analysis()->representations().size() >= 4, kTimeoutMs);

        first.layerMatrixPanel()->setMetric(QStringLiteral("rsa_pearson"));
        QComboBox* ordering = orderingCombo(first);
        QVERIFY(ordering != nullptr);
        ordering->setCurrentIndex(ordering->findText(QStringLiteral("by category")));
        first.analysis()->setFocusPair(1, 5);
        QTRY_VERIFY_WITH_TIMEOUT(!first.isBusy(), kTimeoutMs);
        first.selectionModel()->selection().select({3, 5, 7});
        const SessionState saved = first.sessions()->capture();
        QCOMPARE(saved.files.size(), 2);
        QCOMPARE(saved.selection, (std::vector<std::size_t>{3, 5, 7}));
        const QString path = QDir(repscope::test::scratchDir()).filePath(QStringLiteral("saved.repscope"));
        QFile::remove(path);
        first.sessions()->save(path);
        QVERIFY(QFile::exists(path));

        MainWindow second;
        second.resize(1200, 800);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QSignalSpy restored(second.sessions(), &repscope::gui::SessionController::restored);
        drop(second, {path});
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, kTimeoutMs);
        QVERIFY2(restored.front().front().toString().isEmpty(), qPrintable(restored.front().front().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!second.isBusy(), kTimeoutMs);

        const SessionState back = second.sessions()->capture();
        QCOMPARE(back.files, saved.files);
        QVERIFY(back.focusA == saved.focusA);
        QVERIFY(back.focusB == saved.focusB);
        QCOMPARE(second.analysis()->focusA(), std::size_t{1});
        QCOMPARE(second.analysis()->focusB(), std::size_t{5});
        QCOMPARE(second.layerMatrixPanel()->metric(), QStringLiteral("rsa_pearson"));
        QCOMPARE(orderingCombo(second)->currentText(), QStringLiteral("by category"));
        QCOMPARE(second.selectionModel()->selection().indices(), (std::vector<std::size_t>{3, 5, 7}));
    }

private:
    QString a_;
    QString b_;
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
