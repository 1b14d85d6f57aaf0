#include "repscope/views/heatmap_image.h"

#include <QPainter>

#include "heatmap_overlay.h"

namespace repscope::views {

QImage renderHeatmapImage(const tiles::TileSource& source, const HeatmapImageOptions& options,
                          Progress& progress) {
    const HeatmapLayout l = HeatmapLayout::forSize(options.size);
    const HeatmapViewport vp =
        options.viewport.value_or(HeatmapViewport::fit(source.rows(), source.cols(), l.matrix.size()));
    const int level = levelForScale(vp.scale, source.coarsestLevel());
    const VisibleTiles visible = visibleTiles(vp, l.matrix.size(), source.rows(), source.cols(), level);
    std::vector<tiles::TilePtr> drawn;
    drawn.reserve(visible.keys.size());
    for (std::size_t k = 0; k < visible.keys.size(); ++k) {
        drawn.push_back(source.compute(visible.keys[k], progress));
        progress.report(static_cast<double>(k + 1) / static_cast<double>(visible.keys.size()));
    }
    ColorScale scale = options.scale;
    if (scale.autoRange && !drawn.empty()) {
        std::tie(scale.low, scale.high) = options.rangeMode == RangeMode::WholeMatrix
                                              ? detail::wholeMatrixRange(source, progress)
                                              : detail::visibleRange(drawn, vp, l.matrix.size());
    }
    detail::SelectionMask mask;
    if (options.selection != nullptr) mask = detail::buildSelectionMask(source, *options.selection, level);

    QImage image(options.size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    const QRect clip(static_cast<int>(l.matrix.left()), static_cast<int>(l.matrix.top()),
                     static_cast<int>(l.matrix.width()), static_cast<int>(l.matrix.height()));
    for (const tiles::TilePtr& t : drawn) {
        detail::colourTile(image, l.matrix, clip, vp, source.rows(), source.cols(), *t, scale, mask);
    }
    detail::OverlayInput in;
    in.layout = l;
    in.viewport = vp;
    in.rows = source.rows();
    in.cols = source.cols();
    in.rowOrder = &source.rowOrder();
    in.colOrder = &source.colOrder();
    if (options.stimuli != nullptr && !options.categoryColumn.empty()) {
        const CategoryColumn* c = options.stimuli->column(options.categoryColumn);
        if (c != nullptr && static_cast<std::int64_t>(c->codes.size()) == source.rows()) in.categories = c;
    }
    in.scale = scale;
    in.measure = QString::fromStdString(source.valueName());
    if (options.scale.autoRange) in.scaleNote = detail::rangeNote(options.rangeMode, source.rows(), source.cols());
    QPainter painter(&image);
    detail::paintOverlays(painter, in);
    return image;
}

}  // namespace repscope::views
