// RSA comparators and the geo-topological transform against scipy/numpy values and brute force.
#include <QtTest>
#include <cmath>
#include <algorithm>
#include <random>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/geotopo.h"
#include "repscope/metrics/rsa.h"

using namespace repscope::metrics;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
    Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
    Eigen::Index i = 0;
    for (double x : v) r(i++) = x;
    return r;
}

// O(n²) Kendall τ_a straight from the definition.
double bruteTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    long long s = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        for (Eigen::Index j = i + 1; j < a.size(); ++j) {
            const int sa = (a(i) > a(j)) - (a(i) < a(j));
            const int sb = (b(i) > b(j)) - (b(i) < b(j));
            s += sa * sb;
        }
    const double n = static_cast<double>(a.size());
    return static_cast<double>(s) / (n * (n - 1) / 2);
}

}  // namespace

class TestMetricsRsa : public QObject {
    Q_OBJECT
private slots:
    void handExampleWithTies() {
        // Upper triangles of two 4×4 RDMs, order (0,1),(0,2),(0,3),(1,2),(1,3),(2,3); a has one
        // tie, b a triple tie. Expected values (scipy 1.10, numpy 1.24):
        //   import numpy as np, scipy.stats as st, itertools
        //   a = np.array([1,2,2,3,5,4.]); b = np.array([2,1,3,3,6,3.])
        //   st.spearmanr(a,b)[0]   -> 0.8008534347238067
        //   st.pearsonr(a,b)[0]    -> 0.8119979429411501
        //   sum(np.sign(a[i]-a[j])*np.sign(b[i]-b[j]) for i,j in
        //       itertools.combinations(range(6),2)) / 15            -> 0.6  (τ_a; τ_b is 0.694)
        //   a@b/np.linalg.norm(a)/np.linalg.norm(b) -> 0.9630511913747757
        const Eigen::VectorXd a = vec({1, 2, 2, 3, 5, 4});
        const Eigen::VectorXd b = vec({2, 1, 3, 3, 6, 3});
        QVERIFY(std::abs(rsaSpearman(a, b) - 0.8008534347238067) < 1e-12);
        QVERIFY(std::abs(rsaPearson(a, b) - 0.8119979429411501) < 1e-12);
        QVERIFY(std::abs(rsaKendallTauA(a, b) - 0.6) < 1e-12);
        QVERIFY(std::abs(rsaCosine(a, b) - 0.9630511913747757) < 1e-12);
        // scipy.stats.rankdata(b) -> [2, 1, 4, 4, 6, 4]
        const Eigen::VectorXd r = averageRanks(b);
        QVERIFY(r.isApprox(vec({2, 1, 4, 4, 6, 4})));
    }

    void selfComparisonIsOne() {
        std::mt19937 gen(5);
        std::normal_distribution<float> dist;
        repscope::MatrixF x(30, 8);
        for (int i = 0; i < 30; ++i)
            for (int j = 0; j < 8; ++j) x(i, j) = dist(gen);
        for (RsaComparator c : {RsaComparator::Spearman, RsaComparator::Pearson,
                                RsaComparator::KendallTauA, RsaComparator::Cosine}) {
            QVERIFY(std::abs(rsa(x, x, c) - 1.0) < 1e-12);
            RsaOptions o;
            o.measure = RdmMeasure::Euclidean;
            o.geotopo = GeoTopo{0.1, 0.9};
            // the transform creates ties at 0 and 1, which τ_a counts neither way
            const Eigen::VectorXd v = rsaVector(x, o);
            const double expected = c == RsaComparator::KendallTauA ? bruteTauA(v, v) : 1.0;
            QVERIFY(expected < 1.0 || c != RsaComparator::KendallTauA);
            QVERIFY(std::abs(rsa(x, x, c, o) - expected) < 1e-12);
        }
    }

    void kendallMatchesBruteForceWithManyTies() {
        std::mt19937 gen(11);
        std::uniform_int_distribution<int> coarse(0, 9);
        std::normal_distribution<double> fine;
        for (int n : {2, 3, 31, 32, 33, 100, 1500}) {
            Eigen::VectorXd a(n), b(n);
            for (int i = 0; i < n; ++i) {
                a(i) = coarse(gen);
                b(i) = i % 3 == 0 ? coarse(gen) : a(i) + fine(gen) * 3;
            }
            QVERIFY2(std::abs(rsaKendallTauA(a, b) - bruteTauA(a, b)) < 1e-12,
                     qPrintable(QString::number(n)));
        }
    }

