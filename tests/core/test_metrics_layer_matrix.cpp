// Layer×layer matrices: shared per-representation work gives the textbook values, undefined
// pairs become NaN with their message, and the memory-budget fallback gives the same matrix.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "metrics_test_support.h"
#include "repscope/error.h"
#include "repscope/metrics/layer_matrix.h"

using namespace repscope::metrics;
using repscope::MatrixF;
using repscope::test::randomNormal;
using repscope::test::randomOrthogonal;
using repscope::test::textbookLinearCka;

namespace {

// Spearman ρ from scratch: average ranks by sorting, then Pearson, over i < j of two
// Euclidean RDMs.
Eigen::VectorXd ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
    for (std::size_t s = 0; s < order.size();) {
        std::size_t e = s;
        while (e + 1 < order.size() && v[order[e + 1]] == v[order[s]]) ++e;
        for (std::size_t t = s; t <= e; ++t) r(static_cast<Eigen::Index>(order[t])) = 0.5 * double(s + e) + 1.0;
        s = e + 1;
    }
    return r;
}

double naiveSpearmanOfEuclideanRdms(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
    std::vector<double> a, b;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        for (Eigen::Index j = i + 1; j < x.rows(); ++j) {
            a.push_back((x.row(i) - x.row(j)).norm());
            b.push_back((y.row(i) - y.row(j)).norm());
        }
    }
    const Eigen::VectorXd ra = ranks(a), rb = ranks(b);
    const Eigen::VectorXd ca = ra.array() - ra.mean(), cb = rb.array() - rb.mean();
    return ca.dot(cb) / (ca.norm() * cb.norm());
}

struct Layers {
    std::vector<MatrixF> data;
    std::vector<Eigen::MatrixXd> exact;  // the same values in float64
    std::vector<LayerOperand> operands() const {
        std::vector<LayerOperand> ops;
        for (const auto& m : data) ops.push_back({&m, false, nullptr, {}});
        return ops;
    }
};

// Three layers over 40 stimuli: a random one, a rotated + scaled copy, and an unrelated one
// of another width; all exactly representable in float32.
Layers threeLayers() {
    Layers l;
    const Eigen::MatrixXd x = randomNormal(40, 12, 21);
    const Eigen::MatrixXd y = 3.0 * x * randomOrthogonal(12, 22);
    const Eigen::MatrixXd z = randomNormal(40, 30, 23) + x.leftCols(6) * randomNormal(6, 30, 24);
    for (const Eigen::MatrixXd& m : {x, y, z}) {
        l.data.push_back(m.cast<float>());
        l.exact.push_back(l.data.back().cast<double>());
    }
    return l;
}

}  // namespace

class TestMetricsLayerMatrix : public QObject {
    Q_OBJECT
private slots:
    void linearCkaMatchesTextbookForEveryPair() {
        const Layers l = threeLayers();
        for (bool debiased : {false, true}) {
            const auto m = computeLayerMatrix(metric(debiased ? "cka_linear_debiased" : "cka_linear"),
                                              l.operands());
            QVERIFY(m.sharedWork);
            QVERIFY(m.undefined.empty());
            for (int i = 0; i < 3; ++i) {
                for (int j = 0; j < 3; ++j) {
                    const double want = textbookLinearCka(l.exact[i], l.exact[j], debiased);
                    QVERIFY2(std::abs(m.values(i, j) - want) < 1e-6,
                             qPrintable(QString("%1 %2: %3 vs %4").arg(i).arg(j)
                                            .arg(m.values(i, j)).arg(want)));
                }
            }
            QVERIFY(std::abs(m.values(0, 1) - 1.0) < 1e-6);  // rotation + scale
        }
    }

