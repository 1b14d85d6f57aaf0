#pragma once
// Student t tests over subjects and the Benjamini–Hochberg false discovery rate
// (alignment.md, "Evaluation and inference"). The t distribution's tail comes from the
// regularized incomplete beta function (continued fraction, Numerical Recipes §6.4):
// P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0.
#include <cstddef>
#include <vector>

namespace repscope::stats {

// I_x(a, b) for a, b > 0 and x in [0, 1]; NaN outside that domain.
[[nodiscard]] double regularizedIncompleteBeta(double a, double b, double x);
// P(T > t) for Student's t with ν > 0 degrees of freedom (scipy.stats.t.sf).
[[nodiscard]] double studentTSf(double t, double dof);

struct TTest {
    double t = 0.0;  // NaN when undefined (fewer than 2 values, or zero spread with zero mean)
    double p = 0.0;  // NaN when t is NaN
};

// One-sample t test of mean > 0 (scipy.stats.ttest_1samp(x, 0, alternative='greater')).
// Zero spread gives t = ±∞ and p = 0 or 1 (as scipy), or NaN when the mean is 0 too.
[[nodiscard]] TTest oneSampleTTestGreater(const std::vector<double>& values);
// Paired two-sided t test of a − b (scipy.stats.ttest_rel(a, b)); a and b have equal length.
[[nodiscard]] TTest pairedTTest(const std::vector<double>& a, const std::vector<double>& b);

// Mean and standard error (sample standard deviation with ddof 1, divided by √n); the error is
// NaN for fewer than 2 values.
struct MeanSem {
    double mean = 0.0;
    double sem = 0.0;
};
[[nodiscard]] MeanSem meanAndSem(const std::vector<double>& values);

// Benjamini–Hochberg adjusted p-values (q_(i) = min over j ≥ i of m p_(j) / j, at most 1), in
// the input order. NaN p-values stay NaN and do not count in m.
[[nodiscard]] std::vector<double> benjaminiHochberg(const std::vector<double>& p);

}  // namespace repscope::stats
