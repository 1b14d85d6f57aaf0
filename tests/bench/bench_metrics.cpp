// bench_metrics [--quick]: compute-only timings of the metric kernels on seeded random data, one
// JSON line per case (seconds = median of the repeats, useful GFLOP/s where the work is a
// product). Run it once as is and once with REPSCOPE_BLAS=eigen to compare the two product
// backends; tests/bench/run_metrics_bench.sh does both and the whole-process comparison with
// numpy/scipy. Not a test; see tests/bench/README.md.
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "repscope/linalg/blas.h"
#include "repscope/metrics/cka.h"
#include "repscope/metrics/layer_matrix.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/rsa.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

double timed(int repeats, const std::function<void()>& fn) {
    std::vector<double> t;
    for (int r = 0; r < repeats; ++r) {
        const auto start = Clock::now();
        fn();
        t.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    return median(t);
}

// Low-rank structure plus noise, like activations (so RDMs and CKA are not degenerate).
repscope::MatrixF activations(Eigen::Index n, Eigen::Index d, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<float> g;
    const Eigen::Index r = 32;
    Eigen::MatrixXf z(n, r), w(r, d), noise(n, d);
    for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = g(gen);
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = g(gen);
    for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = g(gen);
    repscope::MatrixF x = z * w / 4.0F + noise;
    return x;
}

void line(const char* name, const std::string& shape, double seconds, double flops,
          const double& value) {
    std::printf("{\"case\": \"%s\", \"shape\": \"%s\", \"backend\": \"%s\", \"seconds\": %.4f, "
                "\"gflops\": %.1f, \"value\": %.8g}\n",
                name, shape.c_str(), repscope::linalg::blasInfo().backend.c_str(), seconds,
                flops > 0 ? flops / seconds / 1e9 : 0.0, value);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    std::vector<std::string> only;  // case-name prefixes; empty = all
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else {
            only.emplace_back(argv[i]);
        }
    }
    const auto want = [&](const char* name) {
        return only.empty() || std::any_of(only.begin(), only.end(), [&](const std::string& o) {
                   return std::string(name).rfind(o, 0) == 0;
               });
    };
    const Eigen::Index n = quick ? 2000 : 10000;
    const Eigen::Index big = quick ? 512 : 4096;
    const Eigen::Index layerD = quick ? 256 : 1024;
    const int layers = quick ? 4 : 12;
    const int repeats = quick ? 1 : 3;
    std::fprintf(stderr, "bench_metrics: %s (%s)\n", repscope::linalg::blasInfo().backend.c_str(),
                 repscope::linalg::blasInfo().detail.c_str());

    // GEMM peak: C = AᵀB, square 4096 (float32 and float64).
    if (want("gemm")) {
        const Eigen::Index s = quick ? 1024 : 4096;
        const Eigen::MatrixXf a = Eigen::MatrixXf::Random(s, s), b = Eigen::MatrixXf::Random(s, s);
        Eigen::MatrixXf c(s, s);
        const double f = 2.0 * double(s) * double(s) * double(s);
        repscope::linalg::gemm(true, false, 1.0F, a, b, 0.0F, c);  // warm-up
        line("gemm_f32", std::to_string(s) + "^3",
             timed(repeats, [&] { repscope::linalg::gemm(true, false, 1.0F, a, b, 0.0F, c); }), f, 0);
        const Eigen::MatrixXd ad = a.cast<double>(), bd = b.cast<double>();
        Eigen::MatrixXd cd(s, s);
        line("gemm_f64", std::to_string(s) + "^3",
             timed(repeats, [&] { repscope::linalg::gemm(true, false, 1.0, ad, bd, 0.0, cd); }), f, 0);
    }
    const std::string shapeBig = std::to_string(n) + "x" + std::to_string(big);
    if (want("rdm") || want("cka_linear")) {
        const repscope::MatrixF x = activations(n, big, 1);
        double v = 0;
        // N²·D multiply-adds for the lower triangle of XXᵀ (the useful half).
        const double f = double(n) * double(n) * double(big);
        if (want("rdm")) line("rdm_correlation", shapeBig, timed(repeats, [&] {
                 v = repscope::metrics::computeRdm(x, repscope::metrics::RdmMeasure::Correlation)(1, 0);
             }), f, v);
        const repscope::MatrixF y = activations(n, big, 2);
        // feature space: XᵀX and YᵀY (half each, syrk) + XᵀY
        const double fc = 2.0 * double(n) * double(big) * double(big) * 2.0;
        if (want("cka_linear")) line("cka_linear", shapeBig, timed(repeats, [&] { v = repscope::metrics::ckaLinear(x, y); }), fc, v);
    }
    if (want("cka_linear_matrix")) {
        std::vector<repscope::MatrixF> data;
        for (int l = 0; l < layers; ++l) data.push_back(activations(n, layerD, 10 + l));
        std::vector<repscope::metrics::LayerOperand> ops;
        for (const auto& m : data) ops.push_back({&m, false, nullptr, {}});
        double v = 0;
        const double pairs = double(layers) * double(layers - 1) / 2.0;
        const double f = (pairs * 2.0 + double(layers)) * double(n) * double(layerD) * double(layerD);
        line("cka_linear_matrix", std::to_string(layers) + "x" + std::to_string(n) + "x" +
                                      std::to_string(layerD),
             timed(repeats, [&] {
                 v = repscope::metrics::computeLayerMatrix(repscope::metrics::metric("cka_linear"), ops)
                         .values(0, 1);
             }), f, v);
    }
    if (want("rsa_spearman")) {
        const Eigen::Index pairs = n * (n - 1) / 2;
        std::mt19937_64 gen(5);
        std::normal_distribution<double> g;
        Eigen::VectorXd a(pairs), b(pairs);
        for (Eigen::Index i = 0; i < pairs; ++i) {
            a(i) = g(gen);
            b(i) = 0.5 * a(i) + g(gen);
        }
        double v = 0;
        line("rsa_spearman", std::to_string(pairs) + " pairs",
             timed(repeats, [&] { v = repscope::metrics::rsaSpearman(a, b); }), 0, v);
    }
    return 0;
}
