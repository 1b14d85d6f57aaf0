// `repscope figure FILE... --view evaluation --target T` and `repscope report ... --target T`: the
// Alignment view's picture headless in PNG, SVG and PDF (model names, the axis and "noise
// ceiling" as SVG text), and the report's "Alignment with T" section whose table holds the values
// `repscope evaluate --json` gives, with names from the file escaped.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace repscope::test;

namespace {

[[maybe_unused]] QByteArray readAll(const QString& path) {  // unused without the GUI
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCliEvaluationFigure : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        models_ = makeFixture(QStringLiteral("rdm_set_native.h5"));
        hostile_ = makeFixture(QStringLiteral("rdm_set_hostile.h5"));
    }

#ifdef REPSCOPE_TEST_FIGURES
    void evaluationFigureInEveryFormat() {
        const QString target = models_ + QStringLiteral(":/brain/subjects");
        const QString png = QDir(scratchDir()).filePath(QStringLiteral("evaluation.png"));
        auto r = runRepscope({"figure", models_, "--view", "evaluation", "--target", target, "--out", png,
                              "--size", "700x500"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readAll(png).startsWith("\x89PNG"));

        const QString svg = QDir(scratchDir()).filePath(QStringLiteral("evaluation.svg"));
        r = runRepscope({"figure", models_, "--view", "evaluation", "--target", target, "--comparator", "pearson",
                         "--out", svg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray text = readAll(svg);
        for (const char* word : {"noise ceiling", "model/layer1", "model/layer2", "model/rdm_sum", "Pearson r",
                                 "Alignment with"}) {
            QVERIFY2(text.contains(word), word);
        }
        // Subjects are the target, never bars.
        QVERIFY(!text.contains("s10"));

        const QString pdf = QDir(scratchDir()).filePath(QStringLiteral("evaluation_profile.pdf"));
        r = runRepscope({"figure", models_, "--view", "evaluation", "--target", target, "--layout", "profile",
                         "--out", pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readAll(pdf).startsWith("%PDF"));
    }

    void badEvaluationFigureRequests() {
        const QString out = QDir(scratchDir()).filePath(QStringLiteral("never.png"));
        auto r = runRepscope({"figure", models_, "--view", "evaluation", "--out", out});
        QCOMPARE(r.exitCode, 2);  // a usage mistake
        QVERIFY2(r.err.contains("--target"), qPrintable(r.err));
        r = runRepscope({"figure", models_, "--view", "rdm", "--target", models_, "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("does not apply"), qPrintable(r.err));
        r = runRepscope({"figure", models_, "--view", "evaluation", "--target", models_ + ":/model/layer1",
                         "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not an RDM set"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
#endif

#ifdef REPSCOPE_TEST_REPORTS
    void reportSectionHoldsTheEvaluation() {
        const QString target = models_ + QStringLiteral(":/brain/subjects");
        const auto json = runRepscope({"evaluate", models_, "--target", target, "--comparator", "spearman", "--json"});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject e = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QString html = QDir(scratchDir()).filePath(QStringLiteral("alignment_report.html"));
        const auto r = runRepscope({"report", models_, "--target", target, "--out", html});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString text = QString::fromUtf8(readAll(html));
        QVERIFY(text.contains(QStringLiteral("id=\"alignment\"")));
        QVERIFY(text.contains(QStringLiteral("Alignment with rdm_set_native.h5:/brain/subjects")));
        QVERIFY(text.contains(QStringLiteral("Nili et al. 2014")));
        const QJsonObject ceiling = e.value(QStringLiteral("noise_ceiling")).toObject();
        QVERIFY(text.contains(QString::number(ceiling.value(QStringLiteral("lower")).toDouble(), 'f', 3)));
        QVERIFY(text.contains(QString::number(ceiling.value(QStringLiteral("upper")).toDouble(), 'f', 3)));
        for (const QJsonValue& m : e.value(QStringLiteral("models")).toArray()) {
            const QJsonObject o = m.toObject();
            const QString row = QStringLiteral("<tr><th>%1</th><td class=\"num\">%2</td>")
                                    .arg(o.value(QStringLiteral("path")).toString().mid(1))
                                    .arg(QString::number(o.value(QStringLiteral("mean")).toDouble(), 'f', 4));
            QVERIFY2(text.contains(row), qPrintable(row));
        }
    }

    void reportEscapesNamesFromTheFile() {
        const QString html = QDir(scratchDir()).filePath(QStringLiteral("alignment_hostile.html"));
        const auto r = runRepscope({"report", hostile_, "--target", hostile_ + ":/brain/subjects", "--out", html});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString text = QString::fromUtf8(readAll(html));
        QVERIFY(text.contains(QStringLiteral("<tr><th>&lt;b&gt;net/&lt;img src=x&gt;</th>")));
        QVERIFY(!text.contains(QStringLiteral("<img src=x>")));
        QVERIFY(!text.contains(QStringLiteral("<b>net")));
    }

    void comparatorWithoutTargetIsRefused() {
        const QString html = QDir(scratchDir()).filePath(QStringLiteral("never.html"));
        const auto r = runRepscope({"report", models_, "--comparator", "pearson", "--out", html});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--target"), qPrintable(r.err));
        QVERIFY(!QFile::exists(html));
    }
#endif

    void helpNamesTheEvaluationView() {
        const auto r = runRepscope({"figure", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--view evaluation"));
    }

private:
    QString models_;
    QString hostile_;
};

QTEST_MAIN(TestCliEvaluationFigure)
#include "test_cli_evaluation_figure.moc"
