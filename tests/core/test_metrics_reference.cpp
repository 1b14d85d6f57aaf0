// Published reference values on Kornblith et al.'s demo pair (tests/data/kornblith_demo.h5,
// see tests/data/README.md): linear CKA 0.55761, RBF CKA (t = 0.5) 0.65483, debiased linear
// CKA 0.51346, and the centred R²_CCA 0.545396 of metrics.md. Extra digits, from Kornblith's
// reference code (cka/center_gram/gram_linear/gram_rbf, numpy 1.24) run on the same file:
//   cka(gram_linear(X), gram_linear(Y))             -> 0.557613256611759
//   cka(gram_rbf(X, 0.5), gram_rbf(Y, 0.5))         -> 0.6548311822614983
//   cka(gram_linear(X), gram_linear(Y), True)       -> 0.5134564895055258
//   cka(gram_rbf(X, 1.0), gram_rbf(Y, 1.0))         -> 0.5758322230135366
//   qx,_ = np.linalg.qr(X - X.mean(0)); qy,_ = np.linalg.qr(Y - Y.mean(0))
//   np.linalg.norm(qx.T @ qy)**2 / 10               -> 0.5453963321908326
// svcca and pwcca by an independent numpy implementation (whitening CCA):
//   def cca(x, y):
//       x = x - x.mean(0); y = y - y.mean(0)
//       wx = inv(sqrtm(x.T@x)); wy = inv(sqrtm(y.T@y))
//       u, s, vt = np.linalg.svd(wx @ (x.T@y) @ wy); k = min(x.shape[1], y.shape[1])
//       h = x @ wx @ u[:, :k]; h /= np.linalg.norm(h, axis=0); return s[:k], h, x
//   def pwcca(x, y):
//       rho, h, xc = cca(x, y); a = np.abs(h.T @ xc).sum(1); return (a / a.sum()) @ rho
//   def svcca(x, y, keep):  # per side: k = first index with cumsum(s²)/sum(s²) >= keep, + 1
//       def red(x):
//           x = x - x.mean(0); u, s, vt = np.linalg.svd(x, full_matrices=False); v = s**2
//           k = np.searchsorted(np.cumsum(v) / v.sum(), keep) + 1; return x @ vt[:k].T
//       return cca(red(x), red(y))[0].mean()
//   pwcca(X, Y) -> 0.7346677196174028   pwcca(Y, X) -> 0.7368405675246633
//   svcca(X, Y, 0.99) -> 0.7310139587836589 (10 and 10 kept)   svcca(X, Y, 0.5) -> 0.5654873248663932
// Procrustes, kNN and unit matching by independent numpy/scipy code:
//   def norm(x): x = x - x.mean(0); return x / np.linalg.norm(x)
//   nu = np.linalg.svd(norm(X).T @ norm(Y), compute_uv=False).sum()
//   np.arccos(nu) -> 0.7432764761208088   np.sqrt(2 - 2*nu) -> 0.7262846403362411
//   Xw = np.c_[X[:30], X[:30]**2, X[:30]**3, np.sin(X[:30])]   # 30 × 40, D > N
//   np.arccos(np.linalg.svd(norm(Xw).T @ norm(Y[:30]), compute_uv=False).sum()) -> 0.7966926704114534
//   def nb(Z, k):  # k most similar by cosine, self excluded, ties to the lower index
//       U = Z / np.linalg.norm(Z, axis=1, keepdims=True); S = U @ U.T
//       return [set(j for _, j in sorted((-S[i, j], j) for j in range(len(Z)) if j != i)[:k])
//               for i in range(len(Z))]
//   a, b = nb(X, 10), nb(Y, 10)
//   mean(|a_i ∩ b_i| / 10) -> 0.27899999999999997   mean(|a_i ∩ b_i| / |a_i ∪ b_i|) -> 0.17012477460619874
//   C = np.corrcoef(X.T, Y.T)[:10, 10:]; r, c = linear_sum_assignment(C, maximize=True)
//   C[r, c].mean() -> 0.7208951224993615 (identity matching)
//   C2 = C[:, :7]; r, c = linear_sum_assignment(C2, maximize=True); C2[r, c].sum() / 7 -> 0.7151981180601928
#include <hdf5.h>

#include <QtTest>
#include <cmath>

#include "repscope/metrics/cca.h"
#include "repscope/metrics/cka.h"
#include "repscope/metrics/knn.h"
#include "repscope/metrics/procrustes.h"
#include "repscope/metrics/unit_match.h"
#include "test_support.h"

using namespace repscope::metrics;

namespace {

Eigen::MatrixXd readDataset(const char* path) {
    const QString file = repscope::test::sourceDir() + "/tests/data/kornblith_demo.h5";
    const hid_t f = H5Fopen(file.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) throw std::runtime_error("cannot open " + file.toStdString());
    const hid_t ds = H5Dopen2(f, path, H5P_DEFAULT);
    const hid_t space = H5Dget_space(ds);
    hsize_t dims[2] = {0, 0};
    H5Sget_simple_extent_dims(space, dims, nullptr);
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m(
        static_cast<Eigen::Index>(dims[0]), static_cast<Eigen::Index>(dims[1]));
    const herr_t rc = H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.data());
    H5Sclose(space);
    H5Dclose(ds);
    H5Fclose(f);
    if (rc < 0) throw std::runtime_error(std::string("cannot read ") + path);
    return m;
}

}  // namespace

