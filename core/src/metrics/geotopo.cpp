#include "repscope/metrics/geotopo.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "repscope/error.h"

namespace repscope::metrics {

double quantileLinear(const Eigen::VectorXd& v, double q) {
    if (!(q >= 0.0 && q <= 1.0)) {
        throw InputError("A quantile level must lie in [0, 1], but " + std::to_string(q) +
                         " was given.");
    }
    if (v.size() == 0) throw InputError("The quantile of an empty set of values is undefined.");
    std::vector<double> s(v.data(), v.data() + v.size());
    const double h = static_cast<double>(s.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double t = h - static_cast<double>(lo);
    std::nth_element(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(lo), s.end());
    const double a = s[lo];
    if (lo + 1 >= s.size()) return a;
    const double b = *std::min_element(s.begin() + static_cast<std::ptrdiff_t>(lo + 1), s.end());
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

GeoTopo parseGeoTopo(std::string_view text) {
    const auto comma = text.find(',');
    GeoTopo g;
    auto parse = [](std::string_view s, double& out) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
        return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
    };
    if (comma == std::string_view::npos || !parse(text.substr(0, comma), g.lower) ||
        !parse(text.substr(comma + 1), g.upper) || !(g.lower >= 0.0) || !(g.upper <= 1.0) ||
        !(g.lower <= g.upper)) {
        throw InputError("--geotopo expects two quantile levels L,U with 0 <= L <= U <= 1 "
                         "(e.g. 0.1,0.9), but got '" + std::string(text) + "'.");
    }
    return g;
}

Eigen::VectorXd geoTopoTransform(const Eigen::VectorXd& v, const GeoTopo& g) {
    if (!(g.lower >= 0.0 && g.lower <= g.upper && g.upper <= 1.0)) {
        throw InputError("The geo-topological transform needs quantile levels 0 <= L <= U <= 1.");
    }
    const double l = quantileLinear(v, g.lower);
    const double u = quantileLinear(v, g.upper);
    Eigen::VectorXd out(v.size());
    const Eigen::Index n = v.size();
#pragma omp parallel for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = v(i);
        out(i) = x <= l ? 0.0 : (x >= u ? 1.0 : (x - l) / (u - l));
    }
    return out;
}

}  // namespace repscope::metrics
