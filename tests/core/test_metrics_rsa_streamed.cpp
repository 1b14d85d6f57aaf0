// rsa_spearman of two stored RDMs ranked while their rows are read a block at a time
// (rsaSpearmanOfStoredRdms): against Spearman's ρ written out here (average ranks by sorting,
// then Pearson r of the ranks) on RDMs with many ties and signed zeros, for blocks of one row,
// of several rows, of all rows but the last (which the ranking never asks for, yet is checked),
// and the automatic size; and the cases in which it must decline so that the general path
// reports them (NaN/Inf anywhere, different sizes, a feature representation).
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/rsa.h"

using repscope::MatrixF;
using repscope::RepresentationKind;
using repscope::test::MemoryRepresentation;

namespace {

constexpr int kN = 300;

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    double ma = 0.0, mb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ma += a[i];
        mb += b[i];
    }
    ma /= static_cast<double>(a.size());
    mb /= static_cast<double>(b.size());
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

struct RdmPair {
    MatrixF a = MatrixF(kN, kN);
    MatrixF b = MatrixF(kN, kN);
    double spearman = 0.0;  // of the upper triangles, by the definition
};

RdmPair tiedRdms() {
    RdmPair p;
    std::mt19937 gen(31);
    std::uniform_int_distribution<int> coarse(-40, 40);
    std::vector<double> ta, tb;
    for (int i = 0; i < kN; ++i) {
        p.a(i, i) = p.b(i, i) = 0.0F;
        for (int j = i + 1; j < kN; ++j) {
            const int c = coarse(gen);
            p.a(i, j) = p.a(j, i) = c == 0 ? (j % 2 == 0 ? 0.0F : -0.0F) : 0.125F * static_cast<float>(c);
            p.b(i, j) = p.b(j, i) = static_cast<float>(coarse(gen)) + 4.0F * p.a(i, j);
            ta.push_back(p.a(i, j));
            tb.push_back(p.b(i, j));
        }
    }
    p.spearman = pearson(repscope::test::averageRanksBySorting(ta), repscope::test::averageRanksBySorting(tb));
    return p;
}

}  // namespace

class TestMetricsRsaStreamed : public QObject {
    Q_OBJECT
private slots:
    void equalsTheDefinition_data() {
        QTest::addColumn<int>("blockRows");
        QTest::newRow("one row per block") << 1;
        QTest::newRow("7 rows per block") << 7;
        QTest::newRow("all but the last row") << kN - 1;
        QTest::newRow("automatic") << 0;
    }
    void equalsTheDefinition() {
        QFETCH(int, blockRows);
        const RdmPair p = tiedRdms();
        const MemoryRepresentation a(p.a, RepresentationKind::Rdm);
        const MemoryRepresentation b(p.b, RepresentationKind::Rdm);
        const auto got = repscope::metrics::rsaSpearmanOfStoredRdms(a, b, repscope::silentProgress(),
                                                                    static_cast<std::size_t>(blockRows));
        QVERIFY(got.has_value());
        QVERIFY2(std::abs(*got - p.spearman) < 1e-12,
                 qPrintable(QString("%1 against %2").arg(*got, 0, 'g', 15).arg(p.spearman, 0, 'g', 15)));
        QVERIFY(p.spearman > 0.1 && p.spearman < 0.9);
    }

    void declinesWhatTheGeneralPathReports() {
        const RdmPair p = tiedRdms();
        const MemoryRepresentation b(p.b, RepresentationKind::Rdm);
        // NaN in the upper triangle, or only below the diagonal of the last row (a row the
        // ranking never needs): the general path's check of the whole matrix must report both.
        for (const auto& [r, c] : {std::pair{3, 7}, std::pair{kN - 1, 5}}) {
            MatrixF bad = p.a;
            bad(r, c) = std::numeric_limits<float>::quiet_NaN();
            const MemoryRepresentation a(bad, RepresentationKind::Rdm);
            QVERIFY(!repscope::metrics::rsaSpearmanOfStoredRdms(a, b, repscope::silentProgress(), kN - 1));
            QVERIFY(!repscope::metrics::rsaSpearmanOfStoredRdms(b, a));
        }
        const MemoryRepresentation smaller(MatrixF(p.a.topLeftCorner(kN - 1, kN - 1)), RepresentationKind::Rdm);
        QVERIFY(!repscope::metrics::rsaSpearmanOfStoredRdms(smaller, b));
        const MemoryRepresentation features(p.a);  // the same numbers, not an RDM
        QVERIFY(!repscope::metrics::rsaSpearmanOfStoredRdms(features, b));
        const MemoryRepresentation flat(MatrixF::Zero(kN, kN), RepresentationKind::Rdm);
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)repscope::metrics::rsaSpearmanOfStoredRdms(flat, b));
    }
};

QTEST_APPLESS_MAIN(TestMetricsRsaStreamed)
#include "test_metrics_rsa_streamed.moc"
