// Tile sources: every cell at every level equals the naive block mean of the full matrix.
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

#include "repscope/metrics/rdm.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/tiles/rdm_file_tile_source.h"
#include "repscope/tiles/representation_tile_source.h"

using namespace repscope;
using namespace repscope::tiles;
using metrics::RdmMeasure;

namespace {

MatrixF randomMatrix(Eigen::Index n, Eigen::Index d, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0F, 1.0F);
    MatrixF x(n, d);
    for (Eigen::Index i = 0; i < n; ++i) {
        const float offset = static_cast<float>(i % 7);
        for (Eigen::Index j = 0; j < d; ++j) x(i, j) = normal(rng) + offset * 0.3F;
    }
    return x;
}

std::vector<std::size_t> shuffled(std::size_t n, unsigned seed) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    return order;
}

// Mean of full(order[p], order[q]) over the block of cell (r, c) at `level`, NaN-skipping.
double naiveBlockMean(const Eigen::MatrixXd& full, const std::vector<std::size_t>& order,
                      int level, std::int64_t r, std::int64_t c) {
    const std::int64_t n = full.rows();
    const std::int64_t b = std::int64_t{1} << level;
    double sum = 0.0;
    int count = 0;
    for (std::int64_t p = r * b; p < std::min(n, (r + 1) * b); ++p) {
        for (std::int64_t q = c * b; q < std::min(n, (c + 1) * b); ++q) {
            const auto i = static_cast<Eigen::Index>(order.empty() ? static_cast<std::size_t>(p) : order[static_cast<std::size_t>(p)]);
            const auto j = static_cast<Eigen::Index>(order.empty() ? static_cast<std::size_t>(q) : order[static_cast<std::size_t>(q)]);
            if (!std::isfinite(full(i, j))) continue;
            sum += full(i, j);
            ++count;
        }
    }
    return count == 0 ? std::nan("") : sum / count;
}

// Compares every cell of every tile of every level; returns the largest relative error.
double maxError(const TileSource& source, const Eigen::MatrixXd& full,
                const std::vector<std::size_t>& order, bool sqrtOfMean = false) {
    double worst = 0.0;
    for (int level = 0; level <= source.coarsestLevel(); ++level) {
        for (std::int64_t tr = 0; tr < tilesAtLevel(source.rows(), level); ++tr) {
            for (std::int64_t tc = 0; tc < tilesAtLevel(source.cols(), level); ++tc) {
                const TilePtr tile = source.compute({level, tr, tc}, silentProgress());
                for (int r = 0; r < tile->rows; ++r) {
                    for (int c = 0; c < tile->cols; ++c) {
                        double expected = naiveBlockMean(full, order, level, tr * kTileSize + r,
                                                         tc * kTileSize + c);
                        if (sqrtOfMean) expected = std::sqrt(expected);
                        const double got = tile->at(r, c);
                        if (std::isnan(expected) != std::isnan(got)) return 1e9;
                        if (std::isnan(expected)) continue;
                        worst = std::max(worst, std::abs(got - expected) / std::max(1.0, std::abs(expected)));
                    }
                }
            }
        }
    }
    return worst;
}

class MemoryRdm final : public Representation {
public:
    explicit MemoryRdm(MatrixF m) : Representation(makeInfo(m)), m_(std::move(m)) {}
    MatrixF readRows(std::size_t first, std::size_t count) const override {
        return m_.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
    }
    using Representation::readRows;

private:
    static RepresentationInfo makeInfo(const MatrixF& m) {
        RepresentationInfo info;
        info.file = "memory.h5";
        info.path = "/rdm";
        info.n = static_cast<std::size_t>(m.rows());
        info.d = static_cast<std::size_t>(m.cols());
        info.kind = RepresentationKind::Rdm;
        info.rdmMeasure = "behaviour";
        return info;
    }
    MatrixF m_;
};

}  // namespace

