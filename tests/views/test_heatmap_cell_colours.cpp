// The GL heatmap's tile colours (detail::colourCells) against the colour scale's own mapping
// (ColorScale::colour8, what exports and figures use): every colormap, sequential and diverging,
// with and without gamma, values spread over and beyond the range, ±Inf, NaN (alpha 0), and the
// dimming of cells outside a selection, which must follow the first stimulus of each cell at the
// mask's level. Expected colours are computed from ColorScale and the dimming formula by hand.
#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

#include "../../views/src/heatmap_cell_colours.h"

using namespace repscope;
using namespace repscope::views;

namespace {

tiles::Tile tileOf(int rows, int cols, const std::vector<float>& values, tiles::TileKey key = {}) {
    tiles::Tile t;
    t.key = key;
    t.rows = rows;
    t.cols = cols;
    t.values = values;
    return t;
}

std::array<int, 4> texel(const std::vector<std::uint8_t>& rgba, std::size_t i) {
    return {rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2], rgba[i * 4 + 3]};
}

}  // namespace

class TestHeatmapCellColours : public QObject {
    Q_OBJECT
private slots:
    void coloursAreTheScalesColours_data() {
        QTest::addColumn<int>("map");
        QTest::addColumn<float>("gamma");
        for (Colormap m : allColormaps()) {
            for (float g : {1.0F, 0.6F, 2.2F}) {
                QTest::newRow(qPrintable(QStringLiteral("%1 gamma %2").arg(QString::fromUtf8(colormapName(m).data(),
                                                                                          qsizetype(colormapName(m).size())))
                                             .arg(double(g))))
                    << int(m) << g;
            }
        }
    }
    void coloursAreTheScalesColours() {
        QFETCH(int, map);
        QFETCH(float, gamma);
        ColorScale scale;
        scale.colormap = static_cast<Colormap>(map);
        scale.low = -0.37F;
        scale.high = 1.91F;
        scale.centre = 0.25F;
        scale.gamma = gamma;
        scale.nanColour = {9, 180, 44};
        const int rows = 37;
        const int cols = 53;
        std::vector<float> values(static_cast<std::size_t>(rows * cols));
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> spread(-1.0F, 3.0F);
        for (float& v : values) v = spread(rng);
        // Exact ends, the centre, out of range, infinities and undefined cells.
        const float inf = std::numeric_limits<float>::infinity();
        const float specials[] = {scale.low, scale.high, scale.centre, -5.0F, 9.0F, inf, -inf,
                                  std::numeric_limits<float>::quiet_NaN(), 0.0F, -0.0F};
        for (std::size_t i = 0; i < std::size(specials); ++i) values[i * 17] = specials[i];
        std::vector<std::uint8_t> rgba;
        detail::colourCells(tileOf(rows, cols, values), scale, {}, rgba);
        QCOMPARE(rgba.size(), values.size() * 4);
        int mismatches = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto want = scale.colour8(values[i]);
            const auto got = texel(rgba, i);
            const int alpha = std::isnan(values[i]) ? 0 : 255;
            if (got != std::array<int, 4>{want[0], want[1], want[2], alpha}) ++mismatches;
        }
        QCOMPARE(mismatches, 0);
    }

    void cellsOutsideTheSelectionAreDimmed() {
        // A level-1 tile (each cell covers 2 stimuli) at tile position (row 1, column 0): its
        // first stimulus row is 256 · 2 = 512. The mask is at level 2 (cells of 4 stimuli).
        const int level = 1;
        const int rows = 4;
        const int cols = 6;
        std::vector<float> values(static_cast<std::size_t>(rows * cols), 0.5F);
        values[5] = std::numeric_limits<float>::quiet_NaN();
        const auto tile = tileOf(rows, cols, values, {level, 1, 0});
        detail::SelectionMask mask;
        mask.level = 2;
        mask.rows.assign(1000, 0);
        mask.cols.assign(1000, 0);
        mask.rows[(512 + 2 * 2) >> 2] = 1;  // mask cell 129 (stimuli 516–519): tile rows 2 and 3
        mask.cols[(3 * 2) >> 2] = 1;         // mask cell 1 (stimuli 4–7): tile columns 2 and 3
        ColorScale scale;
        scale.low = 0.0F;
        scale.high = 1.0F;
        std::vector<std::uint8_t> rgba;
        detail::colourCells(tile, scale, mask, rgba);
        const auto plain = scale.colour(0.5F);
        std::array<int, 3> dimmed{};
        for (std::size_t k = 0; k < 3; ++k) {
            dimmed[k] = static_cast<int>(std::lround(plain[k] + detail::kDim * (detail::kDimColour[k] - plain[k])));
        }
        const auto plain8 = scale.colour8(0.5F);
        for (int y = 0; y < rows; ++y) {
            for (int x = 0; x < cols; ++x) {
                const auto i = static_cast<std::size_t>(y * cols + x);
                if (i == 5) continue;
                const bool lit = y == 2 || y == 3 || x == 2 || x == 3;
                const auto got = texel(rgba, i);
                const std::array<int, 4> want = lit ? std::array<int, 4>{plain8[0], plain8[1], plain8[2], 255}
                                                    : std::array<int, 4>{dimmed[0], dimmed[1], dimmed[2], 255};
                QVERIFY2(got == want, qPrintable(QStringLiteral("cell (%1, %2)").arg(y).arg(x)));
            }
        }
        QCOMPARE(texel(rgba, 5)[3], 0);  // undefined: alpha 0, hatched by the drawing pass
    }
};

QTEST_APPLESS_MAIN(TestHeatmapCellColours)
#include "test_heatmap_cell_colours.moc"
