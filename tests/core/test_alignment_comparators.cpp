// The alignment comparators (alignment.md) against numpy/scipy values written from the
// contract's formulas (tests/fixtures/alignment_reference.py comparators), with pairwise
// deletion of missing pairs, and analytic cases.
#include <QtTest>
#include <cmath>
#include <random>

#include "alignment_test_support.h"
#include "repscope/alignment/comparator.h"
#include "repscope/error.h"

using namespace repscope;
using namespace repscope::alignment;
using namespace repscope::test;

namespace {

Eigen::VectorXd randomRdm(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(0.1, 2.0);
    Eigen::VectorXd v(static_cast<Eigen::Index>(n * (n - 1) / 2));
    for (Eigen::Index i = 0; i < v.size(); ++i) v(i) = u(gen);
    return v;
}

}  // namespace

class TestAlignmentComparators : public QObject {
    Q_OBJECT
private slots:
    void matchesScipy() {
        const QJsonObject ref = alignmentReference("comparators");
        const Eigen::VectorXd a = jsonVector(ref["a"]);
        const Eigen::VectorXd b = jsonVector(ref["b"]);
        const Eigen::VectorXd an = jsonVector(ref["a_nan"]);
        const Eigen::VectorXd bn = jsonVector(ref["b_nan"]);
        for (const Comparator c : allComparators()) {
            const QString name = QString::fromLatin1(comparatorName(c).data());
            const double want = ref["complete"].toObject()[name].toDouble();
            const double got = compareRdms(a, b, c);
            QVERIFY2(near(got, want, 1e-9), qPrintable(name + QStringLiteral(": %1 vs %2")
                                                                .arg(got, 0, 'g', 12)
                                                                .arg(want, 0, 'g', 12)));
            // The prepared form (ranked / centred once) gives the same value.
            QVERIFY(near(compare(PreparedRdm(a, c), PreparedRdm(b, c)), want, 1e-9));
            // Missing pairs: pairwise deletion (whitened: rsatoolbox's least-squares centring).
            const double wantMissing = ref["missing"].toObject()[name].toDouble();
            QVERIFY2(near(compareRdms(an, bn, c), wantMissing, 1e-9), qPrintable(name));
            QVERIFY(near(compare(PreparedRdm(an, c), PreparedRdm(bn, c)), wantMissing, 1e-9));
        }
    }

    void analyticCases() {
        const Eigen::VectorXd a = randomRdm(12, 4);
        for (const Comparator c : allComparators()) {
            QVERIFY2(near(compareRdms(a, a, c), 1.0, 1e-12), comparatorName(c).data());
        }
        // A monotone transform keeps the rank comparators at 1, not pearson or cosine.
        const Eigen::VectorXd cubed = a.array().cube();
        QVERIFY(near(compareRdms(a, cubed, Comparator::Spearman), 1.0, 1e-12));
        QVERIFY(near(compareRdms(a, cubed, Comparator::KendallTauA), 1.0, 1e-12));
        QVERIFY(near(compareRdms(a, cubed, Comparator::RhoA), 1.0, 1e-12));
        QVERIFY(compareRdms(a, cubed, Comparator::Pearson) < 0.99);
        // Scale invariance of every comparator; shift invariance of the centred ones.
        const Eigen::VectorXd b = randomRdm(12, 5);
        for (const Comparator c : allComparators()) {
            QVERIFY(near(compareRdms(a, 3.0 * b, c), compareRdms(a, b, c), 1e-12));
        }
        const Eigen::VectorXd shifted = b.array() + 5.0;
        QVERIFY(near(compareRdms(a, shifted, Comparator::Pearson),
                     compareRdms(a, b, Comparator::Pearson), 1e-12));
        QVERIFY(near(compareRdms(a, shifted, Comparator::CorrCov),
                     compareRdms(a, b, Comparator::CorrCov), 1e-12));
        // Without ties rho_a is Spearman's ρ.
        QVERIFY(near(compareRdms(a, b, Comparator::RhoA), compareRdms(a, b, Comparator::Spearman),
                     1e-12));
        // cosine_cov of an all-zero RDM: −½HDH = 0, undefined (said, not NaN).
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)compareRdms(Eigen::VectorXd::Zero(6),
                                                                randomRdm(4, 1), Comparator::CosineCov));
    }

    void undefinedAndBadInput() {
        const Eigen::VectorXd a = randomRdm(5, 1);
        Eigen::VectorXd holes = Eigen::VectorXd::Constant(a.size(), std::nan(""));
        holes(0) = 1.0;
        try {
            (void)compareRdms(a, holes, Comparator::Pearson);
            QFAIL("one shared pair must be refused");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("share 1 dissimilarities"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)compareRdms(a, Eigen::VectorXd::Ones(a.size()),
                                                                Comparator::Spearman));
        QVERIFY_THROWS_EXCEPTION(AlignmentError,
                                 (void)compareRdms(a, randomRdm(6, 1), Comparator::Cosine));
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)stimuliOfCondensed(7));
        QCOMPARE(stimuliOfCondensed(4950), std::size_t{100});
        QCOMPARE(parseComparator("rho_a"), Comparator::RhoA);
        try {
            (void)parseComparator("kendall");
            QFAIL("unknown comparator");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("cosine_cov"));
        }
    }
};

QTEST_APPLESS_MAIN(TestAlignmentComparators)
#include "test_alignment_comparators.moc"
