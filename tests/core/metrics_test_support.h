#pragma once
// Small helpers shared by the metric tests (random matrices, random orthogonal matrices).
#include <Eigen/Core>
#include <Eigen/QR>
#include <random>

#include "repscope/progress.h"

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

// A Progress that cancels itself at its first report.
class CancelAtFirstReport : public Progress {
protected:
    void onProgress(double) override { cancel(); }
};

}  // namespace repscope::test
