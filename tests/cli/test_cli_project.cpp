// `repscope project`: PCA against numpy's SVD of the same file, MDS of a precomputed RDM,
// alignment, bad input.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

class TestCliProject : public QObject {
    Q_OBJECT
private slots:
    void pcaMatchesNumpy() {
        const QString f = makeFixture("native_users.h5");
        const auto r = runRepscope({"project", f + ":/cnn/conv1", "--method", "pca", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["method"].toString(), QStringLiteral("pca"));
        QCOMPARE(o["dims"].toInt(), 2);
        const QJsonArray coords = o["coords"].toArray();
        QCOMPARE(coords.size(), 24);
        const double t = o["trustworthiness"].toDouble();
        QVERIFY(t > 0.5 && t <= 1.0);
        // numpy: scores of the top two principal axes, up to the sign of each axis.
        const QString code =
            "import h5py, json, numpy as np; x=np.asarray(h5py.File('" + f +
            "','r')['cnn/conv1'][:],dtype=np.float64).reshape(24,-1); x-=x.mean(0);"
            "u,s,vt=np.linalg.svd(x,full_matrices=False); print(json.dumps((u[:,:2]*s[:2]).tolist()))";
        const auto py = runProcess(pythonExecutable(), {"-c", code});
        const QJsonArray want = QJsonDocument::fromJson(py.out.toUtf8()).array();
        QCOMPARE(want.size(), 24);
        for (int axis = 0; axis < 2; ++axis) {
            const double sign = coords[0].toArray()[axis].toDouble() *
                                        want[0].toArray()[axis].toDouble() < 0 ? -1.0 : 1.0;
            for (int i = 0; i < 24; ++i) {
                const double g = coords[i].toArray()[axis].toDouble();
                const double w = sign * want[i].toArray()[axis].toDouble();
                QVERIFY2(std::abs(g - w) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(g).arg(w)));
            }
        }
    }

    void mdsOfPrecomputedRdmAndAlignment() {
        const QString f = makeFixture("rsa_rdms.h5");
        const auto r = runRepscope({"project", f + ":/dissimilarities/1", "--method", "mds",
                                    "--align-to", f + ":/dissimilarities/0", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(o["trustworthiness"].isNull());
        QCOMPARE(o["coords"].toArray().size(), 6);
        // RDM 1 is RDM 0 doubled: aligned with scale, the two MDS configurations coincide.
        const auto ref = runRepscope({"project", f + ":/dissimilarities/0", "--method", "mds", "--json"});
        const QJsonArray a = o["coords"].toArray();
        const QJsonArray b = QJsonDocument::fromJson(ref.out.toUtf8()).object()["coords"].toArray();
        for (int i = 0; i < 6; ++i) {
            for (int k = 0; k < 2; ++k) {
                QVERIFY(std::abs(a[i].toArray()[k].toDouble() - b[i].toArray()[k].toDouble()) < 1e-6);
            }
        }
    }

    void badInput() {
        const QString f = makeFixture("native_users.h5");
        // t-SNE and UMAP draw 2 or 3 dimensions; PCA and MDS any K ≥ 1.
        const auto dims = runRepscope({"project", f + ":/cnn/conv1", "--method", "tsne", "--dims", "4", "--json"});
        QCOMPARE(dims.exitCode, 2);
        QVERIFY2(dims.err.contains("2 or 3"), qPrintable(dims.err));
        const auto zero = runRepscope({"project", f + ":/cnn/conv1", "--method", "pca", "--dims", "0", "--json"});
        QCOMPARE(zero.exitCode, 2);
        const auto five = runRepscope({"project", f + ":/cnn/conv1", "--method", "pca", "--dims", "5", "--json"});
        QCOMPARE(five.exitCode, 0);
        const QJsonObject o5 = QJsonDocument::fromJson(five.out.toUtf8()).object();
        QCOMPARE(o5["dims"].toInt(), 5);
        QCOMPARE(o5["coords"].toArray()[0].toArray().size(), 5);
        const auto method = runRepscope({"project", f + ":/cnn/conv1", "--method", "isomap", "--json"});
        QCOMPARE(method.exitCode, 2);
        QVERIFY(method.err.contains("isomap"));
        const auto perplexity = runRepscope({"project", f + ":/cnn/conv1", "--method", "tsne", "--json"});
        QVERIFY(perplexity.exitCode != 0);
        QVERIFY2(perplexity.err.contains("perplexity"), qPrintable(perplexity.err));
        QVERIFY(perplexity.out.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliProject)
#include "test_cli_project.moc"
