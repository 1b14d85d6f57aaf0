// The products behind the metrics (core/linalg/blas.h) against plain triple loops, on blocks
// with outer strides and every transpose combination. CTest runs this binary twice: with the
// default backend (OpenBLAS when it loads) and with REPSCOPE_BLAS=eigen (the fallback).
#include <QtTest>

#include <Eigen/Dense>
#include <cstdlib>
#include <random>

#include "repscope/linalg/blas.h"

using repscope::linalg::blasInfo;

namespace {

template <class T>
Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> randomMatrix(Eigen::Index r, Eigen::Index c,
                                                               unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> m(r, c);
    for (Eigen::Index j = 0; j < c; ++j)
        for (Eigen::Index i = 0; i < r; ++i) m(i, j) = static_cast<T>(u(gen));
    return m;
}

// op(A)(i, k) without any library product.
template <class M>
double at(const M& a, bool trans, Eigen::Index i, Eigen::Index k) {
    return trans ? static_cast<double>(a(k, i)) : static_cast<double>(a(i, k));
}

}  // namespace

class TestLinalgBlas : public QObject {
    Q_OBJECT
private slots:
    void backendIsTheOneAskedFor() {
        const char* choice = std::getenv("REPSCOPE_BLAS");
        const bool eigen = choice != nullptr && std::string(choice) == "eigen";
        if (eigen) QCOMPARE(QString::fromStdString(blasInfo().backend), QString("Eigen"));
        QVERIFY(!blasInfo().detail.empty());
        QCOMPARE(repscope::linalg::fastBlas(), blasInfo().backend == "OpenBLAS");
        qInfo("backend: %s (%s)", blasInfo().backend.c_str(), blasInfo().detail.c_str());
    }

    void gemmEveryTransposeOnStridedBlocks() {
        const Eigen::Index m = 37, n = 23, k = 51;
        for (bool ta : {false, true}) {
            for (bool tb : {false, true}) {
                // Operands are blocks inside larger matrices (outer stride > rows).
                const Eigen::MatrixXd bigA = randomMatrix<double>(ta ? k + 5 : m + 5, ta ? m + 3 : k + 3, 1);
                const Eigen::MatrixXd bigB = randomMatrix<double>(tb ? n + 4 : k + 4, tb ? k + 2 : n + 2, 2);
                const auto a = bigA.block(2, 1, ta ? k : m, ta ? m : k);
                const auto b = bigB.block(3, 2, tb ? n : k, tb ? k : n);
                Eigen::MatrixXd bigC = randomMatrix<double>(m + 6, n + 6, 3);
                const Eigen::MatrixXd before = bigC;
                repscope::linalg::gemm(ta, tb, 0.5, a, b, 2.0, bigC.block(4, 5, m, n));
                double worst = 0.0;
                for (Eigen::Index i = 0; i < m; ++i) {
                    for (Eigen::Index j = 0; j < n; ++j) {
                        double s = 0.0;
                        for (Eigen::Index p = 0; p < k; ++p) s += at(a, ta, i, p) * at(b, tb, p, j);
                        const double want = 0.5 * s + 2.0 * before(4 + i, 5 + j);
                        worst = std::max(worst, std::abs(bigC(4 + i, 5 + j) - want));
                    }
                }
                QVERIFY2(worst < 1e-12, qPrintable(QString::number(worst)));
                // Nothing outside the target block is touched.
                QCOMPARE(bigC.topRows(4), before.topRows(4));
                QCOMPARE(bigC.leftCols(5), before.leftCols(5));
            }
        }
    }

    void floatGemmAgreesWithDoubleLoop() {
        const Eigen::MatrixXf a = randomMatrix<float>(300, 200, 4);
        const Eigen::MatrixXf b = randomMatrix<float>(300, 90, 5);
        Eigen::MatrixXf c(200, 90);
        repscope::linalg::gemm(true, false, 1.0F, a, b, 0.0F, c);
        double worst = 0.0;
        for (Eigen::Index i = 0; i < 200; ++i) {
            for (Eigen::Index j = 0; j < 90; ++j) {
                double s = 0.0;
                for (Eigen::Index p = 0; p < 300; ++p) s += double(a(p, i)) * double(b(p, j));
                worst = std::max(worst, std::abs(double(c(i, j)) - s));
            }
        }
        // 300 terms of size ≤ 1 in float32: well under 1e-4.
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    }

    void syrkWritesOnlyTheLowerTriangle() {
        for (bool trans : {false, true}) {
            const Eigen::MatrixXd a = randomMatrix<double>(trans ? 70 : 45, trans ? 45 : 70, 6);
            Eigen::MatrixXd c = Eigen::MatrixXd::Constant(45, 45, 7.0);
            repscope::linalg::syrkLower(trans, 1.0, a, 0.0, c);
            for (Eigen::Index j = 0; j < 45; ++j) {
                for (Eigen::Index i = 0; i < 45; ++i) {
                    if (i < j) {
                        QCOMPARE(c(i, j), 7.0);
                        continue;
                    }
                    double s = 0.0;
                    for (Eigen::Index p = 0; p < 70; ++p) s += at(a, trans, i, p) * at(a, trans, j, p);
                    QVERIFY(std::abs(c(i, j) - s) < 1e-12);
                }
            }
            repscope::linalg::mirrorLower<double>(c);
            QCOMPARE(c, Eigen::MatrixXd(c.transpose()));
        }
    }

    void emptyInnerDimensionScalesOnly() {
        const Eigen::MatrixXd a(4, 0);
        const Eigen::MatrixXd b(0, 3);
        Eigen::MatrixXd c = Eigen::MatrixXd::Ones(4, 3);
        repscope::linalg::gemm(false, false, 1.0, a, b, 0.0, c);
        QCOMPARE(c, Eigen::MatrixXd::Zero(4, 3).eval());
    }
};

QTEST_APPLESS_MAIN(TestLinalgBlas)
#include "test_linalg_blas.moc"