    void largeInputsSpanSeveralSortRuns() {
        // > 2^15 values: the sorts merge several base runs.
        const int n = 34000;
        std::mt19937 gen(2);
        std::uniform_int_distribution<int> coarse(0, 500);
        Eigen::VectorXd a(n), b(n);
        for (int i = 0; i < n; ++i) {
            a(i) = coarse(gen);
            b(i) = coarse(gen) + 0.5 * a(i);
        }
        QVERIFY(std::abs(rsaKendallTauA(a, b) - bruteTauA(a, b)) < 1e-12);
        // average ranks against a plain sort: rank of v = (#less) + (#equal + 1) / 2
        std::vector<double> sorted(a.data(), a.data() + n);
        std::sort(sorted.begin(), sorted.end());
        const Eigen::VectorXd r = averageRanks(a);
        for (int i = 0; i < n; i += 97) {
            const auto lo = std::lower_bound(sorted.begin(), sorted.end(), a(i)) - sorted.begin();
            const auto hi = std::upper_bound(sorted.begin(), sorted.end(), a(i)) - sorted.begin();
            QCOMPARE(r(i), static_cast<double>(lo) + static_cast<double>(hi - lo + 1) / 2.0);
        }
    }

    void ranksMatchBruteForceForEveryKindOfValue() {
        // Value sets that leave different numbers of radix digits varying (so the sorted data
        // ends in either buffer): small integers, signed values with ±0, wide magnitudes; and
        // for the 32-bit keys: multiples of ½ up to 2^31 (sums of ranks), float64 values that
        // share float32 roundings with ties among them, the same with one negative value, float64
        // values with one far outlier.
        std::mt19937 gen(17);
        std::uniform_int_distribution<int> small(-3, 3);
        std::uniform_int_distribution<std::uint32_t> wide(0, 0xffffffffu);
        std::normal_distribution<double> normal;
        for (int kind = 0; kind < 8; ++kind) {
            Eigen::VectorXd v(700);
            for (Eigen::Index i = 0; i < v.size(); ++i) {
                switch (kind) {
                    case 0: v(i) = small(gen); break;
                    case 1: v(i) = small(gen) == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : normal(gen); break;
                    case 2: v(i) = std::ldexp(normal(gen), small(gen) * 100); break;
                    case 4: {  // the largest keys included
                        const double top = 4294967295.0 - (small(gen) + 3);
                        v(i) = 0.5 * (i % 7 == 0 ? top : double(wide(gen) >> (i % 20)));
                        break;
                    }
                    case 5: v(i) = 3.0 + 1e-9 * small(gen) + 1e-3 * (i % 4); break;
                    case 6: v(i) = i == 9 ? -0.5 : 0.5 * (wide(gen) >> 25); break;
                    case 7: v(i) = i == 3 ? 1e9 : (i % 5 == 0 ? 0.25 : normal(gen)); break;
                    default: v(i) = 1.0 + 1e-15 * small(gen); break;
                }
            }
            const Eigen::VectorXd r = averageRanks(v);
            for (Eigen::Index i = 0; i < v.size(); ++i) {
                double below = 0, equal = 0;
                for (Eigen::Index j = 0; j < v.size(); ++j) {
                    below += v(j) < v(i) ? 1 : 0;
                    equal += v(j) == v(i) ? 1 : 0;
                }
                QCOMPARE(r(i), below + (equal + 1.0) / 2.0);
            }
        }
    }