class TestTilesSources : public QObject {
    Q_OBJECT
private slots:
    void representationCoarseTilesAreBlockMeans_data() {
        QTest::addColumn<int>("measure");
        QTest::addColumn<bool>("ordered");
        for (RdmMeasure m : {RdmMeasure::Correlation, RdmMeasure::Cosine, RdmMeasure::SqEuclidean}) {
            const std::string name(metrics::rdmMeasureName(m));
            QTest::newRow((name + " original").c_str()) << static_cast<int>(m) << false;
            QTest::newRow((name + " shuffled").c_str()) << static_cast<int>(m) << true;
        }
    }
    void representationCoarseTilesAreBlockMeans() {
        QFETCH(int, measure);
        QFETCH(bool, ordered);
        const auto m = static_cast<RdmMeasure>(measure);
        // 601 stimuli: three levels, partial last blocks and partial edge tiles.
        const MatrixF x = randomMatrix(601, 24, 7);
        const std::vector<std::size_t> order = ordered ? shuffled(601, 3) : std::vector<std::size_t>{};
        const Eigen::MatrixXd full = metrics::computeRdm(x, m);
        const RepresentationTileSource source(x, m, order);
        QCOMPARE(source.coarsestLevel(), 2);
        const double err = maxError(source, full, order);
        QVERIFY2(err < 1e-5, qPrintable(QString::number(err)));
    }
    void euclideanCoarseLevelsShowRootMeanSquare() {
        const MatrixF x = randomMatrix(300, 16, 11);
        const Eigen::MatrixXd sq = metrics::computeRdm(x, RdmMeasure::SqEuclidean);
        const RepresentationTileSource source(x, RdmMeasure::Euclidean);
        QVERIFY(!source.legend().empty());
        QVERIFY(maxError(source, sq, {}, true) < 1e-5);
        // Level 0 is the plain Euclidean RDM.
        const Eigen::MatrixXd eu = metrics::computeRdm(x, RdmMeasure::Euclidean);
        const TilePtr t = source.compute({0, 1, 0}, silentProgress());
        QVERIFY(std::abs(t->at(3, 5) - eu(256 + 3, 5)) < 1e-4);
    }
    void undefinedRowsGiveNaNCells() {
        MatrixF x = randomMatrix(600, 8, 5);
        x.row(6).setConstant(2.0F);  // zero variance
        const RepresentationTileSource source(x, RdmMeasure::Correlation);
        QCOMPARE(source.undefinedPositions(), std::vector<std::size_t>{6});
        const TilePtr fine = source.compute({0, 0, 0}, silentProgress());
        QVERIFY(std::isnan(fine->at(6, 3)));
        QVERIFY(std::isnan(fine->at(3, 6)));
        QVERIFY(std::isfinite(fine->at(3, 4)));
        // Coarse cells average the defined entries: the block holding row 6 is still finite.
        const TilePtr coarse = source.compute({1, 0, 0}, silentProgress());
        QVERIFY(std::isfinite(coarse->at(3, 1)));
        QVERIFY(std::isfinite(coarse->at(3, 3)));
    }
    void rdmFileTilesAreBlockMeans_data() {
        QTest::addColumn<int>("overviewCells");
        QTest::addColumn<bool>("ordered");
        QTest::newRow("rows only") << 4096 << false;
        QTest::newRow("overview") << 64 << false;
        QTest::newRow("overview shuffled") << 64 << true;
    }
    void rdmFileTilesAreBlockMeans() {
        QFETCH(int, overviewCells);
        QFETCH(bool, ordered);
        const MatrixF x = randomMatrix(530, 12, 9);
        Eigen::MatrixXd full = metrics::computeRdm(x, RdmMeasure::Correlation);
        full(3, 4) = std::nan("");  // missing entries are skipped
        const auto rdm = std::make_shared<MemoryRdm>(full.cast<float>().eval());
        const std::vector<std::size_t> order = ordered ? shuffled(530, 1) : std::vector<std::size_t>{};
        const RdmFileTileSource source(rdm, order, overviewCells);
        QCOMPARE(source.measureName(), std::string("behaviour"));
        QVERIFY(maxError(source, full, order) < 1e-5);
    }
    void denseTilesAreBlockMeans() {
        const MatrixF m = randomMatrix(300, 300, 2);
        const std::vector<std::size_t> order = shuffled(300, 8);
        const DenseTileSource source(m, "cka_linear", order, order);
        QVERIFY(maxError(source, m.cast<double>(), order) < 1e-5);
    }
    void rejectsBadInput() {
        const MatrixF x = randomMatrix(10, 4, 1);
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 RepresentationTileSource(x, RdmMeasure::Cosine, {1, 2, 3}));
        const auto notSquare = std::make_shared<MemoryRdm>(x);
        QVERIFY_THROWS_EXCEPTION(FormatError, RdmFileTileSource{notSquare});
        const RepresentationTileSource source(x, RdmMeasure::Cosine);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)source.compute({0, 1, 0}, silentProgress()));
    }
    void cancelledComputationThrows() {
        const RepresentationTileSource source(randomMatrix(50, 4, 1), RdmMeasure::Cosine);
        Progress p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, (void)source.compute({0, 0, 0}, p));
    }
};

QTEST_APPLESS_MAIN(TestTilesSources)
#include "test_tiles_sources.moc"
