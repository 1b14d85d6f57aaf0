// Bootstrap intervals and permutation p-values on cases with known answers.
#include <QtTest>

#include <cmath>
#include <numeric>

#include "repscope/error.h"
#include "repscope/stats/resampling.h"

using namespace repscope;
using namespace repscope::stats;

namespace {
double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}
}  // namespace

class TestStatsResampling : public QObject {
    Q_OBJECT
private slots:
    void percentileLikeNumpy() {
        // numpy.percentile([4, 1, 3, 2], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
        const std::vector<double> v = {4, 1, 3, 2};
        QCOMPARE(percentile(v, 0), 1.0);
        QCOMPARE(percentile(v, 25), 1.75);
        QCOMPARE(percentile(v, 50), 2.5);
        QVERIFY(std::abs(percentile(v, 90) - 3.7) < 1e-12);
        QCOMPARE(percentile(v, 100), 4.0);
    }

    void bootstrapOfTheMean() {
        // Mean of 0..99: sd 29.01 (ddof 1), standard error 2.90, normal 95% CI ≈ 49.5 ± 5.7.
        std::vector<double> x(100);
        std::iota(x.begin(), x.end(), 0.0);
        auto mean = [&](const std::vector<std::size_t>& idx) {
            double s = 0;
            for (auto i : idx) s += x[i];
            return s / static_cast<double>(idx.size());
        };
        const Interval ci = bootstrapInterval(100, 2000, 42, mean);
        QCOMPARE(ci.used, std::size_t{2000});
        QVERIFY2(ci.lo < 49.5 && ci.hi > 49.5, qPrintable(QStringLiteral("%1 %2").arg(ci.lo).arg(ci.hi)));
        QVERIFY2(std::abs((ci.hi - ci.lo) - 2 * 1.96 * 2.90) < 1.5,
                 qPrintable(QStringLiteral("width %1").arg(ci.hi - ci.lo)));
        const Interval again = bootstrapInterval(100, 2000, 42, mean);
        QCOMPARE(again.lo, ci.lo);
        QCOMPARE(again.hi, ci.hi);
        const Interval other = bootstrapInterval(100, 2000, 43, mean);
        QVERIFY(other.lo != ci.lo || other.hi != ci.hi);
    }

    void undefinedResamplesAreSkipped() {
        auto sometimes = [](const std::vector<std::size_t>& idx) -> double {
            if (idx[0] % 2 == 0) throw FormatError("undefined here");
            return 1.0;
        };
        const Interval ci = bootstrapInterval(10, 200, 1, sometimes);
        QVERIFY(ci.used > 50 && ci.used < 150);
        QCOMPARE(ci.lo, 1.0);
    }

    void permutationsArePermutations() {
        for (const auto& p : permutations(50, 20, 9)) {
            std::vector<std::size_t> sorted = p;
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t i = 0; i < sorted.size(); ++i) QCOMPARE(sorted[i], i);
        }
    }

    void permutationPValues() {
        Rng rng(5);
        std::vector<double> x(60), noise(60);
        for (auto& v : x) v = rng.uniform();
        for (auto& v : noise) v = rng.uniform();
        auto against = [&](const std::vector<double>& y) {
            return [&x, y](const std::vector<std::size_t>& perm) {
                std::vector<double> yp(y.size());
                for (std::size_t i = 0; i < y.size(); ++i) yp[i] = y[perm[i]];
                return pearson(x, yp);
            };
        };
        // Identical sides: no permutation reaches r = 1, so p = 1 / (P + 1).
        const double pSame = permutationPValue(60, 999, 3, 1.0, true, against(x));
        QCOMPARE(pSame, 1.0 / 1000.0);
        // Independent draws here happen to give r = 0.2991; the permutation p-value must agree
        // with the t-test's one-sided p for that r and n = 60, which scipy gives as 0.01013
        // (stats.t.sf(r * sqrt(58 / (1 - r*r)), 58)); 999 permutations resolve it to ~±0.006.
        const double observed = pearson(x, noise);
        QVERIFY(std::abs(observed - 0.299094) < 1e-5);
        const double pIndep = permutationPValue(60, 999, 3, observed, true, against(noise));
        QVERIFY2(std::abs(pIndep - 0.01013) < 0.006, qPrintable(QString::number(pIndep)));
        // For a distance, smaller is more similar.
        const double pDist = permutationPValue(60, 99, 3, -1.0, false, [&](auto& perm) {
            return -against(x)(perm);
        });
        QCOMPARE(pDist, 1.0 / 100.0);
    }

    void cancellation() {
        struct CancelSoon : Progress {
            void onProgress(double) override { cancel(); }
        } progress;
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)bootstrapInterval(
                                                10, 1000, 1, [](auto&) { return 1.0; }, progress));
    }
};

QTEST_APPLESS_MAIN(TestStatsResampling)
#include "test_stats_resampling.moc"