    // Stored float32 RDMs are ranked straight from their triangles: the hand example above
    // (scipy's value), then 300×300 RDMs with many ties and ±0 against average ranks by brute
    // force and the textbook Pearson formula.
    void storedRdmsRankStraightFromFloat32() {
        repscope::MatrixF ra = repscope::MatrixF::Zero(4, 4);
        repscope::MatrixF rb = repscope::MatrixF::Zero(4, 4);
        const float ua[] = {1, 2, 2, 3, 5, 4};
        const float ub[] = {2, 1, 3, 3, 6, 3};
        for (int i = 0, k = 0; i < 4; ++i) {
            for (int j = i + 1; j < 4; ++j, ++k) {
                ra(i, j) = ra(j, i) = ua[k];
                rb(i, j) = rb(j, i) = ub[k];
            }
        }
        QVERIFY(std::abs(rsaSpearmanOfRdms(ra, rb, "a", "b") - 0.8008534347238067) < 1e-12);

        const int n = 300;
        std::mt19937 gen(31);
        std::uniform_int_distribution<int> coarse(-40, 40);
        repscope::MatrixF a(n, n), b(n, n);
        std::vector<double> ta, tb;
        for (int i = 0; i < n; ++i) {
            a(i, i) = b(i, i) = 0.0f;
            for (int j = i + 1; j < n; ++j) {
                const int c = coarse(gen);
                a(i, j) = a(j, i) = c == 0 ? (j % 2 == 0 ? 0.0f : -0.0f) : 0.125f * static_cast<float>(c);
                b(i, j) = b(j, i) = static_cast<float>(coarse(gen)) + 0.5f * a(i, j);
                ta.push_back(a(i, j));
                tb.push_back(b(i, j));
            }
        }
        const std::vector<double> xa = repscope::test::averageRanksBySorting(ta),
                                  xb = repscope::test::averageRanksBySorting(tb);
        const double m = (static_cast<double>(xa.size()) + 1.0) / 2.0;
        double sab = 0, saa = 0, sbb = 0;
        for (std::size_t i = 0; i < xa.size(); ++i) {
            sab += (xa[i] - m) * (xb[i] - m);
            saa += (xa[i] - m) * (xa[i] - m);
            sbb += (xb[i] - m) * (xb[i] - m);
        }
        const double want = sab / std::sqrt(saa * sbb);
        QVERIFY2(std::abs(rsaSpearmanOfRdms(a, b, "a", "b") - want) < 1e-12,
                 qPrintable(QString::number(rsaSpearmanOfRdms(a, b, "a", "b") - want)));

        a(3, 7) = std::nanf("");
        try {
            (void)rsaSpearmanOfRdms(b, a, "first", "second");
            QFAIL("NaN accepted");
        } catch (const repscope::FormatError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("second"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(repscope::AlignmentError,
                                 (void)rsaSpearmanOfRdms(b, repscope::MatrixF::Zero(5, 5), "b", "c"));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError,
                                 (void)rsaSpearmanOfRdms(rb, repscope::MatrixF::Zero(4, 4), "b", "zero"));
    }

    void quantileMatchesNumpy() {
        // np.quantile([0.5,0.2,0.9,0.1,0.7,0.3], q) for q = 0, .1, .25, .5, .9, 1:
        //   0.1, 0.15000000000000002, 0.225, 0.4, 0.8, 0.9
        const Eigen::VectorXd c = vec({0.5, 0.2, 0.9, 0.1, 0.7, 0.3});
        QCOMPARE(quantileLinear(c, 0.0), 0.1);
        QCOMPARE(quantileLinear(c, 0.1), 0.15000000000000002);
        QCOMPARE(quantileLinear(c, 0.25), 0.225);
        QCOMPARE(quantileLinear(c, 0.5), 0.4);
        QCOMPARE(quantileLinear(c, 0.9), 0.8);
        QCOMPARE(quantileLinear(c, 1.0), 0.9);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)quantileLinear(c, 1.5));
    }

    void geoTopoMatchesNumpy() {
        // l, u = np.quantile(c, [0.1, 0.9]); np.clip((c - l) / (u - l), 0, 1) ->
        //   [0.53846154, 0.07692308, 1, 0, 0.84615385, 0.23076923]
        const Eigen::VectorXd c = vec({0.5, 0.2, 0.9, 0.1, 0.7, 0.3});
        const Eigen::VectorXd g = geoTopoTransform(c, parseGeoTopo("0.1,0.9"));
        const Eigen::VectorXd e = vec({0.53846154, 0.07692308, 1, 0, 0.84615385, 0.23076923});
        QVERIFY((g - e).cwiseAbs().maxCoeff() < 1e-8);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)parseGeoTopo("0.9,0.1"));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)parseGeoTopo("0.1"));
    }

    void undefinedCasesThrow() {
        const Eigen::VectorXd flat = vec({1, 1, 1});
        const Eigen::VectorXd a = vec({1, 2, 3});
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)rsaPearson(flat, a));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)rsaSpearman(a, flat));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)rsaCosine(a, Eigen::VectorXd::Zero(3)));
        QCOMPARE(rsaKendallTauA(flat, a), 0.0);  // all pairs tied: neither way
        QVERIFY_THROWS_EXCEPTION(repscope::AlignmentError, (void)rsaPearson(a, vec({1, 2})));
    }

    void cancellationThrows() {
        Eigen::VectorXd a = Eigen::VectorXd::LinSpaced(100000, 0, 1);
        repscope::Progress p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)rsaKendallTauA(a, a, p));
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)rsaSpearman(a, a, p));
    }
};

QTEST_APPLESS_MAIN(TestMetricsRsa)
#include "test_metrics_rsa.moc"
