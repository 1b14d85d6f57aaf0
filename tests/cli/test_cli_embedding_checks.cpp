// `repscope compat`, `prefix` and `spectrum` (embedding-checks.md) on files h5py writes, against
// the numpy reference of the contract's formulas (tests/fixtures/embedding_reference.py), with
// the JSON field names of the contract and the refusals the issue asks for.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <cmath>

#include "test_support.h"

using namespace repscope::test;

namespace {

QString script() { return sourceDir() + QStringLiteral("/tests/fixtures/embedding_reference.py"); }

QString writeFile(const QString& kind, const QString& name) {
    const QString path = scratchDir() + "/" + name;
    if (QFile::exists(path)) return path;
    const auto r = runProcess(pythonExecutable(), {script(), kind, path});
    if (r.exitCode != 0) throw std::runtime_error(("embedding_reference.py failed: " + r.err).toStdString());
    return path;
}

QString dataFile() { return writeFile("write", "embeddings.h5"); }

QJsonObject reference(const QStringList& args) {
    const auto r = runProcess(pythonExecutable(), QStringList{script()} + args);
    if (r.exitCode != 0) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QJsonObject runJson(const QStringList& args) {
    const auto r = runRepscope(args);
    if (r.exitCode != 0) qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QStringList keys(const QJsonObject& o) {
    QStringList k = o.keys();
    k.sort();
    return k;
}

void nearOrBothNull(const QJsonValue& got, const QJsonValue& want, const QString& what, double tol = 1e-4) {
    if (want.isNull()) {
        QVERIFY2(got.isNull(), qPrintable(what));
        return;
    }
    QVERIFY2(std::abs(got.toDouble() - want.toDouble()) <= tol,
             qPrintable(QString("%1: %2 vs %3").arg(what).arg(got.toDouble()).arg(want.toDouble())));
}

void compareCompat(const QJsonObject& got, const QJsonObject& want) {
    QCOMPARE(keys(got), (QStringList{"align", "compatible", "labels", "n", "new", "new_new", "new_old",
                                     "old", "old_old", "update_gain"}));
    QCOMPARE(got["n"].toInt(), want["n"].toInt());
    for (const char* side : {"old_old", "new_new", "new_old", "update_gain"}) {
        const QJsonObject g = got[side].toObject();
        const QJsonObject w = want[side].toObject();
        QCOMPARE(keys(g), keys(w));
        for (const QString& k : w.keys()) nearOrBothNull(g[k], w[k], QString(side) + "." + k);
    }
    QCOMPARE(got["compatible"].toObject(), want["compatible"].toObject());
}

}  // namespace

class TestCliEmbeddingChecks : public QObject {
    Q_OBJECT
private slots:
    void compatMatchesNumpy() {
        const QString f = dataFile();
        const QJsonObject got = runJson({"compat", f + ":/emb/old", f + ":/emb/new", "--labels",
                                         "category", "--k", "1,5,10", "--json"});
        QCOMPARE(got["labels"].toString(), QStringLiteral("category"));
        QCOMPARE(got["align"].toString(), QStringLiteral("none"));
        QCOMPARE(got["n"].toInt(), 150);  // every stimulus is a query, one without relevant items
        QCOMPARE(keys(got["old_old"].toObject()), (QStringList{"map", "top1", "top10", "top5"}));
        compareCompat(got, reference({"compat", f, "emb/old", "emb/new", "1,5,10", "none", "category"}));
        // The default column is the first categorical one, default k 1,5.
        const QJsonObject defaults = runJson({"compat", f + ":/emb/old", f + ":/emb/new", "--json"});
        QCOMPARE(defaults["labels"].toString(), QStringLiteral("category"));
        QCOMPARE(keys(defaults["compatible"].toObject()), (QStringList{"map", "top1", "top5"}));
    }

    void rotatedCopyAfterAlignment() {
        const QString f = dataFile();
        const QJsonObject got = runJson({"compat", f + ":/emb/old", f + ":/emb/rotated", "--align",
                                         "orthogonal", "--json"});
        QCOMPARE(got["align"].toString(), QStringLiteral("orthogonal"));
        QCOMPARE(got["n"].toInt(), 75);
        for (const QString& k : got["compatible"].toObject().keys()) {
            QVERIFY2(got["compatible"].toObject()[k].toBool(), qPrintable(k));
            QCOMPARE(got["update_gain"].toObject()[k].toDouble(), 1.0);
            QCOMPARE(got["new_old"].toObject()[k].toDouble(), got["old_old"].toObject()[k].toDouble());
        }
        compareCompat(got, reference({"compat", f, "emb/old", "emb/rotated", "1,5", "orthogonal", "category"}));
    }

    void unequalDimensionsNeedAlignment() {
        const QString f = dataFile();
        const auto r = runRepscope({"compat", f + ":/emb/old", f + ":/emb/wide", "--json"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--align orthogonal") && r.err.contains("24") && r.err.contains("30"),
                 qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        const QJsonObject got = runJson({"compat", f + ":/emb/old", f + ":/emb/wide", "--align",
                                         "orthogonal", "--json"});
        compareCompat(got, reference({"compat", f, "emb/old", "emb/wide", "1,5", "orthogonal", "category"}));
    }

    void compatRefusals() {
        const QString f = dataFile();
        const QString nocat = writeFile("write_nocat", "nocat.h5");
        auto r = runRepscope({"compat", nocat + ":/emb/x", nocat + ":/emb/x"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("categorical column") && r.err.contains("--labels"), qPrintable(r.err));
        r = runRepscope({"compat", f + ":/emb/old", f + ":/emb/new", "--labels", "single"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("only one category ('same')"), qPrintable(r.err));
        r = runRepscope({"compat", f + ":/emb/old", f + ":/emb/new", "--labels", "colour"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("'colour'") && r.err.contains("category"), qPrintable(r.err));
        r = runRepscope({"compat", f + ":/emb/old", f + ":/broken/nan"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("/broken/nan") && r.err.contains("NaN") && r.err.contains("s007"), qPrintable(r.err));
        r = runRepscope({"compat", f + ":/emb/old", f + ":/emb/new", "--k", "0"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("--k"), qPrintable(r.err));
        r = runRepscope({"compat", f + ":/emb/old", f + ":/emb/new", "--align", "affine"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("orthogonal"), qPrintable(r.err));
        // --nan-policy drop leaves the stimulus out and says so.
        r = runRepscope({"compat", f + ":/emb/old", f + ":/broken/nan", "--nan-policy", "drop", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("dropped 1 of 150"), qPrintable(r.err));
    }

    void prefixMatchesNumpy() {
        const QString f = dataFile();
        const QJsonObject got = runJson({"prefix", f + ":/emb/old", "--json"});
        QCOMPARE(keys(got), (QStringList{"dims", "labels", "metric", "rows"}));
        QCOMPARE(got["metric"].toString(), QStringLiteral("cka_linear"));
        QCOMPARE(got["dims"].toArray(), (QJsonArray{8, 16, 24}));
        const QJsonArray rows = got["rows"].toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows[0].toObject();
        QCOMPARE(keys(row), (QStringList{"d", "file", "path", "top1", "value"}));
        QCOMPARE(row["path"].toString(), QStringLiteral("/emb/old"));
        QCOMPARE(row["d"].toInt(), 24);
        const QJsonObject want = reference({"prefix", f, "emb/old", "8,16,24", "category"});
        for (const char* k : {"value", "top1"}) {
            const QJsonArray g = row[k].toArray();
            const QJsonArray w = want[k].toArray();
            QCOMPARE(g.size(), w.size());
            for (int i = 0; i < w.size(); ++i) nearOrBothNull(g[i], w[i], QString("%1[%2]").arg(k).arg(i));
        }
        QVERIFY(std::abs(row["value"].toArray().last().toDouble() - 1.0) < 1e-6);  // d = D: self
    }

    void prefixGridAndDims() {
        const QString f = dataFile();
        const QJsonObject got = runJson({"prefix", f, "--select", "/emb/*", "--dims", "4,12", "--json"});
        const QJsonArray rows = got["rows"].toArray();
        QCOMPARE(rows.size(), 4);  // new, old, rotated, wide
        QCOMPARE(got["dims"].toArray(), (QJsonArray{4, 12}));
        for (const QJsonValue& v : rows) {
            const QJsonObject row = v.toObject();
            const QJsonObject want = reference({"prefix", f, row["path"].toString().mid(1), "4,12", "category"});
            for (int i = 0; i < 2; ++i) {
                nearOrBothNull(row["value"].toArray()[i], want["value"].toArray()[i], row["path"].toString());
                nearOrBothNull(row["top1"].toArray()[i], want["top1"].toArray()[i], row["path"].toString());
            }
        }
        // Default sizes over layers of 24 and 30 dimensions: the union, null past a row's D.
        const QJsonObject grid = runJson({"prefix", f, "--select", "/emb/[ow]*", "--json"});
        QCOMPARE(grid["dims"].toArray(), (QJsonArray{8, 16, 24, 30}));
        const QJsonObject old = grid["rows"].toArray()[0].toObject();
        QCOMPARE(old["path"].toString(), QStringLiteral("/emb/old"));
        QVERIFY(old["value"].toArray()[3].isNull());
        QVERIFY(std::abs(old["value"].toArray()[2].toDouble() - 1.0) < 1e-6);
    }

    void prefixRefusalsAndNoCategories() {
        const QString f = dataFile();
        auto r = runRepscope({"prefix", f + ":/emb/old", "--dims", "8,25"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("25") && r.err.contains("24") && r.err.contains("/emb/old"), qPrintable(r.err));
        r = runRepscope({"prefix", f + ":/emb/old", "--dims", "0"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("--dims") && r.err.contains("at least 1"), qPrintable(r.err));
        r = runRepscope({"prefix", f + ":/emb/old", "--dims", "-8"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("--dims"), qPrintable(r.err));
        r = runRepscope({"prefix", f + ":/emb/old", "--metric", "no_such_metric"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("no_such_metric"), qPrintable(r.err));
        r = runRepscope({"prefix", f + ":/broken/nan"});
        QVERIFY2(r.exitCode != 0 && r.err.contains("NaN"), qPrintable(r.err));
        // No categorical column: the metric curve alone, said on stderr.
        const QString nocat = writeFile("write_nocat", "nocat.h5");
        r = runRepscope({"prefix", nocat + ":/emb/x", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("no categorical column"), qPrintable(r.err));
        const QJsonObject got = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject row = got["rows"].toArray()[0].toObject();
        QVERIFY(row["top1"].isNull());
        QVERIFY(got["labels"].isNull());
        const QJsonObject want = reference({"prefix", nocat, "emb/x", "8,16", "-"});
        for (int i = 0; i < 2; ++i) nearOrBothNull(row["value"].toArray()[i], want["value"].toArray()[i], "nocat");
        // A one-category column: said plainly, no top-1.
        r = runRepscope({"prefix", f + ":/emb/old", "--labels", "single", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("only one category"), qPrintable(r.err));
    }

    void spectrumMatchesNumpy() {
        const QString f = dataFile();
        const QJsonObject got = runJson({"spectrum", f + ":/emb/wide", "--json"});
        QCOMPARE(keys(got), (QStringList{"categories", "d", "explained", "file", "n",
                                         "participation_ratio", "path"}));
        QCOMPARE(got["path"].toString(), QStringLiteral("/emb/wide"));
        QCOMPARE(got["n"].toInt(), 150);
        QCOMPARE(got["d"].toInt(), 30);
        const QJsonObject want = reference({"spectrum", f, "emb/wide"});
        const QJsonArray e = got["explained"].toArray();
        QCOMPARE(e.size(), want["explained"].toArray().size());
        for (int i = 0; i < e.size(); ++i) nearOrBothNull(e[i], want["explained"].toArray()[i], "explained");
        nearOrBothNull(got["participation_ratio"], want["participation_ratio"], "participation ratio");
        const QJsonObject cats = got["categories"].toObject();
        QCOMPARE(keys(cats), (QStringList{"category", "single"}));
        nearOrBothNull(cats["category"], want["categories"].toObject()["category"], "R2 category");
        QCOMPARE(cats["single"].toDouble(), 0.0);
        QVERIFY(cats["category"].toDouble() > 0.3);  // the data are built around category centres
        const auto r = runRepscope({"spectrum", f + ":/emb/old"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("'single' has only one category"), qPrintable(r.err));
        QVERIFY2(r.out.contains("participation ratio"), qPrintable(r.out));
    }

    void helpListsEveryOption() {
        for (const char* name : {"compat", "prefix", "spectrum"}) {
            const QString c = QString::fromLatin1(name);
            const auto r = runRepscope({c, "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.startsWith("Usage: repscope " + c));
        }
        const auto c = runRepscope({"compat", "--help"});
        for (const char* o : {"--labels", "--k", "--align", "--json", "--nan-policy"}) QVERIFY2(c.out.contains(o), o);
        const auto p = runRepscope({"prefix", "--help"});
        for (const char* o : {"--select", "--metric", "--dims", "--labels", "--json"}) QVERIFY2(p.out.contains(o), o);
        const auto all = runRepscope({"--help"});
        QVERIFY(all.out.contains("compat") && all.out.contains("prefix") && all.out.contains("spectrum"));
    }
};

QTEST_APPLESS_MAIN(TestCliEmbeddingChecks)
#include "test_cli_embedding_checks.moc"
