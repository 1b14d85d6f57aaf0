#pragma once
// Which point of a 3-D scatter a click hits: a pure search along the ray through the clicked
// pixel, so that picking is tested without a view or a camera.
#include <Eigen/Core>
#include <cstddef>
#include <optional>

namespace repscope::views {

// N points as rows (x, y, z) in world coordinates.
using ScatterPoints3 = Eigen::Matrix<float, Eigen::Dynamic, 3, Eigen::RowMajor>;

// The ray from the eye through a clicked pixel and how far from it a point may lie and still be
// hit: `radius + slope · t` world units at distance t along the ray. A perspective camera gives
// a cone (radius 0, slope = reach in pixels × world units per pixel at unit distance), a
// parallel one a cylinder (slope 0).
struct PickRay {
    Eigen::Vector3d origin = Eigen::Vector3d::Zero();
    Eigen::Vector3d direction = Eigen::Vector3d::UnitZ();  // need not be unit length
    double radius = 0.0;
    double slope = 0.0;
    // The share of the reach that a drawn point covers (its radius / the reach): a click on the
    // drawn disc of several points hits the front one, as it is the one seen.
    double drawnFraction = 0.0;
};

// Of the points whose drawn disc covers the click (offset ≤ drawnFraction × reach), the one
// closest to the eye; else the point nearest the ray relative to its reach (offset / reach at
// its distance; ties: the closer to the eye). Only points ahead of the origin count; a NaN
// coordinate is never hit. nullopt when no point is within reach or the direction is zero.
[[nodiscard]] std::optional<std::size_t> pickNearestToRay(const ScatterPoints3& points,
                                                          const PickRay& ray);

}  // namespace repscope::views
