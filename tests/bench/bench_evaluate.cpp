// repscope evaluate's core, compute only: 50 model RDMs against 20 subjects' RDMs over N
// stimuli (N(N-1)/2 pairs each), noise ceiling and tests included. The numpy/scipy peer is
// tests/bench/evaluate_bench.py.
//   bench_evaluate [N] [comparator]     (defaults 2000 spearman)
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <string>
#include <random>
#include "repscope/alignment/evaluation.h"
using namespace repscope;
using namespace repscope::alignment;
int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
    const std::string comp = argc > 2 ? argv[2] : "spearman";
    const Eigen::Index m = Eigen::Index(n) * (n - 1) / 2;
    std::mt19937 gen(1);
    std::uniform_real_distribution<double> u(0, 1);
    Eigen::VectorXd base(m);
    for (auto& v : base) v = u(gen);
    NamedRdms subjects, models;
    for (int s = 0; s < 20; ++s) { Eigen::VectorXd v = base; for (auto& x : v) x += u(gen); subjects.rdms.push_back(v); }
    for (int k = 0; k < 50; ++k) { Eigen::VectorXd v = base; for (auto& x : v) x += 0.1 * (k + 1) * u(gen); models.rdms.push_back(v); }
    EvaluationOptions o;
    o.comparator = parseComparator(comp);
    auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const Evaluation e = evaluateModels(models, subjects, o);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;  // all threads
    std::printf("evaluate N=%d S=20 M=50 %s: %.3f s, cpu %.3f s (nc %.4f %.4f, m0 %.4f)\n", n,
                comp.c_str(), s, cpu, e.noiseCeiling->lower, e.noiseCeiling->upper, e.models[0].mean);
    return 0;
}
