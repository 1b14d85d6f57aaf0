#include <QtTest>
#include <cmath>
#include <random>
#include <set>

#include "repscope/embed/knn.h"
#include "repscope/embed/neighbourhood.h"
#include "repscope/error.h"

#include "test_embed_data.h"

using namespace repscope;
using namespace repscope::embed;
using repscope::test::gaussian;
using repscope::test::randomOrthogonal;

namespace {


// The fixed example of the sklearn comparison below.
void sklearnExample(MatrixF& x, Eigen::MatrixXd& e) {
    x.resize(30, 5);
    e.resize(30, 2);
    for (int i = 0; i < 30; ++i) {
        for (int j = 0; j < 5; ++j)
            x(i, j) = static_cast<float>(std::sin(1.3 * i + 0.7 * j * j) + 0.1 * j);
        e(i, 0) = x(i, 0) + 0.3 * std::cos(2.1 * i);
        e(i, 1) = x(i, 1) - 0.2 * std::sin(0.9 * i * i);
    }
}

}  // namespace

class TestEmbedNeighbourhood : public QObject {
    Q_OBJECT
private slots:
    void trustworthinessMatchesSklearn() {
        // Expected values from scikit-learn 1.2 (Debian 12), computed once:
        //   import numpy as np
        //   from sklearn.manifold import trustworthiness
        //   i = np.arange(30)[:, None]; j = np.arange(5)[None, :]
        //   X = np.sin(1.3 * i + 0.7 * j * j) + 0.1 * j
        //   E = np.hstack([X[:, :1] + 0.3 * np.cos(2.1 * i),
        //                  X[:, 1:2] - 0.2 * np.sin(0.9 * i * i)])
        //   trustworthiness(X, E, n_neighbors=5)   # 0.9275757575757576
        //   trustworthiness(X, E, n_neighbors=10)  # 0.8917241379310344
        // (the same with X rounded to float32)
        MatrixF x;
        Eigen::MatrixXd e;
        sklearnExample(x, e);
        QVERIFY(std::abs(trustworthiness(x, e, 5) - 0.9275757575757576) < 1e-12);
        QVERIFY(std::abs(trustworthiness(x, e, 10) - 0.8917241379310344) < 1e-12);
        // An isometric embedding keeps every neighbourhood.
        QCOMPARE(trustworthiness(x, x.cast<double>() * 3.0, 5), 1.0);
    }

    void overlapMatchesDefinition() {
        const MatrixF x = gaussian(200, 12, 1).cast<float>();
        MatrixF y = x;
        for (Eigen::Index i = 0; i < y.rows(); ++i)
            y.row(i) *= float(1 + i % 7);  // cosine-invariant
        const Eigen::VectorXd same = neighbourhoodOverlap(x, y, 10);
        QCOMPARE(same.minCoeff(), 1.0);

        const MatrixF z = (x.cast<double>() + 0.7 * gaussian(200, 12, 2)).cast<float>();
        const Eigen::VectorXd o = neighbourhoodOverlap(x, z, 10);
        // Independent float64 implementation of the definition.
        auto neighbours = [](const MatrixF& m, Eigen::Index i, int k) {
            Eigen::MatrixXd u = m.cast<double>();
            u = u.rowwise().normalized();
            std::vector<std::pair<double, Eigen::Index>> s;
            for (Eigen::Index j = 0; j < u.rows(); ++j)
                if (j != i) s.emplace_back(-u.row(i).dot(u.row(j)), j);
            std::sort(s.begin(), s.end());
            std::set<Eigen::Index> out;
            for (int c = 0; c < k; ++c) out.insert(s[static_cast<std::size_t>(c)].second);
            return out;
        };
        for (Eigen::Index i = 0; i < 200; i += 7) {
            const auto a = neighbours(x, i, 10);
            const auto b = neighbours(z, i, 10);
            int common = 0;
            for (auto j : a) common += b.count(j) ? 1 : 0;
            QCOMPARE(o(i), common / 10.0);
        }
        QVERIFY(o.mean() > 0.1 && o.mean() < 0.95);
    }

    void approximateKnnFindsMostNeighbours() {
        const MatrixF x = gaussian(3000, 16, 3).cast<float>();
        const KnnGraph exact = exactKnn(x, 10, KnnMetric::Euclidean);
        const KnnGraph approx = approximateKnn(x, 10, KnnMetric::Euclidean, 1);
        int found = 0;
        for (int i = 0; i < exact.n; ++i) {
            std::set<int> a(exact.neighbours(i), exact.neighbours(i) + 10);
            for (int c = 0; c < 10; ++c) found += a.count(approx.neighbours(i)[c]) ? 1 : 0;
        }
        QVERIFY2(found > 0.95 * 30000, qPrintable(QString::number(found)));
        QVERIFY(std::abs(exact.neighbourDistances(5)[0] -
                         (x.row(5) - x.row(exact.neighbours(5)[0])).norm()) < 1e-4);
        const KnnGraph again = approximateKnn(x, 10, KnnMetric::Euclidean, 1);
        QVERIFY(again.indices == approx.indices);  // the seed fixes the graph
    }

    void badInputIsRefused() {
        MatrixF x;
        Eigen::MatrixXd e;
        sklearnExample(x, e);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)trustworthiness(x, e, 15));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)trustworthiness(x, e.topRows(20), 5));
        MatrixF zero = x;
        zero.row(4).setZero();
        try {
            (void)neighbourhoodOverlap(x, zero, 5);
            QFAIL("no exception");
        } catch (const InputError& err) {
            QVERIFY2(QString(err.what()).contains("Stimulus 4"), err.what());
        }
        MatrixF nan = x;
        nan(0, 0) = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)neighbourhoodOverlap(nan, x, 5));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)neighbourhoodOverlap(x, x.topRows(10), 5));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)exactKnn(x, 30, KnnMetric::Euclidean));
        Progress p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)trustworthiness(x, e, 5, p));
    }
};

QTEST_APPLESS_MAIN(TestEmbedNeighbourhood)
#include "test_embed_neighbourhood.moc"
