// Odd-one-out triplets (alignment.md, "Triplet agreement"): the rule with ties, the noise
// ceiling, the strict CSV reader, and the scale of a THINGS-sized judgement set.
#include <QFile>
#include <QtTest>
#include <chrono>
#include <numeric>
#include <random>

#include "repscope/alignment/triplets.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;
using namespace repscope::alignment;
using namespace repscope::test;

namespace {

TripletJudgements one(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint8_t odd) {
    TripletJudgements j;
    j.items.push_back({a, b, c});
    j.odd.push_back(odd);
    return j;
}

}  // namespace

class TestAlignmentTriplets : public QObject {
    Q_OBJECT
private slots:
    void oddOneOutRuleWithTies() {
        // RDM over 3 stimuli: d(0,1) = d(0,2) = 1, d(1,2) = 2. The most similar pairs (0,1) and
        // (0,2) tie, so the odd ones out 2 and 1 share the credit; 0 gets none.
        MatrixF rdm(3, 3);
        rdm << 0, 1, 1, 1, 0, 2, 1, 2, 0;
        QCOMPARE(tripletCredits(rdm, true, TripletSimilarity::Cosine, one(0, 1, 2, 2))[0], 0.5);
        QCOMPARE(tripletCredits(rdm, true, TripletSimilarity::Cosine, one(0, 1, 2, 1))[0], 0.5);
        QCOMPARE(tripletCredits(rdm, true, TripletSimilarity::Cosine, one(0, 1, 2, 0))[0], 0.0);
        // The order within the triplet does not matter.
        QCOMPARE(tripletCredits(rdm, true, TripletSimilarity::Cosine, one(2, 0, 1, 0))[0], 0.5);
        MatrixF flat = MatrixF::Ones(3, 3) - MatrixF::Identity(3, 3);
        QVERIFY(std::abs(tripletCredits(flat, true, TripletSimilarity::Dot, one(0, 1, 2, 1))[0] -
                         1.0 / 3.0) < 1e-15);
        // Features: 0 and 1 point the same way, 2 elsewhere: 2 is the odd one out (cosine);
        // under dot, 2's length makes (1, 2) most similar and 0 the odd one out.
        MatrixF x(3, 2);
        x << 1, 0, 1, 0.1f, 5, 4;
        QCOMPARE(tripletCredits(x, false, TripletSimilarity::Cosine, one(0, 1, 2, 2))[0], 1.0);
        QCOMPARE(tripletCredits(x, false, TripletSimilarity::Dot, one(0, 1, 2, 0))[0], 1.0);
        MatrixF zero = x;
        zero.row(1).setZero();
        QVERIFY_THROWS_EXCEPTION(FormatError,
                                 (void)tripletCredits(zero, false, TripletSimilarity::Cosine, one(0, 1, 2, 2)));
    }

    void noiseCeilingByHand() {
        TripletJudgements j;
        // {0,1,2} three times (odd 0, 0, 1 in different orders): 2/3; {0,1,3} twice (3, 3): 1;
        // {3,4,5} once: not counted.
        j.items = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}, {0, 1, 3}, {3, 1, 0}, {3, 4, 5}};
        j.odd = {0, 1, 0, 2, 0, 1};
        const auto c = tripletNoiseCeiling(j);
        QVERIFY(c.has_value());
        QCOMPARE(c->repeated, std::size_t{2});
        QVERIFY(std::abs(c->value - (2.0 / 3.0 + 1.0) / 2.0) < 1e-15);
        QVERIFY(!tripletNoiseCeiling(one(0, 1, 2, 0)).has_value());
    }

    void readsCsvAndDropsUnknownLabels() {
        const QString path = writeScratchFile("t.csv", "subject,a,b,c,odd_one_out\n"
                                                "p,x,y,z,z\n"
                                                "p,\"y\",w,x,w\n"
                                                "q,x,nope,y,y\n");
        const TripletJudgements j = readTripletsCsv(path.toStdString(), {"w", "x", "y", "z"});
        QCOMPARE(j.items.size(), std::size_t{2});
        QCOMPARE(j.dropped, std::size_t{1});
        QCOMPARE(j.firstUnknownLabel, std::string("nope"));
        QCOMPARE(j.items[1], (std::array<std::uint32_t, 3>{2, 0, 1}));
        QCOMPARE(int(j.odd[1]), 1);
        const QString noSubject = writeScratchFile("t2.csv", "a,b,c,odd_one_out\nx,y,z,x\n");
        QCOMPARE(readTripletsCsv(noSubject.toStdString(), {"x", "y", "z"}).items.size(), std::size_t{1});
    }

    void badCsvNamesFileAndLine_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray h = "subject,a,b,c,odd_one_out\n";
        QTest::newRow("odd not one of three") << h + "p,x,y,z,w\n" << "line 2: the odd one out 'w' is not one of its three";
        QTest::newRow("fields") << h + "p,x,y,z,z\np,x,y,z\n" << "line 3: expected 5 fields";
        QTest::newRow("twice") << h + "p,x,x,z,z\n" << "line 2: the triplet names a stimulus twice";
        QTest::newRow("empty") << h + "p,x,,z,z\n" << "line 2: a stimulus label is empty";
        QTest::newRow("quote") << h + "p,\"x,y,z,z\n" << "line 2: a quoted field is not closed";
        QTest::newRow("header") << QByteArray("a,b,c\nx,y,z\n") << "line 1: a triplet file starts";
    }
    void badCsvNamesFileAndLine() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = writeScratchFile("bad_triplets.csv", text);
        try {
            (void)readTripletsCsv(path.toStdString(), {"w", "x", "y", "z"});
            QFAIL("bad triplet file accepted");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains(path) && QString(e.what()).contains(expected), e.what());
        }
    }

    void thingsSizedScoring() {
        // 4.7 million triplets over 1,854 stimuli (THINGS), a 66-dimensional embedding (SPoSE).
        const std::size_t n = 1854;
        std::mt19937 gen(3);
        std::normal_distribution<float> normal;
        MatrixF x(n, 66);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
        TripletJudgements j;
        std::uniform_int_distribution<std::uint32_t> pick(0, n - 1);
        const std::size_t count = 4'700'000;
        j.items.reserve(count);
        j.odd.reserve(count);
        while (j.items.size() < count) {
            const std::uint32_t a = pick(gen), b = pick(gen), c = pick(gen);
            if (a == b || a == c || b == c) continue;
            j.items.push_back({a, b, c});
            j.odd.push_back(static_cast<std::uint8_t>(j.items.size() % 3));
        }
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<double> credit = tripletCredits(x, false, TripletSimilarity::Dot, j);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double agreement = std::accumulate(credit.begin(), credit.end(), 0.0) / double(count);
        qInfo("4.7M triplets over 1,854 stimuli scored in %.3f s (this build); agreement %.4f", s,
              agreement);
        QVERIFY(std::abs(agreement - 1.0 / 3.0) < 0.01);  // random judgements: chance
    }
};

QTEST_APPLESS_MAIN(TestAlignmentTriplets)
#include "test_alignment_triplets.moc"
