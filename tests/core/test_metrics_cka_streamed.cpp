// cka_linear computed while two representations are read a block of rows at a time
// (ckaLinearStreamed): against the textbook formula in float64 on the whole matrices, with
// blocks whose means differ widely (a large offset plus a drift along the rows, so that the
// merge of the blocks' means carries most of the centring), a last block shorter than the
// others, and the cases in which it must decline (NaN/Inf, different stimulus counts, the
// Gram form cheaper) or throw (zero variance, cancellation).
#include <QtTest>
#include <cmath>
#include <limits>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/cka_streamed.h"

using repscope::MatrixF;
using repscope::test::MemoryRepresentation;
using repscope::test::randomNormal;
using repscope::test::textbookLinearCka;

namespace {

// Rows far from the origin and drifting with their index: a quarter of each feature's variance
// lies between the blocks' means, so a merge that dropped or mis-weighted that term would be far
// off, and the offset makes uncentred float32 sums lose digits.
Eigen::MatrixXd drifting(Eigen::Index n, Eigen::Index d, unsigned seed) {
    Eigen::MatrixXd x = randomNormal(n, d, seed);
    const Eigen::MatrixXd slope = randomNormal(1, d, seed + 100);
    for (Eigen::Index i = 0; i < n; ++i) {
        x.row(i) += (40.0 + 2.0 * static_cast<double>(i) / static_cast<double>(n)) * slope.row(0);
    }
    return x;
}

}  // namespace

class TestMetricsCkaStreamed : public QObject {
    Q_OBJECT
private slots:
    void equalsTheFormulaOnTheWholeMatrices_data() {
        QTest::addColumn<int>("blockRows");
        QTest::newRow("37-row blocks, last one short") << 37;
        QTest::newRow("one block") << 0;
        QTest::newRow("one row per block") << 1;
    }
    void equalsTheFormulaOnTheWholeMatrices() {
        QFETCH(int, blockRows);
        const Eigen::Index n = 1000;
        const Eigen::MatrixXd x = drifting(n, 12, 3);
        // Y shares part of X's signal, so CKA is well inside (0, 1).
        const Eigen::MatrixXd y = x.leftCols(5) * randomNormal(5, 9, 4) + 3.0 * drifting(n, 9, 5);
        const MatrixF xf = x.cast<float>();
        const MatrixF yf = y.cast<float>();
        // The formula on the very values the representations hold (float32), in float64.
        const double want = textbookLinearCka(xf.cast<double>(), yf.cast<double>(), false);
        const MemoryRepresentation rx(xf);
        const MemoryRepresentation ry(yf);
        const auto got = repscope::metrics::ckaLinearStreamed(rx, ry, repscope::silentProgress(),
                                                              static_cast<std::size_t>(blockRows));
        QVERIFY(got.has_value());
        QVERIFY2(want > 0.05 && want < 0.95, qPrintable(QString::number(want)));
        QVERIFY2(std::abs(*got - want) <= 1e-5 * want, qPrintable(QString("%1 against %2").arg(*got, 0, 'g', 10).arg(want, 0, 'g', 10)));
    }

    void declinesWhatItDoesNotHandle() {
        const MatrixF x = randomNormal(300, 6, 1).cast<float>();
        MatrixF bad = x;
        bad(250, 2) = std::numeric_limits<float>::quiet_NaN();  // in the last of several blocks
        const MemoryRepresentation rx(x);
        QVERIFY(!repscope::metrics::ckaLinearStreamed(rx, MemoryRepresentation(bad), repscope::silentProgress(), 64));
        bad(250, 2) = std::numeric_limits<float>::infinity();
        QVERIFY(!repscope::metrics::ckaLinearStreamed(MemoryRepresentation(bad), rx, repscope::silentProgress(), 64));
        const MemoryRepresentation fewer(MatrixF(x.topRows(299)));
        QVERIFY(!repscope::metrics::ckaLinearStreamed(rx, fewer));
        // More features than stimuli: the Gram form is the cheaper one.
        const MemoryRepresentation wide(randomNormal(20, 40, 2).cast<float>());
        QVERIFY(!repscope::metrics::ckaLinearStreamed(wide, wide));
    }

    void zeroVarianceAndCancellationThrow() {
        const MemoryRepresentation x(randomNormal(300, 6, 1).cast<float>());
        const MemoryRepresentation flat(MatrixF::Constant(300, 4, 2.5F));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError,
                                 (void)repscope::metrics::ckaLinearStreamed(x, flat, repscope::silentProgress(), 64));
        repscope::test::CancelAtFirstReport cancel;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled,
                                 (void)repscope::metrics::ckaLinearStreamed(x, x, cancel, 64));
    }
};

QTEST_APPLESS_MAIN(TestMetricsCkaStreamed)
#include "test_metrics_cka_streamed.moc"
