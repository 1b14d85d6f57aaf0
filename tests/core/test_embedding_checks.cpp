// Embedding-model checks (embedding-checks.md): retrieval, compatibility, prefixes and spectrum
// against a straightforward float64 reference written here from the contract's formulas (full
// sort of every query's gallery, AP by its definition, SVD map, eigenvalues from an SVD, R² from
// an explicit projection), plus analytic cases and bad input.
#include <Eigen/Dense>
#include <Eigen/SVD>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "metrics_test_support.h"
#include "repscope/embedding_checks/compatibility.h"
#include "repscope/embedding_checks/prefix.h"
#include "repscope/embedding_checks/retrieval.h"
#include "repscope/embedding_checks/spectrum.h"
#include "repscope/error.h"
#include "repscope/metrics/registry.h"

using namespace repscope;
using namespace repscope::embedding_checks;
using Eigen::Index;
using Eigen::MatrixXd;
using repscope::test::randomNormal;
using repscope::test::randomOrthogonal;

namespace {

struct RefScores {
    std::vector<double> topK;
    double map = 0.0;
    std::vector<double> ap;  // NaN: no query or no relevant item
};

// The contract, literally: rank every other stimulus by cosine (descending, ties in file order),
// then top-k and the average precision over the ranks of the relevant items.
RefScores referenceRetrieval(const MatrixXd& q, const MatrixXd& g, const std::vector<std::int32_t>& codes,
                             const std::vector<int>& ks) {
    const Index n = q.rows();
    RefScores out;
    out.topK.assign(ks.size(), 0.0);
    out.ap.assign(static_cast<std::size_t>(n), std::nan(""));
    double apSum = 0.0;
    int queries = 0;
    int withRelevant = 0;
    for (Index i = 0; i < n; ++i) {
        const std::int32_t ci = codes[static_cast<std::size_t>(i)];
        if (ci < 0) continue;
        ++queries;
        std::vector<std::pair<double, Index>> ranked;
        for (Index j = 0; j < n; ++j) {
            if (j == i) continue;
            double dot = 0.0, nq = 0.0, ng = 0.0;
            for (Index c = 0; c < q.cols(); ++c) {
                dot += q(i, c) * g(j, c);
                nq += q(i, c) * q(i, c);
                ng += g(j, c) * g(j, c);
            }
            ranked.emplace_back(dot / std::sqrt(nq) / std::sqrt(ng), j);
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        int hits = 0;
        double precisionSum = 0.0;
        std::size_t firstHit = 0;
        for (std::size_t r = 0; r < ranked.size(); ++r) {
            if (codes[static_cast<std::size_t>(ranked[r].second)] != ci) continue;
            ++hits;
            precisionSum += static_cast<double>(hits) / static_cast<double>(r + 1);
            if (firstHit == 0) firstHit = r + 1;
        }
        for (std::size_t t = 0; t < ks.size(); ++t) {
            if (firstHit != 0 && firstHit <= static_cast<std::size_t>(ks[t])) out.topK[t] += 1.0;
        }
        if (hits > 0) {
            out.ap[static_cast<std::size_t>(i)] = precisionSum / hits;
            apSum += precisionSum / hits;
            ++withRelevant;
        }
    }
    for (double& v : out.topK) v /= queries;
    out.map = apSum / withRelevant;
    return out;
}

// Random rows with exact ties: some rows are copies (or positive multiples) of others.
MatrixXd withDuplicates(Index n, Index d, unsigned seed) {
    MatrixXd x = randomNormal(n, d, seed);
    for (Index i = 7; i < n; i += 9) x.row(i) = x.row(i / 3);
    for (Index i = 11; i < n; i += 13) x.row(i) = 2.0 * x.row(i - 5);
    return x.cast<float>().cast<double>();  // exactly representable in float32
}

std::vector<std::int32_t> someCodes(Index n, int categories, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> pick(0, categories - 1);
    std::vector<std::int32_t> codes(static_cast<std::size_t>(n));
    for (auto& c : codes) c = pick(gen);
    if (codes.size() > 5) {        // (the guard also keeps GCC's null-dereference check quiet)
        codes[3] = -1;             // no category: no query, never relevant
        codes[5] = categories;     // a category of its own: a query with no relevant item
    }
    return codes;
}

MatrixF toFloat(const MatrixXd& x) { return x.cast<float>(); }

void compareScores(const RetrievalScores& got, const RefScores& want, double tol = 1e-9) {
    QCOMPARE(got.topK.size(), want.topK.size());
    for (std::size_t t = 0; t < want.topK.size(); ++t) {
        QVERIFY2(std::abs(got.topK[t] - want.topK[t]) <= tol,
                 qPrintable(QString("top%1: %2 vs %3").arg(got.ks[t]).arg(got.topK[t]).arg(want.topK[t])));
    }
    QVERIFY2(std::abs(got.meanAveragePrecision - want.map) <= tol,
             qPrintable(QString("mAP %1 vs %2").arg(got.meanAveragePrecision).arg(want.map)));
    for (std::size_t i = 0; i < want.ap.size(); ++i) {
        if (std::isnan(want.ap[i])) {
            QVERIFY(std::isnan(got.averagePrecision[i]));
        } else {
            QVERIFY2(std::abs(got.averagePrecision[i] - want.ap[i]) <= tol, qPrintable(QString::number(i)));
        }
    }
}

// Between-category share by an explicit projection onto the centred one-hot columns.
double referenceR2(const MatrixXd& x, const std::vector<std::int32_t>& codes, int categories) {
    const MatrixXd xc = x.rowwise() - x.colwise().mean();
    MatrixXd onehot = MatrixXd::Zero(x.rows(), categories);
    for (Index i = 0; i < x.rows(); ++i) {
        if (codes[static_cast<std::size_t>(i)] >= 0) onehot(i, codes[static_cast<std::size_t>(i)]) = 1.0;
    }
    const MatrixXd g = onehot.rowwise() - onehot.colwise().mean();
    const Eigen::CompleteOrthogonalDecomposition<MatrixXd> cod(g);
    const MatrixXd projected = g * cod.solve(xc);  // least squares: P X_c
    return projected.squaredNorm() / xc.squaredNorm();
}

}  // namespace

class TestEmbeddingChecks : public QObject {
    Q_OBJECT
private slots:
    void retrievalMatchesReferenceWithTies_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("categories");
        QTest::newRow("small, many categories") << 90 << 4 << 12;
        QTest::newRow("two categories, long buckets") << 700 << 3 << 2;
        QTest::newRow("larger, spread") << 1500 << 12 << 7;
    }
    void retrievalMatchesReferenceWithTies() {
        QFETCH(int, n);
        QFETCH(int, d);
        QFETCH(int, categories);
        const MatrixXd x = withDuplicates(n, d, 11);
        const MatrixXd y = withDuplicates(n, d, 12);
        const auto codes = someCodes(n, categories, 5);
        const std::vector<int> ks{1, 3, 10};
        RetrievalOptions o;
        o.ks = ks;
        compareScores(cosineRetrieval(toFloat(x), toFloat(x), codes, o), referenceRetrieval(x, x, codes, ks));
        compareScores(cosineRetrieval(toFloat(y), toFloat(x), codes, o), referenceRetrieval(y, x, codes, ks));
        // Top-k alone (the cheaper path) agrees.
        o.averagePrecision = false;
        const RetrievalScores fast = cosineRetrieval(toFloat(y), toFloat(x), codes, o);
        const RefScores want = referenceRetrieval(y, x, codes, ks);
        for (std::size_t t = 0; t < ks.size(); ++t) QCOMPARE(fast.topK[t], want.topK[t]);
        QVERIFY(std::isnan(fast.meanAveragePrecision));
    }

