#include "scatter_splat.h"

#include <algorithm>
#include <cmath>

namespace repscope::views::detail {
namespace {

QRgb opaque(std::uint32_t rgba) {
    return qRgb(static_cast<int>(rgba & 0xffU), static_cast<int>((rgba >> 8U) & 0xffU),
                static_cast<int>((rgba >> 16U) & 0xffU));
}

QRgb faded(QRgb c, float dim) {
    const auto f = [dim](int v) { return static_cast<int>(std::lround(v + dim * (204.0F - v))); };
    return qRgb(f(qRed(c)), f(qGreen(c)), f(qBlue(c)));
}

void fillSquare(QImage& image, int x0, int y0, int side, QRgb colour) {
    const int x1 = std::min(image.width(), x0 + side);
    const int y1 = std::min(image.height(), y0 + side);
    for (int y = std::max(0, y0); y < y1; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = std::max(0, x0); x < x1; ++x) line[x] = colour;
    }
}

}  // namespace

void splatPoints(QImage& image, const SplatInput& in) {
    const ScatterPoints& from = *in.from;
    const ScatterPoints& to = *in.to;
    const bool animating = in.mix < 1.0F && from.rows() == to.rows();
    const QSizeF area(image.width(), image.height());
    const QRgb rim = qRgb(26, 26, 26);
    for (int pass = 0; pass < (in.hasSelection ? 2 : 1); ++pass) {
        const int side = pass == 0 ? in.size : in.size + 2;
        for (Eigen::Index i = 0; i < to.rows(); ++i) {
            const bool selected = in.hasSelection && (*in.selected)[static_cast<std::size_t>(i)] != 0;
            if (selected != (pass == 1)) continue;
            float x = to(i, 0);
            float y = to(i, 1);
            if (animating) {
                x = from(i, 0) + (x - from(i, 0)) * in.mix;
                y = from(i, 1) + (y - from(i, 1)) * in.mix;
            }
            if (!std::isfinite(x) || !std::isfinite(y)) continue;
            const QPointF p = in.viewport.toPixel(QPointF(x, y), area);
            // The pixels whose centres (i + 0.5) lie in [p − side/2, p + side/2): an odd square
            // centred on the pixel the point lies in.
            const int x0 = static_cast<int>(std::floor(p.x() - side / 2.0 + 0.5));
            const int y0 = static_cast<int>(std::floor(p.y() - side / 2.0 + 0.5));
            if (x0 >= image.width() || y0 >= image.height() || x0 + side <= 0 || y0 + side <= 0)
                continue;
            const QRgb colour = opaque((*in.colours)[static_cast<std::size_t>(i)]);
            if (selected) {
                fillSquare(image, x0, y0, side, rim);
                fillSquare(image, x0 + 1, y0 + 1, side - 2, colour);
            } else {
                fillSquare(image, x0, y0, side, in.hasSelection ? faded(colour, in.dim) : colour);
            }
        }
    }
}

}  // namespace repscope::views::detail
