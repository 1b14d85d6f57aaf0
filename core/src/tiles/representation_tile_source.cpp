#include "repscope/tiles/representation_tile_source.h"

#include <cmath>
#include <limits>

#include "repscope/tiles/normalised_rows.h"

namespace repscope::tiles {

using metrics::RdmMeasure;

RepresentationTileSource::RepresentationTileSource(const MatrixF& x, RdmMeasure measure,
                                                   std::vector<std::size_t> order,
                                                   Progress& progress)
    : n_(x.rows()), measure_(measure), order_(std::move(order)) {
    NormalisedRows base = normaliseRows(x, measure, order_);
    progress.report(0.5);
    Level level0;
    level0.means = std::move(base.z);
    level0.sqnorm = std::move(base.sqnorm);
    level0.count.assign(base.valid.begin(), base.valid.end());
    pyramid_.push_back(std::move(level0));
    const int coarsest = tiles::coarsestLevel(n_);
    const Eigen::Index d = x.cols();
    for (int k = 1; k <= coarsest; ++k) {
        const Level& fine = pyramid_.back();
        const Eigen::Index cells = cellsAtLevel(n_, k);
        const Eigen::Index fineCells = fine.means.rows();
        Level coarse;
        coarse.means.resize(cells, d);
        coarse.sqnorm.assign(static_cast<std::size_t>(cells), 0.0F);
        coarse.count.assign(static_cast<std::size_t>(cells), 0.0F);
        for (Eigen::Index i = 0; i < cells; ++i) {
            const Eigen::Index a = 2 * i;
            const Eigen::Index b = std::min(a + 1, fineCells - 1);
            const float ca = fine.count[static_cast<std::size_t>(a)];
            const float cb = b == a ? 0.0F : fine.count[static_cast<std::size_t>(b)];
            const float c = ca + cb;
            const auto idx = static_cast<std::size_t>(i);
            coarse.count[idx] = c;
            if (c > 0.0F) {
                const float wa = ca / c;
                const float wb = cb / c;
                const float* pa = fine.means.data() + a * d;
                const float* pb = fine.means.data() + b * d;
                float* dst = coarse.means.data() + i * d;
                for (Eigen::Index j = 0; j < d; ++j) dst[j] = wa * pa[j] + wb * pb[j];
                coarse.sqnorm[idx] = wa * fine.sqnorm[static_cast<std::size_t>(a)] +
                                     wb * fine.sqnorm[static_cast<std::size_t>(b)];
            } else {
                coarse.means.row(i).setZero();
            }
        }
        pyramid_.push_back(std::move(coarse));
        progress.report(0.5 + 0.5 * k / std::max(1, coarsest));
    }
}

std::string RepresentationTileSource::measureName() const {
    return std::string(metrics::rdmMeasureName(measure_));
}

std::string RepresentationTileSource::valueName() const {
    switch (measure_) {
        case RdmMeasure::Correlation: return "correlation distance (1 − r)";
        case RdmMeasure::Cosine: return "cosine distance (1 − cos)";
        case RdmMeasure::Euclidean: return "euclidean distance";
        case RdmMeasure::SqEuclidean: return "squared euclidean distance";
    }
    return measureName();
}

std::string RepresentationTileSource::legend() const {
    if (measure_ == RdmMeasure::Euclidean) {
        return "zoomed out, a cell shows the square root of the mean squared distance of its block";
    }
    return {};
}

std::string RepresentationTileSource::undefinedReason(std::int64_t row, std::int64_t col) const {
    const auto& count = pyramid_.front().count;
    const auto bad = [&](std::int64_t p) {
        return p >= 0 && static_cast<std::size_t>(p) < count.size() && count[static_cast<std::size_t>(p)] == 0.0F;
    };
    const bool r = bad(row);
    const bool c = bad(col);
    if (!r && !c) return {};
    const std::string what = measure_ == metrics::RdmMeasure::Euclidean
                                 ? "holds NaN or infinite values"
                                 : "is constant (zero variance) or holds NaN/Inf";
    if (r && c) return "both patterns: each " + what;
    return std::string(r ? "the row's" : "the column's") + " pattern " + what;
}

std::vector<std::size_t> RepresentationTileSource::undefinedPositions() const {
    std::vector<std::size_t> out;
    const auto& count = pyramid_.front().count;
    for (std::size_t i = 0; i < count.size(); ++i) {
        if (count[i] == 0.0F) out.push_back(i);
    }
    return out;
}

std::size_t RepresentationTileSource::memoryBytes() const {
    std::size_t bytes = 0;
    for (const Level& l : pyramid_) {
        bytes += static_cast<std::size_t>(l.means.size()) * sizeof(float) +
                 (l.sqnorm.size() + l.count.size()) * sizeof(float);
    }
    return bytes;
}

TilePtr RepresentationTileSource::compute(const TileKey& key, Progress& progress) const {
    progress.throwIfCancelled();
    if (!isValid(key)) throw InputError("no such heatmap tile");
    const Level& level = pyramid_[static_cast<std::size_t>(key.level)];
    const Eigen::Index cells = level.means.rows();
    const Eigen::Index r0 = key.row * kTileSize;
    const Eigen::Index c0 = key.col * kTileSize;
    const Eigen::Index nr = std::min<Eigen::Index>(kTileSize, cells - r0);
    const Eigen::Index nc = std::min<Eigen::Index>(kTileSize, cells - c0);

    const MatrixF dots = level.means.middleRows(r0, nr) * level.means.middleRows(c0, nc).transpose();
    progress.throwIfCancelled();

    auto tile = std::make_shared<Tile>();
    tile->key = key;
    tile->rows = static_cast<int>(nr);
    tile->cols = static_cast<int>(nc);
    tile->values.resize(static_cast<std::size_t>(nr * nc));
    constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
    for (Eigen::Index i = 0; i < nr; ++i) {
        const auto gi = static_cast<std::size_t>(r0 + i);
        const float ci = level.count[gi];
        const float si = level.sqnorm[gi];
        float* out = tile->values.data() + i * nc;
        for (Eigen::Index j = 0; j < nc; ++j) {
            const auto gj = static_cast<std::size_t>(c0 + j);
            if (ci == 0.0F || level.count[gj] == 0.0F) {
                out[j] = kNaN;
            } else if (key.level == 0 && gi == gj) {
                out[j] = 0.0F;
            } else {
                out[j] = dissimilarityFromDot(measure_, dots(i, j), si, level.sqnorm[gj]);
            }
        }
    }
    tile->computeRange();
    return tile;
}

}  // namespace repscope::tiles
