// `repscope rdm` against numpy/scipy computing the same RDM from the same file (independent
// float64 implementation), plus output files, NaN policy and no partial output on errors.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {

// scipy's pdist in float64 on the file's data, condensed (i<j row-major), as JSON.
QJsonArray scipyUpper(const QString& file, const QString& path, const QString& measure) {
    const QString metric = measure == "euclidean" ? "euclidean"
                           : measure == "sqeuclidean" ? "sqeuclidean"
                           : measure;  // correlation, cosine: 1 - r, 1 - cos
    const QString code =
        "import h5py, json, numpy as np; from scipy.spatial.distance import pdist;"
        "x=np.asarray(h5py.File('" + file + "','r')['" + path + "'][:], dtype=np.float64);"
        "x=x.reshape(len(x), -1); print(json.dumps(pdist(x, '" + metric + "').tolist()))";
    const auto r = runProcess(pythonExecutable(), {"-c", code});
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

}  // namespace

class TestCliRdm : public QObject {
    Q_OBJECT
private slots:
    void matchesScipy_data() {
        QTest::addColumn<QString>("measure");
        for (const char* m : {"correlation", "cosine", "euclidean", "sqeuclidean"}) {
            QTest::newRow(m) << QString::fromLatin1(m);
        }
    }
    void matchesScipy() {
        QFETCH(QString, measure);
        const QString file = makeFixture("native_users.h5");  // random normal conv layer
        const auto r = runRepscope({"rdm", file + ":/cnn/conv1", "--measure", measure, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["measure"].toString(), measure);
        QCOMPARE(o["n"].toInt(), 24);
        const QJsonArray got = o["upper"].toArray();
        const QJsonArray want = scipyUpper(file, "/cnn/conv1", measure);
        QCOMPARE(got.size(), 24 * 23 / 2);
        QCOMPARE(want.size(), got.size());
        for (int k = 0; k < got.size(); ++k) {
            const double g = got[k].toDouble();
            const double w = want[k].toDouble();
            QVERIFY2(std::abs(g - w) <= 1e-4 * std::max(1.0, std::abs(w)),
                     qPrintable(QStringLiteral("entry %1: %2 vs scipy %3").arg(k).arg(g).arg(w)));
        }
    }

    void rsatoolboxOutputReadsBack() {
        const QString file = makeFixture("native_users.h5");
        const QString out = QDir(scratchDir()).filePath("conv1_rsa.h5");
        const auto r = runRepscope({"rdm", file + ":/cnn/conv1", "--out", out, "--format",
                                    "rsatoolbox"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString code =
            "import h5py, numpy as np; from scipy.spatial.distance import pdist;"
            "f=h5py.File('" + out + "','r'); d=f['dissimilarities'][:];"
            "assert f.attrs['type']=='RDMs' and f.attrs['dissimilarity_measure']=='correlation';"
            "assert [s.decode() for s in f['pattern_descriptors/labels'][:3]]==['img_0','img_1','img_2'];"
            "x=np.asarray(h5py.File('" + file + "','r')['cnn/conv1'][:],dtype=np.float64).reshape(24,-1);"
            "print(float(np.abs(d[0]-pdist(x,'correlation')).max()), d.shape)";
        const auto py = runProcess(pythonExecutable(), {"-c", code});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        const QStringList parts = py.out.trimmed().split(' ');
        QVERIFY2(parts.value(0).toDouble() < 1e-5, qPrintable(py.out));
        QVERIFY(py.out.contains("(1, 276)"));
        // RepScope reads its own rsatoolbox output back as a precomputed RDM.
        const auto info = runRepscope({"info", out, "--json"});
        const QJsonObject o = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(o["layout"].toString(), QStringLiteral("rsatoolbox"));
        QCOMPARE(o["representations"].toArray()[0].toObject()["kind"].toString(),
                 QStringLiteral("rdm"));
    }

    void nanPolicy() {
        const QString file = makeFixture("with_nan.h5");
        const QString out = QDir(scratchDir()).filePath("nan_rdm.h5");
        const auto err = runRepscope({"rdm", file + ":/net/layer1", "--out", out});
        QCOMPARE(err.exitCode, 1);
        QVERIFY2(err.err.contains("2 NaN/Inf values in 2 stimuli") && err.err.contains("/net/layer1"),
                 qPrintable(err.err));
        QVERIFY2(!QFile::exists(out), "no output file after an error");
        QCOMPARE(QDir(scratchDir()).entryList({"nan_rdm*"}).size(), 0);
        const auto drop = runRepscope({"rdm", file + ":/net/layer1", "--nan-policy", "drop", "--json"});
        QCOMPARE(drop.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(drop.out.toUtf8()).object()["n"].toInt(), 8);
        QVERIFY(drop.err.contains("dropped 2 of 10"));
    }

    void labelsAndMissingPairs() {
        // alignment.md: labels whenever the stimuli are labelled; a pair a precomputed RDM lacks
        // (a subject of an RDM set) is null, not an error.
        const QString set = makeFixture("rdm_set_native.h5");
        auto r = runRepscope({"rdm", set + ":/brain/subjects/1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["labels"].toArray().size(), 10);
        QCOMPARE(o["labels"].toArray()[3].toString(), QStringLiteral("stim03"));
        const QJsonArray upper = o["upper"].toArray();
        QCOMPARE(upper.size(), 45);
        // (2, 5) in scipy's squareform order: 2·10 − 2·3/2 + (5 − 2 − 1) = 19
        for (int k = 0; k < upper.size(); ++k) QCOMPARE(upper[k].isNull(), k == 19);
        // A ratings subject: labels in natural order, unrated pairs null.
        r = runRepscope({"rdm", makeFixture("ratings_similarity.csv") + ":/ratings/p1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["labels"].toArray().first().toString(), QStringLiteral("not, in h5"));
        QCOMPARE(o["labels"].toArray()[1].toString(), QStringLiteral("stim01"));
        int nulls = 0;
        for (const QJsonValue& v : o["upper"].toArray()) nulls += v.isNull() ? 1 : 0;
        QVERIFY(nulls > 0);
        // No labels in the file: no "labels" field.
        r = runRepscope({"rdm", makeFixture("generic_30.h5") + ":/acts", "--measure", "euclidean",
                         "--json"});
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).object().contains("labels"));
    }

    void badArguments() {
        const QString file = makeFixture("native_users.h5");
        const auto measure = runRepscope({"rdm", file + ":/cnn/conv1", "--measure", "manhattan", "--json"});
        QCOMPARE(measure.exitCode, 2);
        QVERIFY(measure.err.contains("manhattan"));
        const auto strings = runRepscope({"rdm", makeFixture("strings_layer.h5") + ":/model/words", "--json"});
        QCOMPARE(strings.exitCode, 1);
        QVERIFY(strings.err.contains("strings, not numbers"));
        const auto noPath = runRepscope({"rdm", file, "--json"});
        QCOMPARE(noPath.exitCode, 2);
        QVERIFY(noPath.err.contains("FILE:/model/layer"));
    }
};

QTEST_APPLESS_MAIN(TestCliRdm)
#include "test_cli_rdm.moc"
