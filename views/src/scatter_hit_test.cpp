#include "repscope/views/scatter_hit_test.h"

#include <algorithm>
#include <limits>

namespace repscope::views {

std::vector<std::size_t> pointsInRectangle(const ScatterPoints& points, QPointF a, QPointF b) {
    const double x0 = std::min(a.x(), b.x());
    const double x1 = std::max(a.x(), b.x());
    const double y0 = std::min(a.y(), b.y());
    const double y1 = std::max(a.y(), b.y());
    std::vector<std::size_t> inside;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double x = points(i, 0);
        const double y = points(i, 1);
        // NaN fails every comparison, so it is never inside.
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside.push_back(static_cast<std::size_t>(i));
    }
    return inside;
}

std::vector<std::size_t> pointsInPolygon(const ScatterPoints& points,
                                         const std::vector<QPointF>& polygon) {
    std::vector<std::size_t> inside;
    if (polygon.size() < 3) return inside;
    double minX = std::numeric_limits<double>::infinity();
    double maxX = -minX;
    double minY = minX;
    double maxY = -minX;
    for (const QPointF& p : polygon) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    const std::size_t n = polygon.size();
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double x = points(i, 0);
        const double y = points(i, 1);
        if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;  // cheap reject
        // Even-odd rule: count the edges that a ray from (x, y) towards +x crosses.
        bool in = false;
        for (std::size_t k = 0, prev = n - 1; k < n; prev = k++) {
            const QPointF& p = polygon[k];
            const QPointF& q = polygon[prev];
            if ((p.y() > y) != (q.y() > y)) {
                const double crossX = p.x() + (y - p.y()) * (q.x() - p.x()) / (q.y() - p.y());
                if (x < crossX) in = !in;
            }
        }
        if (in) inside.push_back(static_cast<std::size_t>(i));
    }
    return inside;
}

}  // namespace repscope::views
