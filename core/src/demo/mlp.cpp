#include "demo/mlp.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "demo/rng.h"
#include "repscope/error.h"

namespace repscope::demo {
namespace {

// Runs Eigen's products on the calling thread only, for the guard's lifetime: the matrices are
// tiny, so OpenMP teams cost more than they save (on a loaded machine, 10-50x more), and one
// thread keeps the summation order independent of the core count. omp_set_num_threads changes
// only the calling thread's setting, so other threads are unaffected.
class SingleThreadedEigen {
public:
    SingleThreadedEigen() {
#ifdef _OPENMP
        saved_ = omp_get_max_threads();
        omp_set_num_threads(1);
#endif
    }
    SingleThreadedEigen(const SingleThreadedEigen&) = delete;
    SingleThreadedEigen& operator=(const SingleThreadedEigen&) = delete;
    ~SingleThreadedEigen() {
#ifdef _OPENMP
        omp_set_num_threads(saved_);
#endif
    }

private:
    int saved_ = 1;
};

// Softmax cross-entropy gradient with respect to the logits, averaged over the batch:
// (softmax(z) - onehot(y)) / batch.
MatrixF softmaxGradient(const MatrixF& logits, const std::vector<int>& labels) {
    MatrixF g = logits;
    const float invBatch = 1.0f / static_cast<float>(g.rows());
    for (Eigen::Index r = 0; r < g.rows(); ++r) {
        auto row = g.row(r);
        const float maxValue = row.maxCoeff();
        row = (row.array() - maxValue).exp().matrix();
        const float sum = row.sum();
        row *= invBatch / sum;
        row(labels[static_cast<std::size_t>(r)]) -= invBatch;
    }
    return g;
}

}  // namespace

Mlp::Mlp(int inputs, int classes, const MlpConfig& config) : config_(config) {
    if (inputs <= 0 || classes <= 1 || config.hiddenWidths.empty() || config.batchSize <= 0 ||
        config.epochs <= 0) {
        throw InputError("The MLP configuration is invalid.");
    }
    std::vector<int> widths{inputs};
    for (int w : config.hiddenWidths) {
        if (w <= 0) throw InputError("An MLP hidden layer width must be positive.");
        widths.push_back(w);
    }
    widths.push_back(classes);
    // He (Kaiming) uniform initialisation: U(-sqrt(6 / fan_in), sqrt(6 / fan_in)), zero biases.
    DemoRng rng(config.seed);
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        const int in = widths[l];
        const int out = widths[l + 1];
        Layer layer;
        layer.w.resize(in, out);
        const float bound = std::sqrt(6.0f / static_cast<float>(in));
        for (Eigen::Index i = 0; i < in; ++i) {
            for (Eigen::Index j = 0; j < out; ++j) layer.w(i, j) = rng.uniform(-bound, bound);
        }
        layer.b = Eigen::RowVectorXf::Zero(out);
        layer.mw = MatrixF::Zero(in, out);
        layer.vw = MatrixF::Zero(in, out);
        layer.mb = Eigen::RowVectorXf::Zero(out);
        layer.vb = Eigen::RowVectorXf::Zero(out);
        layers_.push_back(std::move(layer));
    }
}

double Mlp::flopsPerEpoch(std::size_t samples) const {
    double params = 0.0;
    for (const Layer& l : layers_) params += static_cast<double>(l.w.size());
    return 6.0 * params * static_cast<double>(samples);
}

std::vector<MatrixF> Mlp::forward(const MatrixF& x) const {
    const SingleThreadedEigen singleThreaded;
    std::vector<MatrixF> acts;
    acts.reserve(layers_.size());
    const MatrixF* in = &x;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        MatrixF z = (*in) * layers_[l].w;
        z.rowwise() += layers_[l].b;
        if (l + 1 < layers_.size()) z = z.cwiseMax(0.0f);
        acts.push_back(std::move(z));
        in = &acts.back();
    }
    return acts;
}

