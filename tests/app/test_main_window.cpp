// The main window: opening files in the background, the Data panel's tree and metadata, drops,
// and bad files (error dialog, nothing already open is lost, the app keeps working).
#include <QAbstractItemModel>
#include <QCheckBox>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

#include "gui/main_window.h"
#include "gui/session/recent_files.h"
#include "repscope/demo.h"
#include "repscope/probe.h"
#include "repscope/views/data_panel.h"
#include "test_support.h"

using repscope::gui::MainWindow;
using repscope::views::DataPanel;

namespace {

constexpr int kTimeoutMs = 60000;

QString fixture(const char* name) { return repscope::test::makeFixture(QString::fromLatin1(name)); }

QString cell(const QAbstractItemModel* model, const QModelIndex& parent, int row, int column) {
    return model->index(row, column, parent).data().toString();
}

QStringList childNames(const QAbstractItemModel* model, const QModelIndex& parent) {
    QStringList names;
    for (int r = 0; r < model->rowCount(parent); ++r) names << cell(model, parent, r, DataPanel::NameColumn);
    return names;
}

QStringList topLevelNames(const MainWindow& w) { return childNames(w.dataModel(), {}); }

// The newest visible error dialog of the window, or nullptr.
QMessageBox* errorDialog(const MainWindow& w) {
    const auto boxes = w.findChildren<QMessageBox*>(QStringLiteral("repscopeErrorDialog"));
    for (auto it = boxes.rbegin(); it != boxes.rend(); ++it) {
        if ((*it)->isVisible()) return *it;
    }
    return nullptr;
}

QString demoPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("demo-v%1.h5").arg(repscope::demo::kDemoVersion));
}

