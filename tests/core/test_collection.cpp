// Several files over one stimulus set: by index when N matches, by label when both have labels.
#include <QtTest>

#include "repscope/collection.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;

namespace {
DataFilePtr openFixture(const char* name) {
    return DataFile::open(test::makeFixture(QString::fromLatin1(name)).toStdString());
}
}  // namespace

class TestCollection : public QObject {
    Q_OBJECT
private slots:
    void equalLabelsAlignAll() {
        Collection c;
        c.add(openFixture("native_basic.h5"));
        c.add(openFixture("native_basic_copy.h5"));
        QCOMPARE(c.stimulusCount(), std::size_t{40});
        QVERIFY(c.alignmentReport().empty());
        QCOMPARE(c.representations().size(), std::size_t{12});
    }

    void alignByLabelReportsDrops() {
        Collection c;
        c.add(openFixture("native_basic.h5"));
        c.add(openFixture("native_subset_shuffled.h5"));
        // stim05..stim34 are shared; 10 of the first file's and 5 extras are dropped.
        QCOMPARE(c.stimulusCount(), std::size_t{30});
        QCOMPARE(c.stimuli().labels.front(), std::string("stim05"));
        QCOMPARE(c.stimuli().labels.back(), std::string("stim34"));
        QCOMPARE(c.alignmentReport().size(), std::size_t{2});
        const QString report = QString::fromStdString(c.alignmentReport()[0] + c.alignmentReport()[1]);
        QVERIFY2(report.contains("5 of 35") && report.contains("10 of 40"), qPrintable(report));
        QVERIFY(c.stimuli().column("animacy") != nullptr);  // joined from the second file
        // The second file's rows come back in the collection's order: column 0 = stimulus number.
        for (const auto& e : c.representations()) {
            if (e.fileIndex != 1) continue;
            const MatrixF m = c.read(e);
            QCOMPARE(m.rows(), Eigen::Index{30});
            for (Eigen::Index k = 0; k < m.rows(); ++k) QCOMPARE(m(k, 0), float(5 + k));
        }
        // ... and the first file's rows are the matching subset (seed 10 + i + j/1000).
        const MatrixF first = c.read(c.representations()[0]);
        QCOMPARE(first(0, 0), 15.0f);
    }

    void equalNWithoutLabelsAlignsByIndex() {
        Collection c;
        c.add(openFixture("native_basic.h5"));
        c.add(openFixture("native_nolabels_40.h5"));
        QCOMPARE(c.stimulusCount(), std::size_t{40});
    }

    void mismatchIsAnErrorAndChangesNothing() {
        Collection c;
        c.add(openFixture("native_nolabels_40.h5"));
        const auto before = c.representations().size();
        try {
            c.add(openFixture("generic_30.h5"));
            QFAIL("N mismatch must throw");
        } catch (const AlignmentError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("30 stimuli") && msg.contains("40") &&
                         msg.contains("generic_30.h5"),
                     e.what());
        }
        QCOMPARE(c.representations().size(), before);
        QCOMPARE(c.files().size(), std::size_t{1});
    }

    void removeRecomputes() {
        Collection c;
        c.add(openFixture("native_basic.h5"));
        c.add(openFixture("native_subset_shuffled.h5"));
        c.remove(1);
        QCOMPARE(c.stimulusCount(), std::size_t{40});
        QVERIFY(c.alignmentReport().empty());
    }
};

QTEST_APPLESS_MAIN(TestCollection)
#include "test_collection.moc"
