#pragma once
// Small helpers shared by the metric tests (random matrices, random orthogonal matrices).
#include <Eigen/Core>
#include <Eigen/QR>
#include <algorithm>
#include <random>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::test {

inline Eigen::MatrixXd randomNormal(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> dist;
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = dist(gen);
    return m;
}

inline Eigen::MatrixXd randomOrthogonal(Eigen::Index n, unsigned seed) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(randomNormal(n, n, seed));
    return qr.householderQ() * Eigen::MatrixXd::Identity(n, n);
}

// Average ranks (ties share their mean rank, scipy.stats.rankdata's default), by sorting: the
// definition, for checking the radix rankings.
inline std::vector<double> averageRanksBySorting(const std::vector<double>& v) {
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto lo = std::lower_bound(sorted.begin(), sorted.end(), v[i]) - sorted.begin();
        const auto hi = std::upper_bound(sorted.begin(), sorted.end(), v[i]) - sorted.begin();
        r[i] = static_cast<double>(lo) + static_cast<double>(hi - lo + 1) / 2.0;
    }
    return r;
}

// A representation held in memory (what metrics that read stored data a block at a time get in
// tests): the rows of `values`, of the given kind (an RDM's rows are its N × N matrix's).
class MemoryRepresentation final : public Representation {
public:
    explicit MemoryRepresentation(MatrixF values, RepresentationKind kind = RepresentationKind::Features)
        : Representation(infoOf(values, kind)), values_(std::move(values)) {}
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        return values_.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
    }

private:
    static RepresentationInfo infoOf(const MatrixF& v, RepresentationKind kind) {
        RepresentationInfo info;
        info.file = "memory";
        info.path = "/values";
        info.kind = kind;
        info.n = static_cast<std::size_t>(v.rows());
        info.d = static_cast<std::size_t>(v.cols());
        info.shape = {info.n, info.d};
        return info;
    }
    MatrixF values_;
};

// A Progress that cancels itself at its first report.
class CancelAtFirstReport : public Progress {
protected:
    void onProgress(double) override { cancel(); }
};

// Kornblith's center_gram(gram, unbiased) and cka(), written out for the test.
inline Eigen::MatrixXd centerGram(Eigen::MatrixXd g, bool unbiased) {
    const double n = static_cast<double>(g.rows());
    if (unbiased) {
        g.diagonal().setZero();
        Eigen::VectorXd means = g.colwise().sum().transpose() / (n - 2);
        double total = 0;
        for (Eigen::Index i = 0; i < means.size(); ++i) total += means(i);
        means.array() -= total / (2 * (n - 1));
        g.colwise() -= means;
        g.rowwise() -= means.transpose();
        g.diagonal().setZero();
    } else {
        Eigen::VectorXd means = g.colwise().mean().transpose();
        double total = 0;
        for (Eigen::Index i = 0; i < means.size(); ++i) total += means(i);
        means.array() -= total / n / 2;
        g.colwise() -= means;
        g.rowwise() -= means.transpose();
    }
    return g;
}

inline double textbookLinearCka(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, bool unbiased) {
    const Eigen::MatrixXd k = centerGram(x * x.transpose(), unbiased);
    const Eigen::MatrixXd l = centerGram(y * y.transpose(), unbiased);
    return k.cwiseProduct(l).sum() / (k.norm() * l.norm());
}


}  // namespace repscope::test
