#include "repscope/stats/t_tests.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace repscope::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) by the modified Lentz method; converges fast for
// x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x) {
    constexpr int kMaxIterations = 10000;
    constexpr double kEpsilon = 1e-16;
    constexpr double kTiny = 1e-300;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::abs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double md = m;
        const double m2 = 2.0 * md;
        double aa = md * (b - md) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEpsilon) break;
    }
    return h;
}

}  // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
    if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0)) return kNaN;
    if (x == 0.0) return 0.0;
    if (x == 1.0) return 1.0;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                            a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTSf(double t, double dof) {
    if (std::isnan(t) || !(dof > 0.0)) return kNaN;
    if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
    // ν/(ν+t²) loses precision for small t; 1 − x = t²/(ν+t²) is exact there, so use
    // I_x(ν/2, ½) = 1 − I_{1−x}(½, ν/2).
    const double t2 = t * t;
    const double x = dof / (dof + t2);
    const double tail = x < 0.5 ? 0.5 * regularizedIncompleteBeta(0.5 * dof, 0.5, x)
                                : 0.5 * (1.0 - regularizedIncompleteBeta(0.5, 0.5 * dof, t2 / (dof + t2)));
    return t >= 0.0 ? tail : 1.0 - tail;
}

MeanSem meanAndSem(const std::vector<double>& values) {
    MeanSem r;
    const double n = static_cast<double>(values.size());
    if (values.empty()) return {kNaN, kNaN};
    r.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    if (values.size() < 2) {
        r.sem = kNaN;
        return r;
    }
    double ss = 0.0;
    for (const double v : values) ss += (v - r.mean) * (v - r.mean);
    r.sem = std::sqrt(ss / (n - 1.0)) / std::sqrt(n);
    return r;
}

namespace {

double tStatistic(const MeanSem& m) {
    if (std::isnan(m.sem)) return kNaN;
    if (m.sem == 0.0) {
        if (m.mean == 0.0) return kNaN;
        return m.mean > 0 ? std::numeric_limits<double>::infinity()
                          : -std::numeric_limits<double>::infinity();
    }
    return m.mean / m.sem;
}

}  // namespace

TTest oneSampleTTestGreater(const std::vector<double>& values) {
    const double t = tStatistic(meanAndSem(values));
    if (std::isnan(t)) return {kNaN, kNaN};
    return {t, studentTSf(t, static_cast<double>(values.size()) - 1.0)};
}

TTest pairedTTest(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d[i] = a[i] - b[i];
    const double t = tStatistic(meanAndSem(d));
    if (std::isnan(t)) return {kNaN, kNaN};
    const double p = 2.0 * studentTSf(std::abs(t), static_cast<double>(d.size()) - 1.0);
    return {t, std::min(1.0, p)};
}

std::vector<double> benjaminiHochberg(const std::vector<double>& p) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!std::isnan(p[i])) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return p[x] < p[y]; });
    std::vector<double> q(p.size(), kNaN);
    const double m = static_cast<double>(order.size());
    double running = 1.0;
    for (std::size_t k = order.size(); k-- > 0;) {
        const double v = p[order[k]] * m / static_cast<double>(k + 1);
        running = std::min(running, v);
        q[order[k]] = running;
    }
    return q;
}

}  // namespace repscope::stats
