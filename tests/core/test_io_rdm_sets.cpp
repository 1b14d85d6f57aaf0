// RDM sets as inputs (alignment.md, "Targets"): native kind = "rdm_set" datasets (full and
// condensed), rsatoolbox RDMs files with several rows, and pairwise ratings CSV files, including
// hostile CSV text (each bad row: one sentence naming the file and line, no crash).
#include <QFile>
#include <QtTest>
#include <cmath>

#include "repscope/collection.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;
using namespace repscope::test;

namespace {

QString openError(const QString& path) {
    try {
        (void)DataFile::open(path.toStdString());
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TestIoRdmSets : public QObject {
    Q_OBJECT
private slots:
    void nativeFullSet() {
        const auto f = DataFile::open(makeFixture("rdm_set_native.h5").toStdString());
        QCOMPARE(f->stimulusCount(), std::size_t{10});
        QCOMPARE(f->rdmSets().size(), std::size_t{1});
        const RdmSet& set = f->rdmSets().front();
        QCOMPARE(set.path, std::string("/brain/subjects"));
        QCOMPARE(set.subjects, (std::vector<std::string>{"s1", "s2", "s3", "s10"}));
        QCOMPARE(set.members.size(), std::size_t{4});
        QVERIFY(f->findRdmSet("brain/subjects/") == &set);
        const MatrixF m = set.members[1]->readAll();
        QCOMPARE(m.rows(), Eigen::Index{10});
        QVERIFY(std::isnan(m(2, 5)) && std::isnan(m(5, 2)));
        QCOMPARE(m(0, 0), 0.0f);
        QCOMPARE(m(3, 7), m(7, 3));
        QCOMPARE(set.members[1]->info().rdmSet, std::string("/brain/subjects"));
        QCOMPARE(set.members[1]->info().path, std::string("/brain/subjects/1"));
        // Member rows read in blocks agree with the whole matrix.
        QCOMPARE(set.members[3]->readRows(4, 3), MatrixF(set.members[3]->readAll().middleRows(4, 3)));
        // The models beside the set are ordinary representations; the set path explains itself.
        QCOMPARE(f->find("/model/layer1")->info().rdmSet, std::string());
        QCOMPARE(f->find("/model/rdm_sum")->info().kind, RepresentationKind::Rdm);
        try {
            (void)f->find("/brain/subjects");
            QFAIL("a set is not one representation");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("RDM set of 4 subjects"), e.what());
        }
    }

    void condensedSetInAGenericFile() {
        const auto f = DataFile::open(makeFixture("rdm_set_condensed.h5").toStdString());
        QCOMPARE(f->stimulusCount(), std::size_t{7});
        QCOMPARE(f->rdmSets().size(), std::size_t{1});
        const RdmSet& set = f->rdmSets().front();
        QCOMPARE(set.subjects, (std::vector<std::string>{"1", "2", "3"}));
        const MatrixF m = set.members[2]->readAll();
        QCOMPARE(m.rows(), Eigen::Index{7});
        QCOMPARE(m(1, 4), m(4, 1));
        QVERIFY(m(1, 4) > 0.0f);
    }

    void rsatoolboxRowsFormOneSet() {
        const auto f = DataFile::open(makeFixture("rsa_rdms_subjects.h5").toStdString());
        const RdmSet* set = f->findRdmSet("/dissimilarities");
        QVERIFY(set != nullptr);
        QCOMPARE(set->subjects.front(), std::string("sub-00"));
        QCOMPARE(set->members.size(), std::size_t{5});
        // Rows stay reachable one by one.
        QCOMPARE(f->find("/dissimilarities/3")->info().kind, RepresentationKind::Rdm);
        QCOMPARE(f->stimuli().labels.front(), std::string("stim00"));
        // A file with two rows and no subject descriptor: a set numbered 1, 2.
        const auto two = DataFile::open(makeFixture("rsa_rdms.h5").toStdString());
        QCOMPARE(two->rdmSets().front().subjects, (std::vector<std::string>{"1", "2"}));
    }

    void ratingsCsvRules() {
        const QString path = writeScratchFile("rules.csv",
                                       "subject,stimulus_a,stimulus_b,similarity\r\n"
                                       "a,x2,x10,1\r\n"
                                       "a,x10,x2,3\r\n"
                                       "\r\n"
                                       "a , x1 ,x2,5\r\n"
                                       "b,\"x1\",\"x10\",4\r\n"
                                       "b,x1,x2,+5.0e0\r\n");
        const auto f = DataFile::open(path.toStdString());
        QCOMPARE(f->layout(), Layout::Ratings);
        QCOMPARE(f->stimuli().labels, (std::vector<std::string>{"x1", "x2", "x10"}));
        const RdmSet* set = f->findRdmSet("/ratings");
        QVERIFY(set != nullptr);
        QCOMPARE(set->subjects, (std::vector<std::string>{"a", "b"}));
        // s_min = 1, s_max = 5: d = (5 − s) / 4; a's (x2, x10) averages 1 and 3.
        const MatrixF a = f->find("/ratings/a")->readAll();
        QCOMPARE(a(1, 2), 0.75f);
        QCOMPARE(a(2, 1), 0.75f);
        QCOMPARE(a(0, 1), 0.0f);
        QVERIFY(std::isnan(a(0, 2)));
        const MatrixF b = set->members[1]->readAll();
        QCOMPARE(b(0, 2), 0.25f);
        QVERIFY(std::isnan(b(1, 2)));
        QCOMPARE(b(1, 1), 0.0f);
        // A dissimilarity column is used as it is.
        const auto d = DataFile::open(writeScratchFile("dis.csv",
                                                "Subject,Stimulus_A,Stimulus_B,Dissimilarity\n"
                                                "s,p,q,0.3\ns,q,r,2\ns,p,r,7\n")
                                          .toStdString());
        QCOMPARE(d->find("/ratings/s")->readAll()(0, 2), 7.0f);
    }

    void ratingsAlignByLabelWithDropsReported() {
        Collection c;
        c.add(DataFile::open(makeFixture("ratings_models.h5").toStdString()));
        c.add(DataFile::open(makeFixture("ratings_similarity.csv").toStdString()));
        QCOMPARE(c.stimulusCount(), std::size_t{9});
        bool reported = false;
        for (const auto& line : c.alignmentReport()) {
            reported = reported || (QString::fromStdString(line).contains("1 of 10 stimuli") &&
                                    QString::fromStdString(line).contains("dropped"));
        }
        QVERIFY(reported);
        // The collection reads a subject's RDM in collection order, rows and columns alike.
        const RdmSet& set = c.files()[1]->rdmSets().front();
        const MatrixF m = c.read({set.members[0], 1});
        QCOMPARE(m.rows(), Eigen::Index{9});
        QCOMPARE(m.cols(), Eigen::Index{9});
        QCOMPARE(m(0, 0), 0.0f);
    }

    void badCsvIsOneSentenceWithLine_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray h = "subject,stimulus_a,stimulus_b,similarity\n";
        QTest::newRow("fields") << h + "a,x,y\n" << "line 2: expected 4 fields";
        QTest::newRow("too many") << h + "a,x,y,1\na,x,z,2,3\n" << "line 3: expected 4 fields";
        QTest::newRow("not a number") << h + "a,x,y,high\n" << "line 2: the similarity 'high'";
        QTest::newRow("nan") << h + "a,x,y,nan\n" << "line 2: the similarity 'nan' is not a finite";
        QTest::newRow("inf") << h + "a,x,y,1\na,x,z,-inf\n" << "line 3: the similarity '-inf'";
        QTest::newRow("trailing text") << h + "a,x,y,1.5x\n" << "line 2: the similarity '1.5x'";
        QTest::newRow("long value") << h + "a,x,y," + QByteArray(5000, '9') + "z\n"
                                    << "line 2: the similarity '999999999999999999";
        QTest::newRow("empty value") << h + "a,x,y,\n" << "line 2: the similarity ''";
        QTest::newRow("stray quote") << h + "a,x\"1,y,1\n" << "line 2: field 2 has a quote";
        QTest::newRow("unclosed quote") << h + "a,\"x,y,1\n" << "line 2: a quoted field is not closed";
        QTest::newRow("after quote") << h + "a,\"x\"z,y,1\n" << "line 2: text follows the closing";
        QTest::newRow("self pair") << h + "a,x,x,1\n" << "line 2: the stimulus 'x' is rated against";
        QTest::newRow("empty label") << h + "a,,y,1\n" << "line 2: a stimulus label is empty";
        QTest::newRow("empty subject") << h + ",x,y,1\n" << "line 2: the subject is empty";
        QTest::newRow("slash") << h + "a/b,x,y,1\n" << "line 2: the subject name contains '/'";
        QTest::newRow("header") << QByteArray("subj,a,b,sim\na,x,y,1\n") << "line 1: a pairwise ratings";
        QTest::newRow("triplets") << QByteArray("subject,a,b,c,odd_one_out\n") << "line 1: this is a file of odd-one-out";
        QTest::newRow("nul") << h + QByteArray("a,x,y,1\0\n", 9) << "line 2: the line holds a NUL";
        QTest::newRow("long line") << h + QByteArray(70000, 'x') + "\n" << "line 2: the line is longer";
        QTest::newRow("empty") << QByteArray() << "is empty";
        QTest::newRow("no ratings") << h << "has a header but no ratings";
        QTest::newRow("two stimuli") << h + "a,x,y,1\nb,y,x,2\n" << "only 2 stimuli";
        QTest::newRow("constant") << h + "a,x,y,1\na,x,z,1\na,y,z,1\n" << "the same similarity";
    }
    void badCsvIsOneSentenceWithLine() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = writeScratchFile(QStringLiteral("bad_%1.csv").arg(QTest::currentDataTag()).replace(' ', '_'), text);
        const QString error = openError(path);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains('\n'), qPrintable(error));
        QVERIFY2(error.size() < 400, "a value from the file is cut in the message");
    }

    void missingCsv() {
        const QString error = openError(scratchDir() + "/nope.csv");
        QVERIFY2(error.contains("cannot be opened"), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestIoRdmSets)
#include "test_io_rdm_sets.moc"
