// `repscope evaluate` (alignment.md) on RDM sets written the way users write them (h5py native
// sets, rsatoolbox RDMs files, ratings CSV from Python's csv module) against a numpy/scipy
// implementation of the contract (tests/fixtures/alignment_reference.py evaluate_files), plus
// the plain refusals the contract asks for.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {

QJsonObject reference(const QStringList& args) {
    const QString script = sourceDir() + QStringLiteral("/tests/fixtures/alignment_reference.py");
    const auto r = runProcess(pythonExecutable(), QStringList{script, "evaluate_files"} + args);
    if (r.exitCode != 0) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QJsonObject runJson(const QStringList& args, QString* err = nullptr) {
    const auto r = runRepscope(args);
    if (r.exitCode != 0) qWarning() << r.err;
    if (err != nullptr) *err = r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

bool near(double a, double b, double tol = 1e-6) { return std::abs(a - b) <= tol; }

// Every model's numbers and the noise ceiling against the reference.
void compareWithReference(const QJsonObject& got, const QJsonObject& want) {
    QCOMPARE(got["n"].toInt(), want["n"].toInt());
    QCOMPARE(got["subjects"].toInt(), want["subjects"].toArray().size());
    QCOMPARE(got["subject_names"].toArray(), want["subjects"].toArray());
    const QJsonArray nc = want["noise_ceiling"].toArray();
    QVERIFY2(near(got["noise_ceiling"].toObject()["lower"].toDouble(), nc[0].toDouble()),
             qPrintable(QString::number(got["noise_ceiling"].toObject()["lower"].toDouble())));
    QVERIFY(near(got["noise_ceiling"].toObject()["upper"].toDouble(), nc[1].toDouble()));
    const QJsonObject models = want["models"].toObject();
    const QJsonArray list = got["models"].toArray();
    QCOMPARE(list.size(), models.size());
    for (const QJsonValue& v : list) {
        const QJsonObject m = v.toObject();
        const QJsonObject w = models[m["path"].toString().mid(1)].toObject();
        QVERIFY2(!w.isEmpty(), qPrintable(m["path"].toString()));
        const QJsonArray per = m["per_subject"].toArray();
        const QJsonArray wantPer = w["per_subject"].toArray();
        QCOMPARE(per.size(), wantPer.size());
        for (int s = 0; s < per.size(); ++s) {
            QVERIFY2(near(per[s].toDouble(), wantPer[s].toDouble()),
                     qPrintable(QStringLiteral("%1 subject %2: %3 vs %4").arg(m["path"].toString())
                                    .arg(s).arg(per[s].toDouble()).arg(wantPer[s].toDouble())));
        }
        for (const char* key : {"mean", "sem", "t", "p"}) {
            QVERIFY2(near(m[key].toDouble(), w[key].toDouble(), 1e-6 * std::max(1.0, std::abs(w[key].toDouble()))),
                     qPrintable(m["path"].toString() + " " + key));
        }
        QVERIFY(m["p_fdr"].toDouble() >= m["p"].toDouble());
        QVERIFY(!m.contains("ci95"));
    }
    const int k = list.size();
    QCOMPARE(got["pairwise"].toArray().size(), k * (k - 1) / 2);
}

}  // namespace

class TestCliEvaluate : public QObject {
    Q_OBJECT
private slots:
    void nativeSetMatchesScipy_data() {
        QTest::addColumn<QString>("comparator");
        for (const char* c : {"spearman", "pearson", "kendall_tau_a", "rho_a", "cosine", "corr_cov",
                              "cosine_cov"}) {
            QTest::newRow(c) << QString::fromLatin1(c);
        }
    }
    void nativeSetMatchesScipy() {
        QFETCH(QString, comparator);
        const QString f = makeFixture("rdm_set_native.h5");
        const QJsonObject got = runJson({"evaluate", f, "--target", f + ":/brain/subjects",
                                         "--comparator", comparator, "--json"});
        QCOMPARE(got["target"].toString(), f + ":/brain/subjects");
        QCOMPARE(got["comparator"].toString(), comparator);
        compareWithReference(got, reference({comparator, f, "model/layer1", "model/layer2",
                                             "model/rdm_sum:rdm", "--", f, "brain/subjects"}));
    }

    void rsatoolboxSetWithWhitenedComparators_data() {
        QTest::addColumn<QString>("comparator");
        for (const char* c : {"corr_cov", "cosine_cov", "spearman"}) QTest::newRow(c) << QString(c);
    }
    void rsatoolboxSetWithWhitenedComparators() {
        QFETCH(QString, comparator);
        const QString models = makeFixture("rdm_set_native.h5");
        const QString target = makeFixture("rsa_rdms_subjects.h5");
        const QJsonObject got = runJson({"evaluate", models, "--target", target + ":/dissimilarities",
                                         "--comparator", comparator, "--json"});
        compareWithReference(got, reference({comparator, models, "model/layer1", "model/layer2",
                                             "model/rdm_sum:rdm", "--", target, "dissimilarities"}));
        QCOMPARE(got["subject_names"].toArray().first().toString(), QStringLiteral("sub-00"));
    }

    void ratingsCsv_data() {
        QTest::addColumn<QString>("comparator");
        for (const char* c : {"pearson", "spearman", "kendall_tau_a"}) QTest::newRow(c) << QString(c);
    }
    void ratingsCsv() {
        QFETCH(QString, comparator);
        const QString models = makeFixture("ratings_models.h5");
        const QString ratings = makeFixture("ratings_similarity.csv");
        QString err;
        const QJsonObject got = runJson({"evaluate", models, "--target", ratings, "--comparator",
                                         comparator, "--json"}, &err);
        QCOMPARE(got["target"].toString(), ratings + ":/ratings");
        QVERIFY2(err.contains("1 of 10 stimuli") && err.contains("dropped"), qPrintable(err));
        compareWithReference(got, reference({comparator, models, "net/conv", "net/fc",
                                             "net/rdm_coarse:rdm", "--", ratings}));
    }

    void npyArrays_data() {
        QTest::addColumn<QString>("comparator");
        for (const char* c : {"spearman", "pearson", "corr_cov"}) QTest::newRow(c) << QString(c);
    }
    void npyArrays() {
        // A square RDM (float64, numpy.save) against an (S, N, N) set (big-endian float32,
        // format 2.0, one NaN pair): stimuli matched by position.
        QFETCH(QString, comparator);
        const QString model = makeFixture("npy_rdm.npy");
        const QString set = makeFixture("npy_rdm_set.npy");
        const QJsonObject got = runJson({"evaluate", model, "--target", set + ":/rdms",
                                         "--comparator", comparator, "--json"});
        QCOMPARE(got["target"].toString(), set + ":/rdms");
        compareWithReference(got, reference({comparator, model, "--", set}));
    }

    void matlabFiles_data() {
        QTest::addColumn<QString>("comparator");
        QTest::addColumn<QString>("target");
        for (const char* c : {"spearman", "pearson", "corr_cov"}) {
            QTest::newRow((std::string(c) + " v5").c_str()) << QString(c) << "mat_subjects.mat";
            QTest::newRow((std::string(c) + " v7.3").c_str()) << QString(c) << "mat_subjects73.mat";
        }
    }
    void matlabFiles() {
        // Models from a .mat (a representation and an RSA toolbox struct array of two model
        // RDMs, each a model) against the subjects' struct array, v5 (compressed) or v7.3 (h5py,
        // MATLAB's layout), one NaN pair; the reference reads the same data with scipy.io.loadmat.
        QFETCH(QString, comparator);
        QFETCH(QString, target);
        const QString models = makeFixture("mat_models.mat");
        const QString set = makeFixture(target);
        const QJsonObject got = runJson({"evaluate", models, "--target", set + ":/RDMs",
                                         "--comparator", comparator, "--json"});
        QCOMPARE(got["target"].toString(), set + ":/RDMs");
        compareWithReference(got, reference({comparator, models, "features", "models/gabor",
                                             "models/semantic", "--",
                                             makeFixture("mat_subjects.mat"), "RDMs"}));
        // The same subjects as the target of their own file: its struct array is no model.
        const QJsonObject self = runJson({"evaluate", models, set, "--target", set + ":/RDMs",
                                          "--comparator", comparator, "--json"});
        QCOMPARE(self["models"].toArray().size(), 3);
    }

    void bootstrapIsSeeded() {
        const QString f = makeFixture("rdm_set_native.h5");
        const QStringList args{"evaluate", f, "--target", f + ":/brain/subjects", "--comparator",
                               "spearman", "--bootstrap", "100", "--seed", "3", "--json",
                               "--select", "/model/layer*"};
        const QJsonObject a = runJson(args);
        const QJsonObject b = runJson(args);
        QCOMPARE(a["models"].toArray().size(), 2);
        for (int m = 0; m < 2; ++m) {
            const QJsonObject ma = a["models"].toArray()[m].toObject();
            const QJsonArray ci = ma["ci95"].toArray();
            QCOMPARE(ci.size(), 2);
            QCOMPARE(ci, b["models"].toArray()[m].toObject()["ci95"].toArray());
            QVERIFY(ci[0].toDouble() <= ma["mean"].toDouble() && ma["mean"].toDouble() <= ci[1].toDouble());
        }
        const QJsonObject s = runJson(QStringList(args) << "--bootstrap-stimuli");
        QCOMPARE(s["models"].toArray()[0].toObject()["ci95"].toArray().size(), 2);
    }

    void oneSubjectStillEvaluates() {
        const QString csv = QDir(scratchDir()).filePath("one_subject.csv");
        QFile out(csv);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("subject,stimulus_a,stimulus_b,dissimilarity\n"
                  "only,stim01,stim02,1\nonly,stim01,stim03,2\nonly,stim02,stim03,2.5\n"
                  "only,stim01,stim04,0.5\nonly,stim02,stim04,3\nonly,stim03,stim04,1\n");
        out.close();
        QString err;
        const QJsonObject o = runJson({"evaluate", makeFixture("ratings_models.h5"), "--target", csv,
                                       "--comparator", "pearson", "--json"}, &err);
        QVERIFY(o["noise_ceiling"].isNull());
        QCOMPARE(o["subjects"].toInt(), 1);
        QVERIFY2(err.contains("no noise ceiling"), qPrintable(err));
        const QJsonObject m = o["models"].toArray()[0].toObject();
        QCOMPARE(m["per_subject"].toArray().size(), 1);
        QVERIFY(m["sem"].isNull() && m["p"].isNull());
    }

    void refusals() {
        const QString f = makeFixture("rdm_set_native.h5");
        const QString models = makeFixture("ratings_models.h5");
        // A target that shares fewer than 3 stimuli with the models.
        const QString csv = QDir(scratchDir()).filePath("two_shared.csv");
        QFile out(csv);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("subject,stimulus_a,stimulus_b,similarity\n"
                  "s,stim01,stim02,1\ns,stim01,zz,2\ns,stim02,zz,3\n"
                  "t,stim01,stim02,1\nt,stim01,zz,2\nt,stim02,zz,3\n");
        out.close();
        auto r = runRepscope({"evaluate", models, "--target", csv, "--comparator", "pearson"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("shares 2 stimuli") && r.err.contains("at least 3"), qPrintable(r.err));
        // A single RDM is not a set.
        r = runRepscope({"evaluate", f, "--target", f + ":/model/rdm_sum", "--comparator", "pearson"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is a single RDM, not an RDM set"), qPrintable(r.err));
        // Parameters.
        r = runRepscope({"evaluate", f, "--target", f + ":/brain/subjects"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--comparator"), qPrintable(r.err));
        r = runRepscope({"evaluate", f, "--target", f + ":/brain/subjects", "--comparator", "tau"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("rho_a"), qPrintable(r.err));
        r = runRepscope({"evaluate", f, "--target", f + ":/brain/subjects", "--comparator",
                         "pearson", "--bootstrap-stimuli"});
        QCOMPARE(r.exitCode, 2);
        // A damaged ratings file: one line naming the file and line.
        const QString bad = QDir(scratchDir()).filePath("bad_ratings.csv");
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("subject,stimulus_a,stimulus_b,similarity\ns,stim01,stim02,3\ns,stim01,stim03,n/a\n");
        b.close();
        r = runRepscope({"evaluate", models, "--target", bad, "--comparator", "pearson"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bad + " line 3") && r.err.count('\n') == 1, qPrintable(r.err));
        // Text output and help.
        r = runRepscope({"evaluate", f, "--target", f + ":/brain/subjects", "--comparator", "pearson"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("noise ceiling: lower") && r.out.contains(f + ":/model/layer1"),
                 qPrintable(r.out));
        QVERIFY(runRepscope({"evaluate", "--help"}).out.contains("--bootstrap-stimuli"));
        QVERIFY(runRepscope({"--help"}).out.contains("evaluate"));
        QVERIFY(runRepscope({"metrics"}).out.contains("rho_a\n    Spearman rho without tie"));
    }

    void infoListsARatingsFile() {
        const auto r = runRepscope({"info", makeFixture("ratings_similarity.csv"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["layout"].toString(), QStringLiteral("ratings"));
        QCOMPARE(o["stimuli"].toInt(), 10);
        QCOMPARE(o["representations"].toArray().size(), 3);
        QCOMPARE(o["representations"].toArray()[0].toObject()["path"].toString(),
                 QStringLiteral("/ratings/p1"));
        QCOMPARE(o["representations"].toArray()[0].toObject()["rdm_set"].toString(),
                 QStringLiteral("/ratings"));
        const QJsonObject set = o["rdm_sets"].toArray()[0].toObject();
        QCOMPARE(set["path"].toString(), QStringLiteral("/ratings"));
        QCOMPARE(set["subjects"].toArray(), QJsonArray({"p1", "p2", "p10"}));
        const auto text = runRepscope({"info", makeFixture("rdm_set_native.h5")});
        QVERIFY2(text.out.contains("RDM set /brain/subjects: 4 subjects"), qPrintable(text.out));
    }
};

QTEST_APPLESS_MAIN(TestCliEvaluate)
#include "test_cli_evaluate.moc"
