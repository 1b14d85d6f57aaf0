// `repscope figure --view prefix|spectrum|compat`: the Embedding checks view's pictures without a
// display, on the built-in demo (three MLPs over the UCI digits, a "digit" column), with the axes
// and legends as SVG text and one sentence for a missing --with; and `report --compat OLD,NEW`,
// whose table holds what `repscope compat --json` gives.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

class TestCliEmbeddingFigure : public QObject {
    Q_OBJECT
private slots:
#ifdef REPSCOPE_TEST_FIGURES
    void initTestCase() {
        demo_ = QDir(scratchDir()).filePath(QStringLiteral("demo.h5"));
        const auto r = runRepscope({"demo", "--out", demo_});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void prefixSpectrumAndCompat() {
        const QString svg = QDir(scratchDir()).filePath(QStringLiteral("prefix.svg"));
        auto r = runRepscope({"figure", demo_ + ":/mlp_w64_s1/hidden1", "--view", "prefix", "--with",
                              demo_ + ":/mlp_w64_s2/hidden1", "--out", svg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile prefix(svg);
        QVERIFY(prefix.open(QIODevice::ReadOnly));
        const QByteArray text = prefix.readAll();
        for (const char* word : {"prefix size d", "top-1", "cka_linear", "Prefixes of"}) QVERIFY2(text.contains(word), word);

        const QString pdf = QDir(scratchDir()).filePath(QStringLiteral("spectrum.pdf"));
        r = runRepscope({"figure", demo_ + ":/mlp_w64_s1/hidden2", "--view", "spectrum", "--out", pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile spectrum(pdf);
        QVERIFY(spectrum.open(QIODevice::ReadOnly));
        QVERIFY(spectrum.read(4) == "%PDF");

        const QString png = QDir(scratchDir()).filePath(QStringLiteral("compat.png"));
        r = runRepscope({"figure", demo_ + ":/mlp_w64_s1/hidden2", "--view", "compat", "--with",
                         demo_ + ":/mlp_w128_s1/hidden2", "--out", png, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Compatibility of"), qPrintable(r.out));
    }

    void reportSectionAgreesWithCompat() {
        const QString oldSpec = demo_ + ":/mlp_w64_s1/hidden2";
        const QString newSpec = demo_ + ":/mlp_w64_s2/hidden2";
        const auto json = runRepscope({"compat", oldSpec, newSpec, "--json"});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject c = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QString html = QDir(scratchDir()).filePath(QStringLiteral("compat_report.html"));
        const auto r = runRepscope({"report", demo_, "--metric", "cka_linear", "--compat", oldSpec + "," + newSpec,
                                    "--out", html});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("id=\"embedding\"")));
        const auto value = [&](const char* retrieval, const char* measure) {
            return QString::number(c.value(QLatin1String(retrieval)).toObject().value(QLatin1String(measure)).toDouble(), 'f', 4);
        };
        const QString row = QStringLiteral("<tr><th>mAP</th><td class=\"num\">%1</td><td class=\"num\">%2</td>"
                                           "<td class=\"num\">%3</td>")
                                .arg(value("old_old", "map"), value("new_new", "map"), value("new_old", "map"));
        QVERIFY2(text.contains(row), qPrintable(row));
    }

    void reportCompatRefusesWhatIsNotARepresentation() {
        const QString html = QDir(scratchDir()).filePath(QStringLiteral("never.html"));
        const auto r = runRepscope({"report", demo_, "--compat", demo_ + ":/mlp_w64_s1/hidden2," + demo_ + ":/nope",
                                    "--out", html});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("/nope") && r.err.contains("not a representation"), qPrintable(r.err));
        QVERIFY(!QFile::exists(html));
    }

    void compatNeedsTheNewModel() {
        const QString png = QDir(scratchDir()).filePath(QStringLiteral("never.png"));
        const auto r = runRepscope({"figure", demo_ + ":/mlp_w64_s1/hidden2", "--view", "compat", "--out", png});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--with") && r.err.trimmed().count('\n') == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(png));
    }
#endif

    void helpNamesTheViews() {
        const auto r = runRepscope({"figure", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* view : {"--view prefix", "--view spectrum", "--view compat"}) QVERIFY2(r.out.contains(view), view);
        QVERIFY(runRepscope({"report", "--help"}).out.contains("--compat OLD,NEW"));
    }

private:
    QString demo_;
};

QTEST_MAIN(TestCliEmbeddingFigure)
#include "test_cli_embedding_figure.moc"