void Mlp::adamStep(Layer& layer, const MatrixF& gw, const Eigen::RowVectorXf& gb, float stepScale,
                   float biasCorrection2) const {
    const float b1 = config_.beta1;
    const float b2 = config_.beta2;
    const float eps = config_.epsilon;
    // Update = lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps).
    layer.mw = b1 * layer.mw + (1.0f - b1) * gw;
    layer.vw = b2 * layer.vw + (1.0f - b2) * gw.cwiseAbs2();
    layer.w.array() -=
        stepScale * layer.mw.array() / ((layer.vw.array() / biasCorrection2).sqrt() + eps);
    layer.mb = b1 * layer.mb + (1.0f - b1) * gb;
    layer.vb = b2 * layer.vb + (1.0f - b2) * gb.cwiseAbs2();
    layer.b.array() -=
        stepScale * layer.mb.array() / ((layer.vb.array() / biasCorrection2).sqrt() + eps);
}

void Mlp::train(const MatrixF& x, const std::vector<int>& y, const std::vector<std::size_t>& rows,
                Progress& progress, double progressFrom, double progressTo) {
    if (rows.empty()) throw InputError("The MLP has no training stimuli.");
    const SingleThreadedEigen singleThreaded;
    DemoRng rng(config_.seed ^ 0x9e3779b9u);
    std::vector<std::size_t> order = rows;
    const auto batchSize = static_cast<std::size_t>(config_.batchSize);
    const std::size_t nLayers = layers_.size();
    std::vector<MatrixF> acts(nLayers);
    MatrixF xb;
    std::vector<int> yb;
    // beta^t kept as running products (exact IEEE multiplications, no std::pow).
    float beta1Power = 1.0f;
    float beta2Power = 1.0f;
    for (int epoch = 0; epoch < config_.epochs; ++epoch) {
        rng.shuffle(order);
        for (std::size_t start = 0; start < order.size(); start += batchSize) {
            progress.throwIfCancelled();
            const std::size_t count = std::min(batchSize, order.size() - start);
            xb.resize(static_cast<Eigen::Index>(count), x.cols());
            yb.resize(count);
            for (std::size_t i = 0; i < count; ++i) {
                xb.row(static_cast<Eigen::Index>(i)) =
                    x.row(static_cast<Eigen::Index>(order[start + i]));
                yb[i] = y[order[start + i]];
            }
            // Forward.
            const MatrixF* in = &xb;
            for (std::size_t l = 0; l < nLayers; ++l) {
                acts[l].noalias() = (*in) * layers_[l].w;
                acts[l].rowwise() += layers_[l].b;
                if (l + 1 < nLayers) acts[l] = acts[l].cwiseMax(0.0f);
                in = &acts[l];
            }
            // Backward (delta = dLoss/dz of layer l), then Adam.
            beta1Power *= config_.beta1;
            beta2Power *= config_.beta2;
            const float stepScale = config_.learningRate / (1.0f - beta1Power);
            const float biasCorrection2 = 1.0f - beta2Power;
            MatrixF delta = softmaxGradient(acts[nLayers - 1], yb);
            for (std::size_t l = nLayers; l-- > 0;) {
                const MatrixF& prev = l == 0 ? xb : acts[l - 1];
                MatrixF gw;
                gw.noalias() = prev.transpose() * delta;
                const Eigen::RowVectorXf gb = delta.colwise().sum();
                if (l > 0) {
                    MatrixF back;
                    back.noalias() = delta * layers_[l].w.transpose();
                    // ReLU derivative: zero where the activation was clamped.
                    delta = (acts[l - 1].array() > 0.0f).select(back, 0.0f);
                }
                adamStep(layers_[l], gw, gb, stepScale, biasCorrection2);
            }
        }
        progress.report(progressFrom + (progressTo - progressFrom) *
                                           static_cast<double>(epoch + 1) /
                                           static_cast<double>(config_.epochs));
    }
}

std::vector<int> argmaxRows(const MatrixF& m) {
    std::vector<int> out(static_cast<std::size_t>(m.rows()), 0);
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        Eigen::Index best = 0;
        for (Eigen::Index c = 1; c < m.cols(); ++c) {
            if (m(r, c) > m(r, best)) best = c;
        }
        out[static_cast<std::size_t>(r)] = static_cast<int>(best);
    }
    return out;
}

}  // namespace repscope::demo