    void tiesKeepFileOrder() {
        // Query 0 = (1, 0). Gallery: 1 (other category) and 2 (same) both at cosine 1, then 3
        // (same, cosine 0), then 4 (other, −1). File order puts 1 first: relevant at ranks 2
        // and 3, AP = (1/2 + 2/3) / 2; top-1 misses.
        MatrixF x(5, 2);
        x << 1, 0, 3, 0, 2, 0, 0, 1, -1, 0;
        const std::vector<std::int32_t> codes{0, 1, 0, 0, 1};
        RetrievalOptions o;
        o.ks = {1, 2};
        const RetrievalScores s = cosineRetrieval(x, x, codes, o);
        QCOMPARE(s.firstRelevantRank[0], std::size_t{2});
        QVERIFY(std::abs(s.averagePrecision[0] - 7.0 / 12.0) < 1e-12);
        // Query 2: gallery 0 (same), 1 (other) tie at 1, then 3, 4: ranks 1 and 3 relevant.
        QCOMPARE(s.firstRelevantRank[2], std::size_t{1});
        QVERIFY(std::abs(s.averagePrecision[2] - (1.0 + 2.0 / 3.0) / 2.0) < 1e-12);
    }

    void retrievalRefusesBadInput() {
        MatrixF x = toFloat(randomNormal(20, 3, 1));
        const std::vector<std::int32_t> codes(20, 0);
        RetrievalOptions o;
        o.ks = {20};
        QVERIFY_THROWS_EXCEPTION(InputError, (void)cosineRetrieval(x, x, codes, o));
        o.ks = {1};
        x.row(4).setZero();
        try {
            (void)cosineRetrieval(x, x, codes, o);
            QFAIL("an all-zero row was accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("stimulus 4"), e.what());
        }
        x(4, 0) = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)cosineRetrieval(x, x, codes, o));
        const MatrixF wide = toFloat(randomNormal(20, 4, 2));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)cosineRetrieval(wide, toFloat(randomNormal(20, 3, 1)), codes, o));
    }

    void cancelStopsRetrieval() {
        const MatrixF x = toFloat(randomNormal(50, 3, 1));
        repscope::test::CancelAtFirstReport cancel;
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)cosineRetrieval(x, x, std::vector<std::int32_t>(50, 0), {}, cancel));
    }

    void compatMatchesReference() {
        const MatrixXd oldX = withDuplicates(160, 6, 3);
        const MatrixXd newX = withDuplicates(160, 6, 4);
        const auto codes = someCodes(160, 5, 9);
        const CompatResult r = compatibility(toFloat(oldX), toFloat(newX), codes);
        const std::vector<int> ks{1, 5};
        const RefScores oo = referenceRetrieval(oldX, oldX, codes, ks);
        const RefScores nn = referenceRetrieval(newX, newX, codes, ks);
        const RefScores no = referenceRetrieval(newX, oldX, codes, ks);
        QCOMPARE(r.queries, std::size_t{159});
        QCOMPARE(r.measures.size(), std::size_t{3});
        QCOMPARE(r.measures[0].name, std::string("top1"));
        QCOMPARE(r.measures[2].name, std::string("map"));
        const double want[3][3] = {{oo.topK[0], nn.topK[0], no.topK[0]},
                                   {oo.topK[1], nn.topK[1], no.topK[1]},
                                   {oo.map, nn.map, no.map}};
        for (int m = 0; m < 3; ++m) {
            const CompatMeasure& c = r.measures[static_cast<std::size_t>(m)];
            QVERIFY(std::abs(c.oldOld - want[m][0]) < 1e-9);
            QVERIFY(std::abs(c.newNew - want[m][1]) < 1e-9);
            QVERIFY(std::abs(c.newOld - want[m][2]) < 1e-9);
            QCOMPARE(c.compatible, want[m][2] >= want[m][0]);
            const double gain = (want[m][2] - want[m][0]) / (want[m][1] - want[m][0]);
            QVERIFY2(std::abs(c.updateGain - gain) < 1e-9, qPrintable(QString::number(c.updateGain)));
        }
    }

    void rotatedCopyIsCompatibleAfterAlignment() {
        // new = old · P with P a signed permutation (exact in float32), plus an offset.
        const MatrixXd oldX = randomNormal(120, 5, 21);
        MatrixXd p = MatrixXd::Zero(5, 5);
        const int perm[5] = {3, 0, 4, 1, 2};
        for (int i = 0; i < 5; ++i) p(i, perm[i]) = (i % 2 == 0) ? 1.0 : -1.0;
        const auto codes = someCodes(120, 4, 2);
        const MatrixF newX = toFloat(oldX * p);
        // Without alignment the rotated copy answers its own queries as well as the old model...
        const CompatResult raw = compatibility(toFloat(oldX), newX, codes);
        QCOMPARE(raw.measures.back().newNew, raw.measures.back().oldOld);
        // ...and with it, new → old equals old → old on the odd stimuli: compatible, gain 1.
        CompatOptions o;
        o.alignment = Alignment::Orthogonal;
        const CompatResult r = compatibility(toFloat(oldX), newX, codes, o);
        QCOMPARE(r.stimuli.size(), std::size_t{60});
        QCOMPARE(r.stimuli.front(), std::size_t{1});
        QVERIFY((r.map - p.transpose()).cwiseAbs().maxCoeff() < 1e-6);
        for (const CompatMeasure& m : r.measures) {
            QVERIFY2(m.compatible, m.name.c_str());
            QCOMPARE(m.newOld, m.oldOld);
            QCOMPARE(m.updateGain, 1.0);
        }
        // The odd stimuli alone, by the reference.
        std::vector<Index> odd;
        for (Index i = 1; i < 120; i += 2) odd.push_back(i);
        const MatrixXd oddOld = oldX(odd, Eigen::all);
        std::vector<std::int32_t> oddCodes;
        for (Index i : odd) oddCodes.push_back(codes[static_cast<std::size_t>(i)]);
        const RefScores want = referenceRetrieval(oddOld, oddOld, oddCodes, {1, 5});
        QVERIFY(std::abs(r.measures.back().oldOld - want.map) < 1e-9);
        QVERIFY(std::abs(r.measures.front().oldOld - want.topK[0]) < 1e-9);
    }

    void orthogonalMapMatchesSvdAcrossDimensions() {
        // new (7 dims) = old (5 dims) · Q with orthonormal rows, plus an offset; W from the
        // reference SVD on the centred even rows maps it back.
        const MatrixXd oldX = randomNormal(100, 5, 31);
        const MatrixXd q = randomOrthogonal(7, 32).topRows(5);
        Eigen::RowVectorXd offset(7);
        offset << 3, -2, 1, 0.5, 4, -1, 2;
        const MatrixXd newX = (oldX * q).rowwise() + offset;
        std::vector<std::size_t> even;
        std::vector<Index> evenIdx;
        for (Index i = 0; i < 100; i += 2) {
            even.push_back(static_cast<std::size_t>(i));
            evenIdx.push_back(i);
        }
        const MatrixF newF = toFloat(newX);
        const MatrixF oldF = toFloat(oldX);
        const OrthogonalMap m = learnOrthogonalMap(newF, oldF, even);
        MatrixXd a = newF.cast<double>()(evenIdx, Eigen::all);
        MatrixXd b = oldF.cast<double>()(evenIdx, Eigen::all);
        a = a.rowwise() - a.colwise().mean();
        b = b.rowwise() - b.colwise().mean();
        Eigen::JacobiSVD<MatrixXd> svd(a.transpose() * b, Eigen::ComputeThinU | Eigen::ComputeThinV);
        const MatrixXd w = svd.matrixU() * svd.matrixV().transpose();
        QCOMPARE(m.w.rows(), Index{7});
        QCOMPARE(m.w.cols(), Index{5});
        QVERIFY((m.w - w).cwiseAbs().maxCoeff() < 1e-9);
        QVERIFY((m.w - q.transpose()).cwiseAbs().maxCoeff() < 1e-4);
        const MatrixXd mapped = m.apply(newF, {1, 3, 5});
        QVERIFY((mapped - oldX({1, 3, 5}, Eigen::all)).cwiseAbs().maxCoeff() < 1e-4);
        // Unequal dimensions need the alignment, and the refusal says so.
        const auto codes = someCodes(100, 3, 1);
        try {
            (void)compatibility(oldF, newF, codes);
            QFAIL("unequal dimensions were accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("--align orthogonal"), e.what());
        }
        CompatOptions o;
        o.alignment = Alignment::Orthogonal;
        const CompatResult r = compatibility(oldF, newF, codes, o);
        QVERIFY(std::abs(r.measures.back().newOld - r.measures.back().oldOld) < 0.02);
    }

    void gainConventions() {
        RetrievalScores a, b, c;
        for (RetrievalScores* s : {&a, &b, &c}) s->ks = {1};
        a.topK = {0.5};
        b.topK = {0.5};
        c.topK = {0.6};
        a.meanAveragePrecision = 0.4;
        b.meanAveragePrecision = 0.8;
        c.meanAveragePrecision = 0.3;
        const auto m = compareRetrievals(a, b, c);  // old, new, new→old
        QVERIFY(std::isnan(m[0].updateGain));       // no change of the model, a change across
        QVERIFY(m[0].compatible);
        QVERIFY(!m[1].compatible);
        QVERIFY(std::abs(m[1].updateGain - (0.3 - 0.4) / (0.8 - 0.4)) < 1e-12);
    }

    void prefixCurveMatchesReference() {
        const MatrixXd x = randomNormal(80, 12, 41) * randomNormal(12, 12, 42);
        const MatrixF xf = toFloat(x);
        const auto codes = someCodes(80, 4, 3);
        PrefixOptions o;
        o.dims = {3, 8, 12};
        o.codes = &codes;
        const PrefixCurve c = prefixCurve(xf, metrics::metric("cka_linear"), {}, o);
        QCOMPARE(c.dims, o.dims);
        QVERIFY(std::abs(c.value.back() - 1.0) < 1e-6);  // the full prefix is the self value
        const MatrixXd xd = xf.cast<double>();
        const MatrixXd full = xd.rowwise() - xd.colwise().mean();
        for (std::size_t k = 0; k < o.dims.size(); ++k) {
            const MatrixXd p = full.leftCols(o.dims[k]);
            const double cka = (full.transpose() * p).squaredNorm() /
                               ((p.transpose() * p).norm() * (full.transpose() * full).norm());
            QVERIFY2(std::abs(c.value[k] - cka) < 1e-5, qPrintable(QString::number(k)));
            const RefScores r = referenceRetrieval(xd.leftCols(o.dims[k]), xd.leftCols(o.dims[k]), codes, {1});
            QVERIFY(std::abs(c.top1[k] - r.topK[0]) < 1e-12);
        }
        // Procrustes distance of the full prefix to itself is 0.
        o.dims = {12};
        o.codes = nullptr;
        const PrefixCurve p = prefixCurve(xf, metrics::metric("procrustes_euclidean"), {}, o);
        QVERIFY(std::abs(p.value[0]) < 1e-3);
        QVERIFY(p.top1.empty());
    }

    void prefixSizes() {
        QCOMPARE(defaultPrefixDims(768), (std::vector<int>{8, 16, 32, 64, 128, 256, 512, 768}));
        QCOMPARE(defaultPrefixDims(64), (std::vector<int>{8, 16, 32, 64}));
        QCOMPARE(defaultPrefixDims(5), (std::vector<int>{5}));
        QVERIFY_THROWS_EXCEPTION(InputError, checkPrefixDims({8, 13}, 12, "x"));
        QVERIFY_THROWS_EXCEPTION(InputError, checkPrefixDims({0}, 12, "x"));
        QVERIFY_THROWS_EXCEPTION(InputError, checkPrefixDims({-4}, 12, "x"));
        checkPrefixDims({1, 12}, 12, "x");
    }

    void prefixGridPadsPastD() {
        // Rows of 12 and 40 dimensions: the union of their defaults, each row NaN past its D and
        // equal to its own curve where it has the size.
        QCOMPARE(gridPrefixDims({12, 40}), (std::vector<int>{8, 12, 16, 32, 40}));
        const MatrixF small = toFloat(randomNormal(60, 12, 71));
        const std::vector<int> grid{8, 12, 16, 32, 40};
        const auto codes = someCodes(60, 3, 72);
        PrefixOptions o;
        o.codes = &codes;
        o.dims = {99};  // ignored: the grid decides
        const PrefixCurve row = prefixCurveOnGrid(small, metrics::metric("cka_linear"), {}, grid, o);
        QCOMPARE(row.dims, grid);
        QCOMPARE(row.value.size(), grid.size());
        QCOMPARE(row.top1.size(), grid.size());
        o.dims = {8, 12};
        const PrefixCurve own = prefixCurve(small, metrics::metric("cka_linear"), {}, o);
        for (std::size_t k = 0; k < 2; ++k) {
            QCOMPARE(row.value[k], own.value[k]);
            QCOMPARE(row.top1[k], own.top1[k]);
        }
        QVERIFY(std::abs(row.value[1] - 1.0) < 1e-6);  // d = D: the self value
        for (std::size_t k = 2; k < grid.size(); ++k) {
            QVERIFY(std::isnan(row.value[k]));
            QVERIFY(std::isnan(row.top1[k]));
        }
        // Every size past D: all undefined, nothing computed; a size ≤ 0 is refused.
        const PrefixCurve none = prefixCurveOnGrid(small, metrics::metric("cka_linear"), {}, {16, 32});
        QVERIFY(std::isnan(none.value[0]) && std::isnan(none.value[1]) && none.top1.empty());
        QVERIFY_THROWS_EXCEPTION(InputError, (void)prefixCurveOnGrid(small, metrics::metric("cka_linear"), {}, {0, 8}));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)prefixCurveOnGrid(small, metrics::metric("cka_linear"), {}, {}));
    }

    void spectrumMatchesReference_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("d");
        QTest::newRow("N > D") << 90 << 7;
        QTest::newRow("N < D") << 12 << 30;
    }
    void spectrumMatchesReference() {
        QFETCH(int, n);
        QFETCH(int, d);
        MatrixXd x = randomNormal(n, d, 51) * randomNormal(d, 1, 52).col(0).asDiagonal();
        std::vector<std::int32_t> codes(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) codes[static_cast<std::size_t>(i)] = i % 3;
        for (int i = 0; i < n; ++i) x.row(i).array() += 0.7 * codes[static_cast<std::size_t>(i)];
        codes[1] = -1;  // a stimulus without a value
        const MatrixF xf = toFloat(x);
        const MatrixXd xd = xf.cast<double>();
        CategoryColumn col{"kind", {"a", "b", "c"}, codes};
        CategoryColumn one{"one", {"only"}, std::vector<std::int32_t>(static_cast<std::size_t>(n), 0)};
        const Spectrum s = computeSpectrum(xf, {col, one});
        const MatrixXd xc = xd.rowwise() - xd.colwise().mean();
        Eigen::JacobiSVD<MatrixXd> svd(xc);
        const Eigen::VectorXd lambda = svd.singularValues().array().square();
        QCOMPARE(s.explained.size(), static_cast<std::size_t>(std::min(n, d)));
        for (Index k = 0; k < lambda.size(); ++k) {
            QVERIFY(std::abs(s.explained[static_cast<std::size_t>(k)] - lambda(k) / lambda.sum()) < 1e-9);
        }
        const double pr = lambda.sum() * lambda.sum() / lambda.squaredNorm();
        QVERIFY2(std::abs(s.participationRatio - pr) < 1e-6 * pr, qPrintable(QString::number(s.participationRatio)));
        QCOMPARE(s.categories.size(), std::size_t{2});
        QCOMPARE(s.categories[0].column, std::string("kind"));
        QCOMPARE(s.categories[0].categories, std::size_t{3});
        const double r2 = referenceR2(xd, codes, 3);
        QVERIFY2(std::abs(s.categories[0].r2 - r2) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(s.categories[0].r2).arg(r2)));
        QVERIFY(s.categories[0].r2 > 0.0 && s.categories[0].r2 < 1.0);
        QCOMPARE(s.categories[1].r2, 0.0);
        QCOMPARE(s.categories[1].categories, std::size_t{1});
    }

    void spectrumRefusesBadInput() {
        MatrixF x = MatrixF::Ones(10, 3);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeSpectrum(x, {}));
        x(2, 1) = std::numeric_limits<float>::infinity();
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)computeSpectrum(x, {}));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)computeSpectrum(MatrixF::Ones(1, 3), {}));
    }
};

QTEST_APPLESS_MAIN(TestEmbeddingChecks)
#include "test_embedding_checks.moc"
