#include "repscope/views/scatter3d_picking.h"

#include <cmath>
#include <limits>

namespace repscope::views {

std::optional<std::size_t> pickNearestToRay(const ScatterPoints3& points, const PickRay& ray) {
    const double length = ray.direction.norm();
    if (!(length > 0.0) || !std::isfinite(length)) return std::nullopt;
    const Eigen::Vector3d d = ray.direction / length;
    double bestScore = std::numeric_limits<double>::infinity();
    double bestDepth = std::numeric_limits<double>::infinity();
    std::optional<std::size_t> best;
    double frontDepth = std::numeric_limits<double>::infinity();
    std::optional<std::size_t> front;  // nearest to the eye of those under the click
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const Eigen::Vector3d p = points.row(i).cast<double>().transpose() - ray.origin;
        const double t = p.dot(d);
        if (!(t > 0.0)) continue;  // behind the eye, or NaN
        const double reach = ray.radius + ray.slope * t;
        if (!(reach > 0.0)) continue;
        const double offset = (p - t * d).norm();
        if (offset > reach) continue;
        const double score = offset / reach;
        if (score <= ray.drawnFraction && t < frontDepth) {
            frontDepth = t;
            front = static_cast<std::size_t>(i);
        }
        if (score < bestScore || (score == bestScore && t < bestDepth)) {
            bestScore = score;
            bestDepth = t;
            best = static_cast<std::size_t>(i);
        }
    }
    return front ? front : best;
}

}  // namespace repscope::views