    void spearmanRanksEachRdmOnceAndMatchesNaive() {
        const Layers l = threeLayers();
        const auto m = computeLayerMatrix(metric("rsa_spearman"), l.operands(),
                                          {{"rdm-measure", "euclidean"}});
        QVERIFY(m.sharedWork);
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                const double want = naiveSpearmanOfEuclideanRdms(l.exact[i], l.exact[j]);
                QVERIFY2(std::abs(m.values(i, j) - want) < 1e-9,
                         qPrintable(QString::number(m.values(i, j) - want)));
            }
        }
        // Euclidean RDMs of X and 3·X·Q are proportional: ρ = 1 exactly.
        QVERIFY(std::abs(m.values(0, 1) - 1.0) < 1e-12);
    }

    void undefinedPairsAreNaNWithTheirReason() {
        Layers l = threeLayers();
        l.data[2].setConstant(1.5F);  // zero variance
        for (const char* name : {"cka_linear", "rsa_pearson", "procrustes_angular"}) {
            const auto m = computeLayerMatrix(metric(name), l.operands());
            QVERIFY(std::isfinite(m.values(0, 1)));
            QVERIFY2(std::isnan(m.values(0, 2)) && std::isnan(m.values(2, 0)), name);
            QVERIFY(!m.undefined.empty());
            QVERIFY(!m.undefined.front().message.empty());
        }
    }

    // A representation with NaN leaves only its own row and column undefined, named in the
    // reason; every other pair is the textbook value.
    void nanInOneRepresentationLeavesOnlyItsPairsUndefined() {
        Layers l = threeLayers();
        l.data[1](5, 2) = std::numeric_limits<float>::quiet_NaN();
        for (const char* name : {"cka_linear", "cka_linear_debiased", "rsa_spearman", "cca_r2"}) {
            std::vector<LayerOperand> ops = l.operands();
            ops[1].name = "net/bad";
            const LayerMatrix m = computeLayerMatrix(*findMetric(name), ops);
            for (Eigen::Index j = 0; j < 3; ++j) {
                QVERIFY2(std::isnan(m.values(1, j)) && std::isnan(m.values(j, 1)), name);
            }
            QVERIFY2(std::isfinite(m.values(0, 0)) && std::isfinite(m.values(0, 2)) &&
                         std::isfinite(m.values(2, 2)),
                     name);
            QCOMPARE(m.undefined.size(), std::size_t{3});
            for (const UndefinedEntry& u : m.undefined) {
                QVERIFY(u.row == 1 || u.column == 1);
                QVERIFY2(QString::fromStdString(u.message).contains(QStringLiteral("NaN")), u.message.c_str());
            }
            if (std::string(name) == "cka_linear") {
                QVERIFY2(QString::fromStdString(m.undefined.front().message).contains(QStringLiteral("net/bad")),
                         m.undefined.front().message.c_str());
                QVERIFY(std::abs(m.values(0, 2) - textbookLinearCka(l.exact[0], l.exact[2], false)) < 1e-5);
            }
        }
    }

    void overBudgetFallsBackToPairsWithTheSameValues() {
        const Layers l = threeLayers();
        const auto shared = computeLayerMatrix(metric("rsa_kendall_tau_a"), l.operands());
        const std::size_t budget = repscope::memoryBudgetBytes();
        repscope::setMemoryBudgetBytes(20000);  // one 40×40 RDM fits, three cached vectors do not
        LayerMatrix pairwise;
        try {
            pairwise = computeLayerMatrix(metric("rsa_kendall_tau_a"), l.operands());
        } catch (...) {
            repscope::setMemoryBudgetBytes(budget);
            throw;
        }
        repscope::setMemoryBudgetBytes(budget);
        QVERIFY(shared.sharedWork);
        QVERIFY(!pairwise.sharedWork);
        QVERIFY((shared.values - pairwise.values).cwiseAbs().maxCoeff() < 1e-12);
    }

    void mismatchedStimuliAndRdmsAreRefused() {
        const MatrixF a = randomNormal(10, 3, 1).cast<float>();
        const MatrixF b = randomNormal(12, 3, 2).cast<float>();
        QVERIFY_THROWS_EXCEPTION(repscope::AlignmentError,
                                 (void)computeLayerMatrix(metric("cka_linear"),
                                                          {{&a, false, nullptr, {}}, {&b, false, nullptr, {}}}));
        const MatrixF rdm = MatrixF::Ones(10, 10) - MatrixF::Identity(10, 10);
        QVERIFY_THROWS_EXCEPTION(repscope::InputError,
                                 (void)computeLayerMatrix(metric("cka_linear"),
                                                          {{&a, false, nullptr, {}}, {&rdm, true, nullptr, {}}}));
    }

    void cancellationStopsTheMatrix() {
        const Layers l = threeLayers();
        repscope::test::CancelAtFirstReport cancel;
        QVERIFY_THROWS_EXCEPTION(repscope::Cancelled,
                                 (void)computeLayerMatrix(metric("cka_linear"), l.operands(), {}, cancel));
    }
};

QTEST_APPLESS_MAIN(TestMetricsLayerMatrix)
#include "test_metrics_layer_matrix.moc"
