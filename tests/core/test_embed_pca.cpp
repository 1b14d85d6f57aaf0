#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <QtTest>
#include <cmath>
#include <random>

#include "repscope/embed/pca.h"
#include "repscope/error.h"

#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;
using repscope::test::gaussian;
using repscope::test::randomOrthogonal;

namespace {



// Cancels itself at the first progress report.
class CancelAtFirstReport : public Progress {
protected:
    void onProgress(double) override { cancel(); }
};

}  // namespace

class TestEmbedPca : public QObject {
    Q_OBJECT
private slots:
    // Data whose sample covariance is exactly R·diag(λ)·Rᵀ: PCA must return R's columns and λ.
    void recoversKnownCovariance() {
        const Eigen::Index n = 5000;
        const Eigen::Index d = 6;
        Eigen::MatrixXd z = gaussian(n, d, 1);
        z.rowwise() -= z.colwise().mean();
        const Eigen::MatrixXd cov = z.transpose() * z / double(n - 1);
        // Whiten exactly: z · L⁻ᵀ has identity sample covariance.
        const Eigen::MatrixXd l = cov.llt().matrixL();
        const Eigen::MatrixXd white =
            l.triangularView<Eigen::Lower>().solve(z.transpose()).transpose();
        Eigen::VectorXd lambda(d);
        lambda << 9.0, 4.0, 1.0, 0.25, 0.04, 0.01;
        const Eigen::MatrixXd r = randomOrthogonal(d, 2);
        Eigen::MatrixXd x = white * lambda.cwiseSqrt().asDiagonal() * r.transpose();
        x.rowwise() += Eigen::RowVectorXd::LinSpaced(d, 100.0, 105.0);  // offsets are removed
        const MatrixF xf = x.cast<float>();

        PcaOptions opt;
        opt.components = 4;
        opt.method = PcaMethod::Exact;
        const PcaResult res = computePca(xf, opt);
        QCOMPARE(res.coordinates.rows(), n);
        QCOMPARE(res.components.cols(), Eigen::Index(4));
        for (int c = 0; c < 4; ++c) {
            QVERIFY2(std::abs(res.explainedVariance(c) - lambda(c)) < 2e-3 * lambda(c),
                     qPrintable(QString::number(res.explainedVariance(c))));
            QVERIFY(std::abs(std::abs(res.components.col(c).dot(r.col(c))) - 1.0) < 1e-5);
        }
        QVERIFY(std::abs(res.totalVariance - lambda.sum()) < 1e-3 * lambda.sum());
        QVERIFY(std::abs(res.explainedVarianceRatio(0) - 9.0 / lambda.sum()) < 1e-4);
        QVERIFY(std::abs(res.mean(0) - 100.0) < 1e-4);

        // Sign convention: largest-magnitude loading positive.
        for (int c = 0; c < 4; ++c) {
            Eigen::Index arg = 0;
            res.components.col(c).cwiseAbs().maxCoeff(&arg);
            QVERIFY(res.components(arg, c) > 0.0);
        }
        // Scores are the projections of the centred data; their variances are the λs.
        const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
        QVERIFY((centred * res.components - res.coordinates).cwiseAbs().maxCoeff() < 1e-3);
    }

    void randomizedMatchesExact() {
        // Low rank (8) plus noise, N = 1200, D = 700: the randomized path must agree.
        const Eigen::MatrixXd x =
            gaussian(1200, 8, 3) * gaussian(8, 700, 4) * 0.3 + 0.05 * gaussian(1200, 700, 5);
        const MatrixF xf = x.cast<float>();
        PcaOptions opt;
        opt.components = 5;
        opt.method = PcaMethod::Exact;
        QElapsedTimer t;
        t.start();
        const PcaResult exact = computePca(xf, opt);
        const auto exactMs = t.restart();
        opt.method = PcaMethod::Randomized;
        opt.seed = 7;
        const PcaResult rnd = computePca(xf, opt);
        const auto rndMs = t.elapsed();
        qInfo("PCA 1200x700, k=5: exact %lld ms, randomized %lld ms", exactMs, rndMs);
        for (int c = 0; c < 5; ++c) {
            QVERIFY(std::abs(rnd.explainedVariance(c) / exact.explainedVariance(c) - 1.0) < 1e-3);
            QVERIFY(rnd.components.col(c).dot(exact.components.col(c)) > 0.999);  // same sign
        }
        // Same seed → identical output.
        const PcaResult again = computePca(xf, opt);
        QVERIFY(again.coordinates == rnd.coordinates);
    }

    void gramPathWhenFewerStimuliThanFeatures() {
        const Eigen::MatrixXd x = gaussian(40, 300, 6);
        const MatrixF xf = x.cast<float>();
        PcaOptions opt;
        opt.components = 3;
        const PcaResult res = computePca(xf, opt);
        QVERIFY(res.methodUsed == PcaMethod::Exact);
        const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
        QVERIFY((centred * res.components - res.coordinates).cwiseAbs().maxCoeff() < 1e-3);
        QVERIFY((res.components.transpose() * res.components - Eigen::MatrixXd::Identity(3, 3))
                    .cwiseAbs()
                    .maxCoeff() < 1e-8);
        // Against the singular values of the centred matrix.
        Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred);
        for (int c = 0; c < 3; ++c) {
            const double expected = svd.singularValues()(c) * svd.singularValues()(c) / 39.0;
            QVERIFY(std::abs(res.explainedVariance(c) / expected - 1.0) < 1e-5);
        }
    }

    void badInputIsRefused() {
        MatrixF tiny(3, 5);
        tiny.setOnes();
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computePca(tiny));
        MatrixF x = gaussian(20, 5, 1).cast<float>();
        x(3, 2) = std::nanf("");
        x(7, 1) = std::numeric_limits<float>::infinity();
        try {
            (void)computePca(x);
            QFAIL("no exception");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("2 NaN or infinite"), e.what());
        }
        PcaOptions opt;
        opt.components = 6;
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 (void)computePca(gaussian(20, 5, 1).cast<float>(), opt));
    }

    void cancellationThrows() {
        const MatrixF x = gaussian(3000, 50, 2).cast<float>();
        CancelAtFirstReport p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)computePca(x, {}, p));
    }
};

QTEST_APPLESS_MAIN(TestEmbedPca)
#include "test_embed_pca.moc"
