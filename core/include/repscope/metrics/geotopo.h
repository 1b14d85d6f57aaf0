#pragma once
// Quantiles and the geo-topological transform of Lin & Kriegeskorte (topological RSA, tRSA).
#include <Eigen/Core>
#include <string_view>

namespace repscope::metrics {

// The q-quantile of v exactly as numpy.quantile(v, q) with its default method "linear":
// with s = sorted(v) and h = (n − 1)·q, lo = ⌊h⌋, t = h − lo,
// result = s[lo] + t·(s[lo+1] − s[lo]) for t < 0.5 and s[lo+1] − (1 − t)·(s[lo+1] − s[lo])
// otherwise (numpy's _lerp, which is monotone and exact at t = 1). q ∈ [0, 1] (InputError
// otherwise); v non-empty. O(n) (nth_element).
[[nodiscard]] double quantileLinear(const Eigen::VectorXd& v, double q);

struct GeoTopo {
    double lower = 0.0;  // L: quantile level at or below which a dissimilarity becomes 0
    double upper = 1.0;  // U: quantile level at or above which it becomes 1
};

// Parses "L,U" (0 ≤ L ≤ U ≤ 1); throws InputError with the expected form otherwise.
[[nodiscard]] GeoTopo parseGeoTopo(std::string_view text);

// Geo-topological transform: l = quantileLinear(v, L), u = quantileLinear(v, U);
// v ≤ l → 0, v ≥ u → 1, otherwise (v − l) / (u − l). When l == u a value equal to both maps
// to 0 (the "at or below" rule is applied first).
[[nodiscard]] Eigen::VectorXd geoTopoTransform(const Eigen::VectorXd& v, const GeoTopo& g);

}  // namespace repscope::metrics
