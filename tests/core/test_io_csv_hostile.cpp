// Hostile CSV text (alignment.md: "Nothing here may crash on a damaged CSV"): thousands of
// deterministic byte-level mutants of a valid ratings file and a valid triplet file go through
// DataFile::open (then every RDM is read) and readTripletsCsv. Each must open or fail with one
// repscope::Error sentence naming the file; the sanitizer build turns any memory error into a
// failure. The libFuzzer target (tests/fuzz) runs the same readers for longer.
#include <QFile>
#include <QtTest>
#include <random>

#include "repscope/alignment/triplets.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;
using namespace repscope::test;

namespace {

QByteArray mutate(QByteArray text, std::mt19937& gen) {
    static const char tokens[] = {',', '"', '\n', '\r', '\0', ' ', '-', '+', '.', 'e', 'n', '/', '\\'};
    std::uniform_int_distribution<int> kind(0, 5);
    const int edits = 1 + static_cast<int>(gen() % 4);
    for (int e = 0; e < edits && !text.isEmpty(); ++e) {
        const int at = static_cast<int>(gen() % static_cast<unsigned>(text.size()));
        switch (kind(gen)) {
            case 0: text[at] = static_cast<char>(gen() & 0xff); break;
            case 1: text[at] = tokens[gen() % sizeof tokens]; break;
            case 2: text.insert(at, tokens[gen() % sizeof tokens]); break;
            case 3: text.remove(at, 1 + static_cast<int>(gen() % 8)); break;
            case 4: text.truncate(at); break;
            default: text.insert(at, text.mid(static_cast<int>(gen() % static_cast<unsigned>(text.size())), 16)); break;
        }
    }
    return text;
}

QString write(const QString& name, const QByteArray& text) {
    const QString path = scratchDir() + "/" + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) throw std::runtime_error("cannot write " + path.toStdString());
    f.write(text);
    return path;
}

}  // namespace

class TestIoCsvHostile : public QObject {
    Q_OBJECT
private slots:
    void ratingsMutants() {
        QFile seed(makeFixture("ratings_similarity.csv"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        const QByteArray valid = seed.readAll();
        std::mt19937 gen(7);
        int opened = 0;
        int refused = 0;
        for (int k = 0; k < 1500; ++k) {
            const QString path = write("mutant.csv", mutate(valid, gen));
            try {
                const auto file = DataFile::open(path.toStdString());
                for (const auto& r : file->representations()) (void)r->readAll();
                ++opened;
            } catch (const Error& e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains(path) && !what.contains('\n'), qPrintable(what));
                ++refused;
            }
        }
        qInfo("ratings mutants: %d opened, %d refused cleanly", opened, refused);
        QVERIFY(opened > 0 && refused > 0);
    }

    void tripletMutants() {
        QFile seed(makeFixture("triplets_things.csv"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        const QByteArray valid = seed.readAll();
        std::vector<std::string> labels;
        for (int i = 0; i < 40; ++i) labels.push_back(QStringLiteral("stim%1").arg(i, 2, 10, QChar('0')).toStdString());
        std::mt19937 gen(8);
        int read = 0;
        for (int k = 0; k < 1500; ++k) {
            const QString path = write("mutant_triplets.csv", mutate(valid, gen));
            try {
                const auto j = alignment::readTripletsCsv(path.toStdString(), labels);
                QCOMPARE(j.items.size(), j.odd.size());
                for (std::size_t t = 0; t < j.items.size(); ++t) {
                    QVERIFY(j.odd[t] < 3);
                    for (const auto i : j.items[t]) QVERIFY(i < labels.size());
                }
                ++read;
            } catch (const Error& e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains(path) && !what.contains('\n'), qPrintable(what));
            }
        }
        QVERIFY(read > 0);
    }
};

QTEST_APPLESS_MAIN(TestIoCsvHostile)
#include "test_io_csv_hostile.moc"
