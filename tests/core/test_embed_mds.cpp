#include <QtTest>
#include <cmath>
#include <random>

#include "repscope/embed/mds.h"
#include "repscope/embed/procrustes.h"
#include "repscope/error.h"

#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;
using repscope::test::gaussian;
using repscope::test::randomOrthogonal;

namespace {


Eigen::MatrixXd euclideanDistances(const Eigen::MatrixXd& x) {
    Eigen::MatrixXd d(x.rows(), x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.rows(); ++j) d(i, j) = (x.row(i) - x.row(j)).norm();
    return d;
}

}  // namespace

class TestEmbedMds : public QObject {
    Q_OBJECT
private slots:
    void recoversPlanarConfiguration() {
        Eigen::MatrixXd x = gaussian(40, 2, 1);
        x.col(0) *= 3.0;
        const Eigen::MatrixXd d = euclideanDistances(x);
        const MdsResult r = computeClassicalMds(d);
        QVERIFY(r.spectrumComplete);
        QCOMPARE(r.eigenvalues.size(), Eigen::Index(40));
        QCOMPARE(r.negativeCount, 0);
        QVERIFY(r.eigenvalues(1) > 1.0);
        QVERIFY(std::abs(r.eigenvalues(2)) < 1e-9 * r.eigenvalues(0));
        QVERIFY(std::abs(r.explainedRatio - 1.0) < 1e-9);
        QVERIFY(std::abs(r.trace - r.eigenvalues.sum()) < 1e-8 * r.trace);
        const ProcrustesResult p = alignProcrustes(r.coordinates, x);
        QVERIFY2(p.relativeResidual < 1e-20, qPrintable(QString::number(p.relativeResidual)));
        QVERIFY(std::abs(p.scale - 1.0) < 1e-10);  // MDS keeps the scale

        // The float32 overload (an RDM read from a file) gives the same axes.
        const MdsResult rf = computeClassicalMds(MatrixF(d.cast<float>()));
        QVERIFY((rf.coordinates - r.coordinates).cwiseAbs().maxCoeff() < 1e-4);
    }

    void euclideanShortcutEqualsMdsOfTheDistances() {
        // Gower (1966): MDS of Euclidean distances = PCA scores. Checked against the MDS of the
        // explicit distance matrix (an independent computation: distances, double centring,
        // eigensolver), same axis signs.
        Eigen::MatrixXd x = gaussian(80, 6, 4);
        x.col(0) *= 4.0;
        x.col(1) *= 2.0;
        const MatrixF xf = x.cast<float>();
        MdsOptions o;
        o.components = 3;
        const MdsResult direct = computeClassicalMds(euclideanDistances(xf.cast<double>()), o);
        const MdsResult shortcut = classicalMdsOfEuclidean(xf, o);
        const double scale = direct.coordinates.cwiseAbs().maxCoeff();
        QVERIFY2((shortcut.coordinates - direct.coordinates).cwiseAbs().maxCoeff() < 1e-6 * scale,
                 qPrintable(QString::number((shortcut.coordinates - direct.coordinates).cwiseAbs().maxCoeff())));
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::abs(shortcut.eigenvalues(c) - direct.eigenvalues(c)) < 1e-6 * direct.eigenvalues(0));
        }
        QVERIFY(std::abs(shortcut.trace - direct.trace) < 1e-6 * direct.trace);
        QVERIFY(std::abs(shortcut.explainedRatio - direct.explainedRatio) < 1e-6);
        QCOMPARE(shortcut.negativeCount, 0);
    }

    void lanczosPathMatchesFullSpectrum() {
        const Eigen::MatrixXd x = gaussian(120, 5, 2);
        // City-block distances are not Euclidean-embeddable: negative eigenvalues appear.
        Eigen::MatrixXd d(x.rows(), x.rows());
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            for (Eigen::Index j = 0; j < x.rows(); ++j) d(i, j) = (x.row(i) - x.row(j)).lpNorm<1>();
        MdsOptions opt;
        opt.components = 3;
        const MdsResult full = computeClassicalMds(d, opt);
        opt.fullSpectrumMaxN = 50;
        const MdsResult part = computeClassicalMds(d, opt);
        QVERIFY(!part.spectrumComplete);
        QCOMPARE(part.eigenvalues.size(), Eigen::Index(6));
        QVERIFY((part.coordinates - full.coordinates).cwiseAbs().maxCoeff() < 1e-6);
        QVERIFY(full.negativeCount > 0);
        QVERIFY(part.negativeCount > 0);
        QVERIFY(std::abs(part.eigenvalues(5) - full.eigenvalues(119)) < 1e-8);
        QVERIFY(full.negativeMass > 0.0);
        QVERIFY(std::abs(full.positiveMass - full.negativeMass - full.trace) < 1e-8 * full.trace);
    }

    void badInputIsRefused() {
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeClassicalMds(Eigen::MatrixXd(5, 4)));
        QVERIFY_THROWS_EXCEPTION(
            InputError, (void)computeClassicalMds(Eigen::MatrixXd(Eigen::MatrixXd::Zero(3, 3))));
        Eigen::MatrixXd d = euclideanDistances(gaussian(10, 2, 3));
        Eigen::MatrixXd asym = d;
        asym(1, 2) += 1.0;
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)computeClassicalMds(asym));
        Eigen::MatrixXd nan = d;
        nan(1, 2) = nan(2, 1) = std::nan("");
        try {
            (void)computeClassicalMds(nan);
            QFAIL("no exception");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("2 NaN"), e.what());
        }
        Eigen::MatrixXd diag = d;
        diag(4, 4) = 1.0;
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)computeClassicalMds(diag));
        MdsOptions opt;
        opt.components = 10;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeClassicalMds(d, opt));
    }

    void cancellationThrows() {
        Progress p;
        p.cancel();
        const Eigen::MatrixXd d = euclideanDistances(gaussian(30, 2, 4));
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)computeClassicalMds(d, {}, p));
    }
};

QTEST_APPLESS_MAIN(TestEmbedMds)
#include "test_embed_mds.moc"
