#pragma once
// Which points of a 2-D scatter fall inside a brush, in data coordinates: pure functions, so that
// brushing is tested without a view. A point with a NaN coordinate is never inside.
#include <Eigen/Core>
#include <QPointF>
#include <cstddef>
#include <vector>

namespace repscope::views {

// N points as rows (x, y) in data coordinates.
using ScatterPoints = Eigen::Matrix<float, Eigen::Dynamic, 2, Eigen::RowMajor>;

// Indices (ascending) of the points inside the axis-aligned rectangle with corners a and b (in
// any order), borders included.
[[nodiscard]] std::vector<std::size_t> pointsInRectangle(const ScatterPoints& points, QPointF a,
                                                         QPointF b);

// Indices (ascending) of the points inside the polygon (closed implicitly, even-odd rule, so a
// self-crossing lasso behaves as drawn). Fewer than 3 vertices: none. Points exactly on an edge
// may fall either way.
[[nodiscard]] std::vector<std::size_t> pointsInPolygon(const ScatterPoints& points,
                                                       const std::vector<QPointF>& polygon);

}  // namespace repscope::views
