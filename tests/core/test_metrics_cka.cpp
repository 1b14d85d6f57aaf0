// CKA: analytic invariances, the Gram form against textbook formulas, errors, cancellation.
#include <QtTest>
#include <cmath>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/cka.h"

using namespace repscope::metrics;
using repscope::test::randomNormal;
using repscope::test::randomOrthogonal;

using repscope::test::textbookLinearCka;

class TestMetricsCka : public QObject {
    Q_OBJECT
private slots:
    void oneForScaledRotatedTranslatedCopies() {
        for (const auto& [n, d] : {std::pair{60, 8}, std::pair{12, 30}}) {
            const Eigen::MatrixXd x = randomNormal(n, d, 3);
            Eigen::MatrixXd y = 2.5 * x * randomOrthogonal(d, 4);
            y.rowwise() += randomNormal(1, d, 5).row(0);
            QVERIFY(std::abs(ckaLinear(x, y) - 1.0) < 1e-10);
            QVERIFY(std::abs(ckaLinearDebiased(x, y) - 1.0) < 1e-10);
            QVERIFY(std::abs(ckaRbf(x, y) - 1.0) < 1e-10);
            QVERIFY(std::abs(ckaRbf(x, y, 0.3) - 1.0) < 1e-10);
            const repscope::MatrixF xf = x.cast<float>();
            const repscope::MatrixF yf = y.cast<float>();
            QVERIFY(std::abs(ckaLinear(xf, yf) - 1.0) < 1e-5);
            QVERIFY(std::abs(ckaRbf(xf, yf) - 1.0) < 1e-5);
        }
    }

    void notInvariantToNonIsotropicScaling() {
        const Eigen::MatrixXd x = randomNormal(80, 6, 8);
        Eigen::VectorXd s(6);
        s << 1, 1, 1, 10, 10, 10;
        const Eigen::MatrixXd y = x * s.asDiagonal();
        const double c = ckaLinear(x, y);
        QVERIFY2(c < 0.9, qPrintable(QString::number(c)));
        QVERIFY(std::abs(c - textbookLinearCka(x, y, false)) < 1e-10);
    }

    void bothFormsMatchTextbookFormulas() {
        // N > D: feature-space form; N < D + E: Gram form. Both against centred Gram matrices.
        for (const auto& [n, d, e] : {std::tuple{50, 5, 7}, std::tuple{20, 15, 40}}) {
            const Eigen::MatrixXd x = randomNormal(n, d, 11);
            const Eigen::MatrixXd y = x.leftCols(std::min(d, e)) * randomNormal(std::min(d, e), e, 12) +
                                      randomNormal(n, e, 13);
            QVERIFY(std::abs(ckaLinear(x, y) - textbookLinearCka(x, y, false)) < 1e-10);
            QVERIFY(std::abs(ckaLinearDebiased(x, y) - textbookLinearCka(x, y, true)) < 1e-10);
        }
    }

    // cka_linear of float32 data: float32 products of data centred in float64. Columns of a
    // Sylvester Hadamard matrix (centred, orthogonal, norm² = N) far from zero, where products of
    // uncentred float32 data would cancel: X = [h1 h2] + 10⁴, Y = [h1] − 10⁴ gives 1/√2 exactly,
    // Y = [h3] gives 0; random data with a 10³ offset agrees with the float64 textbook value.
    void float32ProductsKeepTheAccuracyContract() {
        const int n = 64;
        Eigen::MatrixXd h = Eigen::MatrixXd::Ones(1, 1);
        while (h.rows() < n) {
            Eigen::MatrixXd next(2 * h.rows(), 2 * h.cols());
            next << h, h, h, -h;
            h = next;
        }
        const repscope::MatrixF x = (h.middleCols(1, 2).array() + 1e4).matrix().cast<float>();
        const repscope::MatrixF y = (h.col(1).array() - 1e4).matrix().cast<float>();
        const repscope::MatrixF z = (3.0 * h.col(3).array() + 1e4).matrix().cast<float>();
        QVERIFY(std::abs(ckaLinear(x, y) - 1.0 / std::sqrt(2.0)) < 1e-7);
        QVERIFY(std::abs(ckaLinear(x, z)) < 1e-7);
        const Eigen::MatrixXd a = (randomNormal(3000, 48, 21).array() + 1e3).matrix();
        const Eigen::MatrixXd b = a.leftCols(16) * randomNormal(16, 40, 22) + randomNormal(3000, 40, 23);
        const double want = textbookLinearCka(a, b, false);
        const double got = ckaLinear(repscope::MatrixF(a.cast<float>()), repscope::MatrixF(b.cast<float>()));
        QVERIFY2(std::abs(got - want) <= 1e-4 * want, qPrintable(QString::number(got - want)));
    }

    // The float32 feature-space path centres and multiplies Z = [Xc Yc] in blocks of rows
    // (32 MiB of Z each): at N = 300,000 × 40 columns that is one block and a partial second;
    // the result must equal the float64 feature-space formula computed here directly.
    void blockedProductEqualsTheWholeFormula() {
        const Eigen::Index n = 300000;
        const Eigen::MatrixXd a = (randomNormal(n, 24, 31).array() + 50.0).matrix();
        const Eigen::MatrixXd b = a.leftCols(8) * randomNormal(8, 16, 32) + randomNormal(n, 16, 33);
        const Eigen::MatrixXd ac = a.rowwise() - a.colwise().mean();
        const Eigen::MatrixXd bc = b.rowwise() - b.colwise().mean();
        const double kl = (ac.transpose() * bc).squaredNorm();
        const double want = kl / std::sqrt((ac.transpose() * ac).squaredNorm() *
                                           (bc.transpose() * bc).squaredNorm());
        const double got = ckaLinear(repscope::MatrixF(a.cast<float>()), repscope::MatrixF(b.cast<float>()));
        QVERIFY2(want > 0.1 && std::abs(got - want) <= 1e-4 * want,
                 qPrintable(QString("%1 against %2").arg(got).arg(want)));
    }

    void errors() {
        const Eigen::MatrixXd x = randomNormal(10, 3, 1);
        Eigen::MatrixXd flat = Eigen::MatrixXd::Constant(10, 3, 2.0);
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)ckaLinear(x, flat));
        QVERIFY_THROWS_EXCEPTION(repscope::FormatError, (void)ckaRbf(flat, x));
        QVERIFY_THROWS_EXCEPTION(repscope::AlignmentError, (void)ckaLinear(x, randomNormal(9, 3, 2)));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)ckaLinearDebiased(Eigen::MatrixXd(x.topRows(3)), Eigen::MatrixXd(x.topRows(3))));
        QVERIFY_THROWS_EXCEPTION(repscope::InputError, (void)ckaRbf(x, x, 0.0));
    }

    void cancellationThrows() {
        const Eigen::MatrixXd x = randomNormal(200, 20, 1);
        repscope::test::CancelAtFirstReport p1, p2, p3;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)ckaLinear(x, x, p1));
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)ckaLinearDebiased(x, x, p2));
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled, (void)ckaRbf(x, x, 1.0, p3));
    }
};

QTEST_APPLESS_MAIN(TestMetricsCka)
#include "test_metrics_cka.moc"
