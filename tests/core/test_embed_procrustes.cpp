#include <Eigen/LU>
#include <Eigen/QR>
#include <QtTest>
#include <cmath>
#include <random>

#include "repscope/embed/procrustes.h"
#include "repscope/error.h"

#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;
using repscope::test::gaussian;
using repscope::test::randomOrthogonal;

namespace {



Eigen::Matrix2d rotation2d(double angle) {
    Eigen::Matrix2d r;
    r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    return r;
}

double meanDisplacement(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (a - b).rowwise().norm().mean();
}

}  // namespace

class TestEmbedProcrustes : public QObject {
    Q_OBJECT
private slots:
    void recoversKnownSimilarityTransform() {
        const Eigen::MatrixXd x = gaussian(50, 3, 1);
        Eigen::MatrixXd r = randomOrthogonal(3, 2);
        if (r.determinant() > 0.0) r.col(0) *= -1.0;  // include a reflection
        Eigen::RowVectorXd t(3);
        t << 4.0, -2.0, 0.5;
        const Eigen::MatrixXd y = (2.5 * x * r).rowwise() + t;
        const ProcrustesResult p = alignProcrustes(x, y);
        QVERIFY((p.rotation - r).cwiseAbs().maxCoeff() < 1e-10);
        QVERIFY(std::abs(p.scale - 2.5) < 1e-10);
        QVERIFY((p.translation - t).cwiseAbs().maxCoeff() < 1e-10);
        QVERIFY(p.residual < 1e-18);
        QVERIFY((p.aligned - y).cwiseAbs().maxCoeff() < 1e-10);
    }

    void optionsRestrictTheTransform() {
        const Eigen::MatrixXd x = gaussian(30, 2, 3);
        Eigen::Matrix2d mirror;
        mirror << 1.0, 0.0, 0.0, -1.0;
        const Eigen::MatrixXd y = 3.0 * x * mirror;
        ProcrustesOptions noReflection;
        noReflection.allowReflection = false;
        const ProcrustesResult p = alignProcrustes(x, y, noReflection);
        QVERIFY(p.rotation.determinant() > 0.0);
        QVERIFY(p.relativeResidual > 0.01);
        ProcrustesOptions noScale;
        noScale.allowScale = false;
        const ProcrustesResult q = alignProcrustes(x, y, noScale);
        QCOMPARE(q.scale, 1.0);
        QVERIFY(q.residual > 1.0);
    }

    // Embeddings of a slowly rotating data set, each computed with an arbitrary orientation
    // (as independent t-SNE/PCA runs of consecutive layers are): after alignment the frames
    // follow each other closely.
    void alignedSequenceMovesLittleBetweenFrames() {
        const Eigen::MatrixXd base = gaussian(100, 2, 4);
        std::vector<Eigen::MatrixXd> frames;
        std::vector<Eigen::MatrixXd> truth;
        for (int i = 0; i < 12; ++i) {
            const Eigen::MatrixXd turned = base * rotation2d(0.03 * i);
            truth.push_back(turned);
            Eigen::MatrixXd arbitrary = randomOrthogonal(2, 10 + unsigned(i));
            Eigen::MatrixXd frame = turned * arbitrary * (1.0 + 0.1 * i);
            frame.rowwise() += Eigen::RowVector2d(5.0 * i, -3.0 * i);
            frame += 0.01 * gaussian(100, 2, 100 + unsigned(i));
            frames.push_back(frame);
        }
        const auto aligned = alignSequence(frames);
        QCOMPARE(aligned.size(), frames.size());
        QVERIFY(aligned[0].aligned == frames[0]);
        const double spread = (base.rowwise() - base.colwise().mean()).rowwise().norm().mean();
        double worstRaw = 0.0;
        for (std::size_t i = 1; i < frames.size(); ++i) {
            const double step = meanDisplacement(aligned[i].aligned, aligned[i - 1].aligned);
            // The data turn by 0.03 rad per frame: displacement ≈ 0.03 × spread, plus noise.
            QVERIFY2(step < 0.06 * spread, qPrintable(QString::number(step / spread)));
            worstRaw = std::max(worstRaw, meanDisplacement(frames[i], frames[i - 1]));
        }
        QVERIFY(worstRaw > 0.5 * spread);
    }

    void badInputIsRefused() {
        QVERIFY_THROWS_EXCEPTION(InputError, (void)alignProcrustes(Eigen::MatrixXd::Ones(5, 2),
                                                                   Eigen::MatrixXd::Ones(5, 3)));
        Eigen::MatrixXd nan = gaussian(5, 2, 1);
        nan(0, 0) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)alignProcrustes(nan, gaussian(5, 2, 2)));
        try {
            (void)alignSequence({gaussian(5, 2, 1), gaussian(6, 2, 1)});
            QFAIL("no exception");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("Embedding 2"), e.what());
        }
        Progress p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, (void)alignSequence({gaussian(5, 2, 1), gaussian(5, 2, 2)}, {}, p));
    }
};

QTEST_APPLESS_MAIN(TestEmbedProcrustes)
#include "test_embed_procrustes.moc"
