// Crossnobis (alignment.md) on hand-made designs: the analytic value of noiseless repeats, the
// sign of pure noise, and the refusals (no runs, a condition missing from a run). Agreement with
// rsatoolbox's procedure in numpy is tested in tests/cli/test_cli_crossnobis.cpp.
#include <QtTest>
#include <random>

#include "repscope/error.h"
#include "repscope/metrics/crossnobis.h"

using namespace repscope;
using namespace repscope::metrics;

namespace {

// K conditions × R runs, observation (run r, condition k) = pattern k + noise.
std::pair<MatrixF, RunDesign> design(const MatrixF& patterns, int runs, float noise, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<float> normal;
    const auto k = static_cast<int>(patterns.rows());
    MatrixF x(k * runs, patterns.cols());
    RunDesign d;
    d.conditions = static_cast<std::size_t>(k);
    for (int r = 0; r < runs; ++r) {
        d.runNames.push_back(std::to_string(r + 1));
        for (int c = 0; c < k; ++c) {
            for (Eigen::Index j = 0; j < x.cols(); ++j) {
                x(r * k + c, j) = patterns(c, j) + noise * normal(gen);
            }
            d.condition.push_back(static_cast<std::uint32_t>(c));
            d.run.push_back(static_cast<std::uint32_t>(r));
        }
    }
    return {x, d};
}

}  // namespace

class TestMetricsCrossnobis : public QObject {
    Q_OBJECT
private slots:
    void noiselessRepeatsGiveSquaredDistancesOverD() {
        MatrixF p(3, 4);
        p << 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 3, 1;
        const auto [x, d] = design(p, 3, 0.0f, 1);
        const Eigen::MatrixXd rdm = crossnobisRdm(x, d, NoiseModel::Identity);
        QVERIFY(std::abs(rdm(0, 1) - 5.0 / 4.0) < 1e-12);   // ‖(1, 2, 0, 0)‖² / D
        QVERIFY(std::abs(rdm(1, 2) - 15.0 / 4.0) < 1e-12);  // 1 + 4 + 9 + 1
        QCOMPARE(rdm(2, 1), rdm(1, 2));
        QCOMPARE(rdm(0, 0), 0.0);
    }

    void pureNoiseAveragesNearZero() {
        // Identical patterns: the unbiased estimate scatters around 0, with negative values.
        const auto [x, d] = design(MatrixF::Zero(20, 30), 6, 1.0f, 2);
        const Eigen::MatrixXd rdm = crossnobisRdm(x, d, NoiseModel::ShrinkageDiag);
        double sum = 0.0;
        int negative = 0;
        for (int i = 0; i < 20; ++i)
            for (int j = i + 1; j < 20; ++j) {
                sum += rdm(i, j);
                negative += rdm(i, j) < 0;
            }
        QVERIFY(std::abs(sum / 190.0) < 0.05);
        QVERIFY(negative > 40);
    }

    void refusals() {
        MatrixF p = MatrixF::Random(3, 4);
        auto [x, d] = design(p, 3, 0.1f, 3);
        RunDesign noRuns = d;
        noRuns.run.clear();
        noRuns.runNames.clear();
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)crossnobisRdm(x, noRuns, NoiseModel::Identity));
        RunDesign missing = d;
        missing.condition[4] = 0;  // run 2 loses condition 2 (row 4 = run 2, condition 2)
        try {
            (void)crossnobisRdm(x, missing, NoiseModel::Identity);
            QFAIL("a condition missing from a run must be refused");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("in run 2"), e.what());
        }
        // 3 conditions × 3 runs leave 6 residual degrees of freedom: a full covariance of 8
        // channels is singular.
        auto [wide, dw] = design(MatrixF::Random(3, 8), 3, 0.1f, 4);
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)crossnobisRdm(wide, dw, NoiseModel::Full));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)parseNoiseModel("diag"));
    }
};

QTEST_APPLESS_MAIN(TestMetricsCrossnobis)
#include "test_metrics_crossnobis.moc"