class TestMetricsReference : public QObject {
    Q_OBJECT
    Eigen::MatrixXd x_, y_;
    repscope::MatrixF xf_, yf_;

private slots:
    void initTestCase() {
        x_ = readDataset("/demo/X");
        y_ = readDataset("/demo/Y");
        QCOMPARE(x_.rows(), 100);
        QCOMPARE(x_.cols(), 10);
        xf_ = x_.cast<float>();
        yf_ = y_.cast<float>();
    }
    void linearCka() {
        QVERIFY(std::abs(ckaLinear(x_, y_) - 0.55761) < 5e-5);
        QVERIFY(std::abs(ckaLinear(x_, y_) - 0.557613256611759) < 1e-12);
        QVERIFY(std::abs(ckaLinear(xf_, yf_) - 0.557613256611759) < 1e-5);
    }
    void rbfCka() {
        QVERIFY(std::abs(ckaRbf(x_, y_, 0.5) - 0.65483) < 5e-5);
        QVERIFY(std::abs(ckaRbf(x_, y_, 0.5) - 0.6548311822614983) < 1e-12);
        QVERIFY(std::abs(ckaRbf(xf_, yf_, 0.5) - 0.6548311822614983) < 1e-5);
        QVERIFY(std::abs(ckaRbf(x_, y_) - 0.5758322230135366) < 1e-12);
    }
    void debiasedLinearCka() {
        QVERIFY(std::abs(ckaLinearDebiased(x_, y_) - 0.51346) < 5e-5);
        QVERIFY(std::abs(ckaLinearDebiased(x_, y_) - 0.5134564895055258) < 1e-12);
        QVERIFY(std::abs(ckaLinearDebiased(xf_, yf_) - 0.5134564895055258) < 1e-5);
    }
    void centredCcaR2() {
        QVERIFY(std::abs(ccaR2(x_, y_) - 0.545396) < 5e-6);
        QVERIFY(std::abs(ccaR2(x_, y_) - 0.5453963321908326) < 1e-10);
        QVERIFY(std::abs(ccaR2(xf_, yf_) - 0.5453963321908326) < 1e-5);
    }
    void svccaAndPwcca() {
        QVERIFY(std::abs(pwcca(x_, y_) - 0.7346677196174028) < 1e-10);
        QVERIFY(std::abs(pwcca(y_, x_) - 0.7368405675246633) < 1e-10);
        QVERIFY(std::abs(svcca(x_, y_) - 0.7310139587836589) < 1e-10);
        QVERIFY(std::abs(svcca(x_, y_, 0.5) - 0.5654873248663932) < 1e-10);
        QVERIFY(std::abs(pwcca(xf_, yf_) - 0.7346677196174028) < 1e-5);
    }
    void procrustes() {
        QVERIFY(std::abs(procrustesAngular(x_, y_) - 0.7432764761208088) < 1e-10);
        QVERIFY(std::abs(procrustesEuclidean(x_, y_) - 0.7262846403362411) < 1e-10);
        QVERIFY(std::abs(procrustesAngular(xf_, yf_) - 0.7432764761208088) < 1e-5);
        Eigen::MatrixXd xw(30, 40);
        const Eigen::ArrayXXd x30 = x_.topRows(30).array();
        xw << x30.matrix(), x30.square().matrix(), x30.cube().matrix(), x30.sin().matrix();
        QVERIFY(std::abs(procrustesAngular(xw, Eigen::MatrixXd(y_.topRows(30))) - 0.7966926704114534) < 1e-10);
    }
    void neighbourhoods() {
        const KnnOverlap o = knnOverlap(x_, y_, 10);
        QVERIFY(std::abs(o.mutualKnn - 0.279) < 1e-12);
        QVERIFY(std::abs(o.jaccardKnn - 0.17012477460619874) < 1e-12);
        QVERIFY(std::abs(mutualKnn(xf_, yf_) - 0.279) < 1e-12);
    }
    void unitMatching() {
        // Y's units permuted: the matching must undo the permutation, the score is unchanged.
        const std::vector<Eigen::Index> perm{3, 7, 0, 9, 1, 5, 8, 2, 6, 4};
        Eigen::MatrixXd yp(100, 10);
        for (int j = 0; j < 10; ++j) yp.col(j) = y_.col(perm[static_cast<std::size_t>(j)]);
        const UnitMatch m = unitMatch(x_, yp);
        QVERIFY(std::abs(m.score - 0.7208951224993615) < 1e-12);
        for (int j = 0; j < 10; ++j) QCOMPARE(m.partner[static_cast<std::size_t>(perm[static_cast<std::size_t>(j)])], j);
        const UnitMatch m7 = unitMatch(x_, Eigen::MatrixXd(y_.leftCols(7)));
        QVERIFY(std::abs(m7.score - 0.7151981180601928) < 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestMetricsReference)
#include "test_metrics_reference.moc"
