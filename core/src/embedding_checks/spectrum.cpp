#include "repscope/embedding_checks/spectrum.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/linalg/blas.h"

namespace repscope::embedding_checks {
namespace {

using Eigen::Index;

void checkInput(const MatrixF& x) {
    if (x.rows() < 2 || x.cols() < 1) {
        throw InputError("a spectrum needs at least 2 stimuli and 1 dimension; got " +
                         std::to_string(x.rows()) + " × " + std::to_string(x.cols()));
    }
    if (!allFinite(x)) {
        throw FormatError("the representation contains NaN or infinite values, so its variance is "
                          "undefined");
    }
}

Eigen::MatrixXd centred(const MatrixF& x) {
    Eigen::MatrixXd c = x.cast<double>();
    c.rowwise() -= c.colwise().mean();
    return c;
}

// Σ over groups of n_g ‖mean_g‖² for centred rows (groups: codes, −1 one group of its own).
double betweenSumOfSquares(const Eigen::MatrixXd& c, const std::vector<std::int32_t>& codes,
                           std::size_t* distinct) {
    std::map<std::int32_t, std::pair<Eigen::RowVectorXd, std::size_t>> groups;
    for (Index i = 0; i < c.rows(); ++i) {
        auto [it, added] = groups.try_emplace(codes[static_cast<std::size_t>(i)],
                                              Eigen::RowVectorXd::Zero(c.cols()), 0);
        it->second.first += c.row(i);
        ++it->second.second;
    }
    double between = 0.0;
    std::size_t present = 0;
    for (const auto& [code, g] : groups) {
        between += g.first.squaredNorm() / static_cast<double>(g.second);
        present += code >= 0 ? 1 : 0;
    }
    if (distinct != nullptr) *distinct = present;
    return between;
}

}  // namespace

double betweenCategoryShare(const MatrixF& x, const std::vector<std::int32_t>& codes) {
    checkInput(x);
    if (codes.size() != static_cast<std::size_t>(x.rows())) {
        throw InputError("the category column has " + std::to_string(codes.size()) +
                         " entries for " + std::to_string(x.rows()) + " stimuli");
    }
    const Eigen::MatrixXd c = centred(x);
    const double total = c.squaredNorm();
    if (!(total > 0.0)) {
        throw InputError("the representation has no variance (every stimulus has the same vector)");
    }
    return betweenSumOfSquares(c, codes, nullptr) / total;
}

Spectrum computeSpectrum(const MatrixF& x, const std::vector<CategoryColumn>& columns,
                         Progress& progress) {
    checkInput(x);
    checkMemoryBudget(static_cast<std::size_t>(x.rows()), static_cast<std::size_t>(x.cols()),
                      sizeof(double), "the centred representation");
    const Index n = x.rows();
    const Index d = x.cols();
    const Eigen::MatrixXd c = centred(x);
    const double total = c.squaredNorm();
    if (!(total > 0.0)) {
        throw InputError("the representation has no variance (every stimulus has the same vector), "
                         "so its spectrum is undefined");
    }
    progress.report(0.1);
    // The smaller of the two Gram matrices has the same non-zero eigenvalues.
    const Index m = std::min(n, d);
    checkMemoryBudget(static_cast<std::size_t>(m), static_cast<std::size_t>(m), sizeof(double),
                      "the covariance matrix");
    Eigen::MatrixXd gram(m, m);
    linalg::syrkLower(d <= n, 1.0, c, 0.0, gram);  // d ≤ n: cᵀc (D×D), else c cᵀ (N×N)
    progress.report(0.4);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram, Eigen::EigenvaluesOnly);
    progress.report(0.9);
    std::vector<double> lambda(eig.eigenvalues().data(), eig.eigenvalues().data() + m);
    for (double& l : lambda) l = std::max(l, 0.0);
    std::sort(lambda.begin(), lambda.end(), std::greater<>());
    double sumSquares = 0.0;
    for (const double l : lambda) sumSquares += l * l;
    Spectrum s;
    s.n = static_cast<std::size_t>(n);
    s.d = static_cast<std::size_t>(d);
    s.totalVariance = total / static_cast<double>(n - 1);
    for (const double l : lambda) s.explained.push_back(l / total);
    s.participationRatio = total * total / sumSquares;
    for (const CategoryColumn& col : columns) {
        if (col.codes.size() != static_cast<std::size_t>(n)) {
            throw InputError("the category column '" + col.name + "' has " +
                             std::to_string(col.codes.size()) + " entries for " +
                             std::to_string(n) + " stimuli");
        }
        CategoryShare share;
        share.column = col.name;
        share.r2 = betweenSumOfSquares(c, col.codes, &share.categories) / total;
        s.categories.push_back(share);
    }
    progress.report(1.0);
    return s;
}

}  // namespace repscope::embedding_checks
