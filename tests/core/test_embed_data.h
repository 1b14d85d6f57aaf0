#pragma once
// Data for the embedding tests: the UCI digits (read from resources/ with zlib), planted
// Gaussian clusters, and a leave-one-out k-NN classifier to score an embedding.
#include <zlib.h>

#include <Eigen/Core>
#include <Eigen/QR>
#include <QElapsedTimer>
#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "repscope/representation.h"

namespace repscope::test {

// Standard normal matrix (std::mt19937; the tests only need some fixed random data).
inline Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> nd;
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = nd(gen);
    return m;
}

// A random d×d orthogonal matrix (Q of the QR factorisation of a Gaussian matrix).
inline Eigen::MatrixXd randomOrthogonal(Eigen::Index d, unsigned seed) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian(d, d, seed));
    return qr.householderQ() * Eigen::MatrixXd::Identity(d, d);
}

struct LabelledData {
    MatrixF x;
    std::vector<int> labels;
};

// 1,797 rows of 64 pixel values followed by the digit.
inline LabelledData loadDigits() {
    const std::string path = std::string(REPSCOPE_SOURCE_DIR) + "/resources/digits/digits.csv.gz";
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) throw std::runtime_error("cannot open " + path);
    std::vector<float> values;
    std::vector<int> labels;
    char line[4096];
    while (gzgets(f, line, sizeof line) != nullptr) {
        std::vector<float> row;
        const char* p = line;
        while (*p != '\0' && *p != '\n') {
            char* end = nullptr;
            row.push_back(std::strtof(p, &end));
            p = end;
            if (*p == ',') ++p;
        }
        if (row.size() != 65) continue;
        labels.push_back(static_cast<int>(row.back()));
        values.insert(values.end(), row.begin(), row.end() - 1);
    }
    gzclose(f);
    LabelledData d;
    d.labels = labels;
    d.x = Eigen::Map<MatrixF>(values.data(), static_cast<Eigen::Index>(labels.size()), 64);
    return d;
}

// `clusters` isotropic Gaussian clusters of `perCluster` points in `dims` dimensions, centres
// at distance ~`separation` from each other.
inline LabelledData gaussianClusters(int clusters, int perCluster, int dims, double separation,
                                     unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> nd;
    LabelledData d;
    d.x.resize(clusters * perCluster, dims);
    for (int c = 0; c < clusters; ++c) {
        Eigen::VectorXd centre(dims);
        for (int j = 0; j < dims; ++j) centre(j) = nd(gen) * separation / 1.414;
        for (int i = 0; i < perCluster; ++i) {
            for (int j = 0; j < dims; ++j)
                d.x(c * perCluster + i, j) = static_cast<float>(centre(j) + nd(gen));
            d.labels.push_back(c);
        }
    }
    return d;
}

// Leave-one-out k-NN majority-vote accuracy in the embedding.
inline double knnAccuracy(const Eigen::MatrixXd& y, const std::vector<int>& labels, int k = 5) {
    const auto n = y.rows();
    int correct = 0;
    std::vector<std::pair<double, Eigen::Index>> d(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j)
            d[static_cast<std::size_t>(j)] = {j == i ? 1e300 : (y.row(i) - y.row(j)).squaredNorm(),
                                              j};
        std::partial_sort(d.begin(), d.begin() + k, d.end());
        std::map<int, int> votes;
        for (int c = 0; c < k; ++c)
            ++votes[labels[static_cast<std::size_t>(d[static_cast<std::size_t>(c)].second)]];
        const auto best = std::max_element(votes.begin(), votes.end(),
                                           [](auto& a, auto& b) { return a.second < b.second; });
        correct += best->first == labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    return static_cast<double>(correct) / static_cast<double>(n);
}

// Cancels itself at the first report at or beyond `fraction`; remembers when.
class CancelAtFraction : public Progress {
public:
    explicit CancelAtFraction(double fraction) : at_(fraction) {}
    // Milliseconds since the cancel request (-1 if none was made).
    [[nodiscard]] qint64 msSinceCancel() const { return cancelled_ ? timer_.elapsed() : -1; }

protected:
    void onProgress(double fraction) override {
        if (!cancelled_ && fraction >= at_) {
            cancelled_ = true;
            timer_.start();
            cancel();
        }
    }

private:
    double at_;
    bool cancelled_ = false;
    QElapsedTimer timer_;
};

}  // namespace repscope::test
