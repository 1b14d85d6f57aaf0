#include "repscope/views/heatmap_geometry.h"

#include <algorithm>
#include <cmath>

namespace repscope::views {

using tiles::kTileSize;

HeatmapViewport HeatmapViewport::fit(std::int64_t rows, std::int64_t cols, QSizeF area) {
    HeatmapViewport vp;
    if (rows <= 0 || cols <= 0 || area.isEmpty()) return vp;
    vp.scale = std::min(area.width() / static_cast<double>(cols),
                        area.height() / static_cast<double>(rows));
    // Top-left aligned, so that the axis strips touch the matrix.
    vp.originX = 0.0;
    vp.originY = 0.0;
    return vp;
}

void HeatmapViewport::zoomAbout(double factor, double px, double py) {
    const double x = toStimulusX(px);
    const double y = toStimulusY(py);
    scale = std::clamp(scale * factor, 1e-6, 512.0);
    originX = x - px / scale;
    originY = y - py / scale;
}

HeatmapLayout HeatmapLayout::forSize(QSize size, QSizeF labelMargin, double strip) {
    constexpr double kMargin = 6.0;
    constexpr double kGap = 2.0;
    constexpr double kBar = 14.0;
    constexpr double kBarText = 64.0;
    const double w = size.width();
    const double h = size.height();
    HeatmapLayout l;
    const double labelW = labelMargin.width() > 0.0 ? labelMargin.width() + kGap : 0.0;
    const double labelH = labelMargin.height() > 0.0 ? labelMargin.height() + kGap : 0.0;
    const double left = kMargin + labelW + strip + kGap;
    const double top = kMargin + labelH + strip + kGap;
    const double right = w - kMargin - kBarText - kBar - 3 * kGap;
    l.matrix = QRectF(left, top, std::max(1.0, right - left), std::max(1.0, h - kMargin - top));
    l.rowStrip = QRectF(kMargin + labelW, top, strip, l.matrix.height());
    l.colStrip = QRectF(left, kMargin + labelH, l.matrix.width(), strip);
    if (labelW > 0.0) l.rowLabels = QRectF(kMargin, top, labelMargin.width(), l.matrix.height());
    if (labelH > 0.0) l.colLabels = QRectF(left, kMargin, l.matrix.width(), labelMargin.height());
    // As tall as a fitted square matrix, not the whole area below it.
    l.colorbar = QRectF(l.matrix.right() + 3 * kGap, top + 24.0, kBar,
                        std::max(1.0, std::min(l.matrix.height(), l.matrix.width()) - 48.0));
    return l;
}

int rangeLevel(std::int64_t rows, std::int64_t cols) {
    int level = 0;
    while (tiles::tilesAtLevel(rows, level) * tiles::tilesAtLevel(cols, level) > kRangeTiles) ++level;
    return level;
}

std::vector<tiles::TileKey> allTiles(std::int64_t rows, std::int64_t cols, int level) {
    std::vector<tiles::TileKey> keys;
    for (std::int64_t r = 0; r < tiles::tilesAtLevel(rows, level); ++r) {
        for (std::int64_t c = 0; c < tiles::tilesAtLevel(cols, level); ++c) keys.push_back({level, r, c});
    }
    return keys;
}

int levelForScale(double scale, int coarsestLevel) {
    if (scale >= 1.0) return 0;
    const int level = static_cast<int>(std::lround(std::log2(1.0 / scale)));
    return std::clamp(level, 0, coarsestLevel);
}

VisibleTiles visibleTiles(const HeatmapViewport& vp, QSizeF area, std::int64_t rows,
                          std::int64_t cols, int level) {
    VisibleTiles out;
    out.level = level;
    const double tileStimuli = static_cast<double>(kTileSize << level);
    const auto range = [&](double origin, double extent, std::int64_t n) {
        const double a = std::max(0.0, origin);
        const double b = std::min(static_cast<double>(n), origin + extent / vp.scale);
        if (b <= a) return std::pair<std::int64_t, std::int64_t>{0, 0};
        return std::pair{static_cast<std::int64_t>(std::floor(a / tileStimuli)),
                         std::min(tiles::tilesAtLevel(n, level),
                                  static_cast<std::int64_t>(std::ceil(b / tileStimuli)))};
    };
    const auto [r0, r1] = range(vp.originY, area.height(), rows);
    const auto [c0, c1] = range(vp.originX, area.width(), cols);
    for (std::int64_t r = r0; r < r1; ++r) {
        for (std::int64_t c = c0; c < c1; ++c) out.keys.push_back({level, r, c});
    }
    const double cx = vp.toStimulusX(area.width() / 2) / tileStimuli - 0.5;
    const double cy = vp.toStimulusY(area.height() / 2) / tileStimuli - 0.5;
    std::stable_sort(out.keys.begin(), out.keys.end(), [&](const auto& a, const auto& b) {
        const auto d = [&](const tiles::TileKey& k) {
            return std::hypot(static_cast<double>(k.col) - cx, static_cast<double>(k.row) - cy);
        };
        return d(a) < d(b);
    });
    return out;
}

}  // namespace repscope::views
