#pragma once
// A small multi-layer perceptron (ReLU hidden layers, softmax cross-entropy) trained with
// mini-batch Adam on Eigen float matrices. Deterministic for a given seed: initialisation and
// batch order come from DemoRng, and no reduction depends on thread scheduling.
#include <cstdint>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::demo {

struct MlpConfig {
    std::vector<int> hiddenWidths;  // e.g. {64, 64, 32}
    std::uint32_t seed = 1;
    int epochs = 30;
    int batchSize = 32;
    float learningRate = 2e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
};

class Mlp {
public:
    Mlp(int inputs, int classes, const MlpConfig& config);

    // Trains on the given rows of x (inputs already scaled) with labels y in [0, classes).
    // Reports progress in [progressFrom, progressTo] once per epoch and checks for cancellation
    // after every batch.
    void train(const MatrixF& x, const std::vector<int>& y, const std::vector<std::size_t>& rows,
               Progress& progress, double progressFrom, double progressTo);

    // Activations of every layer for every row of x: post-ReLU hidden layers, then the logits
    // (pre-softmax).
    [[nodiscard]] std::vector<MatrixF> forward(const MatrixF& x) const;

    [[nodiscard]] const MlpConfig& config() const { return config_; }
    // Floating-point operations of one training epoch over `samples` rows (for progress weights).
    [[nodiscard]] double flopsPerEpoch(std::size_t samples) const;

private:
    struct Layer {
        MatrixF w;  // in × out
        Eigen::RowVectorXf b;
        MatrixF mw, vw;  // Adam moments
        Eigen::RowVectorXf mb, vb;
    };
    void adamStep(Layer& layer, const MatrixF& gw, const Eigen::RowVectorXf& gb, float stepScale,
                  float biasCorrection2) const;

    MlpConfig config_;
    std::vector<Layer> layers_;
};

// Index of the largest entry of each row (first on ties).
[[nodiscard]] std::vector<int> argmaxRows(const MatrixF& m);

}  // namespace repscope::demo