void closeErrorDialogs(const MainWindow& w) {
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("repscopeErrorDialog"))) box->close();
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test"));
        // As the app does: every file is walked in a child process before it is opened here.
        repscope::ProbeSettings probe;
        probe.executable = REPSCOPE_BINARY;
        repscope::enableProbe(probe);
        // Written once up front so that the tests below only wait for RepScope.
        for (const char* name : {"native_basic.h5", "native_basic_copy.h5", "not_hdf5.h5", "truncated.h5",
                                 "empty.h5", "generic_30.h5", "native_rdm.h5"}) {
            QVERIFY(!fixture(name).isEmpty());
        }
    }

    void init() { repscope::gui::RecentFiles::clear(); }

    void opensFileAndShowsModelsAndLayers() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({fixture("native_basic.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);

        const QAbstractItemModel* model = w.dataModel();
        QCOMPARE(topLevelNames(w), QStringList{QStringLiteral("native_basic.h5")});
        const QModelIndex file = model->index(0, 0);
        QCOMPARE(cell(model, {}, 0, DataPanel::ShapeColumn), QStringLiteral("40 stimuli"));
        QCOMPARE(childNames(model, file), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
        const QStringList layers{QStringLiteral("layer1"), QStringLiteral("layer2"), QStringLiteral("layer10"),
                                 QStringLiteral("fc")};
        const QStringList shapes{QStringLiteral("40 × 8"), QStringLiteral("40 × 12"), QStringLiteral("40 × 5"),
                                 QStringLiteral("40 × 3")};
        int layerRows = 0;
        for (int m = 0; m < model->rowCount(file); ++m) {
            const QModelIndex modelIndex = model->index(m, 0, file);
            QCOMPARE(childNames(model, modelIndex), layers);
            for (int l = 0; l < model->rowCount(modelIndex); ++l) {
                QCOMPARE(cell(model, modelIndex, l, DataPanel::ShapeColumn), shapes[l]);
                QCOMPARE(cell(model, modelIndex, l, DataPanel::TypeColumn), QStringLiteral("float32"));
                ++layerRows;
            }
        }
        QCOMPARE(layerRows, 8);
        // layer2 is stored as 40 × 4 × 3: the tooltip gives the stored shape and the path.
        const QString tip = model->index(1, 0, model->index(0, 0, file)).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("40 × 4 × 3")) && tip.contains(QStringLiteral("/alpha/layer2")),
                 qPrintable(tip));

        QVERIFY(w.windowTitle().startsWith(QStringLiteral("RepScope — native_basic.h5")));
        const QString meta = w.dataPanel()->metadataText();
        for (const char* expected : {"40 stimuli", "stim00", "category", "animal (10)", "scene (10)",
                                     "Thumbnails: 4 × 4"}) {
            QVERIFY2(meta.contains(QString::fromUtf8(expected)), qPrintable(expected + (": " + meta)));
        }
        const auto* summary = w.findChild<QLabel*>(QStringLiteral("collectionSummary"));
        QVERIFY(summary != nullptr);
        QVERIFY2(summary->text().contains(QStringLiteral("1 file · 40 stimuli · 8 representations")),
                 qPrintable(summary->text()));
        QTRY_VERIFY(!w.isBusy());
    }

    void dropAddsSecondFile() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({fixture("native_basic.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixture("native_basic_copy.h5"))});
        const QPoint pos = w.rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        QVERIFY(drop.isAccepted());

        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kTimeoutMs);
        QCOMPARE(topLevelNames(w),
                 (QStringList{QStringLiteral("native_basic.h5"), QStringLiteral("native_basic_copy.h5")}));
        const QModelIndex second = w.dataModel()->index(1, 0);
        QCOMPARE(childNames(w.dataModel(), second), QStringList{QStringLiteral("gamma")});
        QCOMPARE(w.collection().stimulusCount(), std::size_t{40});
        QVERIFY(w.windowTitle().contains(QStringLiteral("native_basic_copy.h5")));
    }

    void dropOfNonFilesIsRefused() {
        MainWindow w;
        QMimeData mime;
        mime.setText(QStringLiteral("not a file"));
        QDragEnterEvent enter(w.rect().center(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.ignore();
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
    }

    void brokenFileShowsErrorAndKeepsWhatIsOpen_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("not HDF5") << QStringLiteral("not_hdf5.h5");
        QTest::newRow("truncated") << QStringLiteral("truncated.h5");
        QTest::newRow("empty") << QStringLiteral("empty.h5");
        QTest::newRow("N mismatch") << QStringLiteral("generic_30.h5");
        QTest::newRow("HDF5 crashes on it") << QStringLiteral("gheap_crash.h5");
    }
    void brokenFileShowsErrorAndKeepsWhatIsOpen() {
        QFETCH(QString, name);
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openFiles({fixture("native_basic.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);

        w.openFiles({repscope::test::makeFixture(name)});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(name), qPrintable(message));
        QTRY_VERIFY(errorDialog(w) != nullptr);
        QCOMPARE(errorDialog(w)->text(), message);
        QCOMPARE(errorDialog(w)->icon(), QMessageBox::Critical);

        // What was open stays, and the window keeps working.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(topLevelNames(w), QStringList{QStringLiteral("native_basic.h5")});
        QCOMPARE(w.collection().files().size(), std::size_t{1});
        closeErrorDialogs(w);
        w.openFiles({fixture("native_basic_copy.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kTimeoutMs);
        QCOMPARE(topLevelNames(w).size(), 2);
    }

    // A damaged file dropped with good ones: the good ones open, the damaged one is named, and
    // the window (this process) survives what crashes HDF5.
    void damagedFileAmongGoodOnes() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openFiles({fixture("native_basic.h5"), repscope::test::makeFixture(QStringLiteral("gheap_crash.h5")),
                     fixture("native_basic_copy.h5")});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("gheap_crash.h5 is damaged: reading its structure made the "
                                                 "HDF5 library fail")),
                 qPrintable(message));
        QTRY_VERIFY(errorDialog(w) != nullptr);
        QCOMPARE(errorDialog(w)->textFormat(), Qt::PlainText);
        QCOMPARE(topLevelNames(w),
                 (QStringList{QStringLiteral("native_basic.h5"), QStringLiteral("native_basic_copy.h5")}));
        closeErrorDialogs(w);
    }

    // A file whose only data lies behind a link outside its folder: the dialog offers to follow
    // it, and checking the box opens the file with it.
    void linksOutsideAreOfferedInTheDialog() {
        const QString main = repscope::test::makeFixture(QStringLiteral("outside_only/outside_only.h5"));
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openFiles({main});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("outside the file's folder")),
                 qPrintable(failed.at(0).at(0).toString()));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = w.findChild<QMessageBox*>(QStringLiteral("repscopeLinksOutsideDialog"))) != nullptr);
        QVERIFY(box->checkBox() != nullptr);
        QCOMPARE(changed.count(), 0);
        box->checkBox()->setChecked(true);
        box->accept();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QCOMPARE(w.collection().representations().size(), std::size_t{1});
    }

    void severalFilesOpenIndependently() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openFiles({fixture("native_basic.h5"), fixture("not_hdf5.h5"), fixture("native_basic_copy.h5"),
                     fixture("truncated.h5")});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(failed.count(), 2);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("not_hdf5.h5")));
        QVERIFY(failed.at(1).at(0).toString().contains(QStringLiteral("truncated.h5")));
        // One dialog lists both failures.
        QTRY_VERIFY(errorDialog(w) != nullptr);
        QCOMPARE(w.findChildren<QMessageBox*>(QStringLiteral("repscopeErrorDialog")).size(), 1);
        QVERIFY(errorDialog(w)->text().contains(QStringLiteral("not_hdf5.h5")));
        QVERIFY(errorDialog(w)->text().contains(QStringLiteral("truncated.h5")));
        QCOMPARE(topLevelNames(w),
                 (QStringList{QStringLiteral("native_basic.h5"), QStringLiteral("native_basic_copy.h5")}));
    }

    void fileAlreadyOpenIsNotAddedTwice() {
        MainWindow w;
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({fixture("native_basic.h5"), fixture("native_basic.h5")});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        w.openFiles({fixture("native_basic.h5")});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(w.collection().files().size(), std::size_t{1});
    }

    void precomputedRdmIsMarked() {
        MainWindow w;
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({fixture("native_rdm.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        const QAbstractItemModel* model = w.dataModel();
        const QModelIndex file = model->index(0, 0);
        const QStringList models = childNames(model, file);
        const int brain = static_cast<int>(models.indexOf(QStringLiteral("brain")));
        const int net = static_cast<int>(models.indexOf(QStringLiteral("model")));
        QVERIFY2(brain >= 0 && net >= 0, qPrintable(models.join(',')));
        const QModelIndex brainIndex = model->index(brain, 0, file);
        QCOMPARE(cell(model, brainIndex, 0, DataPanel::NameColumn), QStringLiteral("it"));
        QCOMPARE(cell(model, brainIndex, 0, DataPanel::ShapeColumn), QStringLiteral("12 × 12"));
        QVERIFY(cell(model, brainIndex, 0, DataPanel::TypeColumn).contains(QStringLiteral("RDM")));
        const QModelIndex netIndex = model->index(net, 0, file);
        for (int r = 0; r < model->rowCount(netIndex); ++r) {
            QVERIFY(!cell(model, netIndex, r, DataPanel::TypeColumn).contains(QStringLiteral("RDM")));
        }
    }

    void demoIsPreparedInTheBackgroundAndCanBeCancelled() {
        QFile::remove(demoPath());
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openDemo();
        QVERIFY(w.isBusy());  // returned at once: training runs on the worker
        auto* cancel = w.findChild<QPushButton*>(QStringLiteral("activityCancel"));
        QVERIFY(cancel != nullptr);
        QTRY_VERIFY(cancel->isVisible());
        // Training takes about 1.5 s here; on a loaded machine it may be over before the click,
        // and then the complete file it renamed into place stays as the cache.
        const bool finishedFirst = QFileInfo::exists(demoPath());
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), kTimeoutMs);
        QVERIFY(!cancel->isVisible());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(failed.count(), 0);
        QVERIFY(w.collection().files().empty());
        // Cancelled during training: nothing written. Never a partial file.
        if (!finishedFirst) QVERIFY(!QFileInfo::exists(demoPath()));
        const QFileInfo demo(demoPath());
        QVERIFY2(demo.dir().entryList({demo.fileName() + QStringLiteral(".tmp-*")}, QDir::Files | QDir::Hidden).isEmpty(),
                 "a partial demo file was left behind");
    }

    void demoOpens() {
        MainWindow w;
        w.show();
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openDemo();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5 * kTimeoutMs);
        QCOMPARE(topLevelNames(w), QStringList{QFileInfo(demoPath()).fileName()});
        QVERIFY(w.collection().stimulusCount() > 1000);
        QVERIFY(w.dataModel()->rowCount(w.dataModel()->index(0, 0)) >= 2);
    }

    void openedFilesAreRememberedAndCanBeClosed() {
        MainWindow w;
        QSignalSpy changed(&w, &MainWindow::collectionChanged);
        w.openFiles({fixture("native_basic.h5")});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
        QCOMPARE(repscope::gui::RecentFiles::paths(), QStringList{fixture("native_basic.h5")});

        emit w.dataPanel()->closeFileRequested(0);
        QCOMPARE(changed.count(), 2);
        QVERIFY(w.collection().files().empty());
        QCOMPARE(w.dataModel()->rowCount(), 0);
        QCOMPARE(w.windowTitle(), QStringLiteral("RepScope"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
