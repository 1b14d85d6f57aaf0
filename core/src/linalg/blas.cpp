#include "repscope/linalg/blas.h"

#include <dlfcn.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace repscope::linalg {
namespace {

// CBLAS constants and signatures (OpenBLAS, 32-bit integers: libopenblas.so.0).
constexpr int kColMajor = 102;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;
constexpr int kLower = 122;

using DGemm = void (*)(int, int, int, int, int, int, double, const double*, int, const double*,
                       int, double, double*, int);
using SGemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int,
                       float, float*, int);
using DSyrk = void (*)(int, int, int, int, int, double, const double*, int, double, double*, int);
using SSyrk = void (*)(int, int, int, int, int, float, const float*, int, float, float*, int);
using CharFn = char* (*)();
using IntFn = int (*)();

struct Backend {
    DGemm dgemm = nullptr;
    SGemm sgemm = nullptr;
    DSyrk dsyrk = nullptr;
    SSyrk ssyrk = nullptr;
    BlasInfo info;
};

// The OpenBLAS kernel family this CPU can run, for OPENBLAS_CORETYPE; empty when OpenBLAS's
// own detection is as good.
const char* coreTypeForCpu() {
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512cd")) {
        return "SkylakeX";
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return "";
}

Backend load() {
    Backend b;
    b.info = {"Eigen", "Eigen's own products"};
    const char* choice = std::getenv("REPSCOPE_BLAS");
    if (choice != nullptr && std::strcmp(choice, "eigen") == 0) {
        b.info.detail = "Eigen's own products (REPSCOPE_BLAS=eigen)";
        return b;
    }
    const char* preset = std::getenv("OPENBLAS_CORETYPE");
    const bool chose = preset == nullptr || *preset == '\0';
    if (chose && *coreTypeForCpu() != '\0') setenv("OPENBLAS_CORETYPE", coreTypeForCpu(), 1);
    void* lib = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
        b.info.detail = "Eigen's own products (OpenBLAS not found: install libopenblas0)";
        return b;
    }
    b.dgemm = reinterpret_cast<DGemm>(dlsym(lib, "cblas_dgemm"));
    b.sgemm = reinterpret_cast<SGemm>(dlsym(lib, "cblas_sgemm"));
    b.dsyrk = reinterpret_cast<DSyrk>(dlsym(lib, "cblas_dsyrk"));
    b.ssyrk = reinterpret_cast<SSyrk>(dlsym(lib, "cblas_ssyrk"));
    if (b.dgemm == nullptr || b.sgemm == nullptr || b.dsyrk == nullptr || b.ssyrk == nullptr) {
        b = Backend{};
        b.info = {"Eigen", "Eigen's own products (libopenblas.so.0 lacks the CBLAS interface)"};
        return b;
    }
    b.info.backend = "OpenBLAS";
    std::string detail;
    if (auto config = reinterpret_cast<CharFn>(dlsym(lib, "openblas_get_config"))) {
        detail = config();
    }
    if (auto core = reinterpret_cast<CharFn>(dlsym(lib, "openblas_get_corename"))) {
        detail += std::string(detail.empty() ? "" : ", ") + core() + " kernels";
        if (chose && *coreTypeForCpu() != '\0') detail += " (chosen for this CPU)";
    }
    if (auto threads = reinterpret_cast<IntFn>(dlsym(lib, "openblas_get_num_threads"))) {
        detail += ", " + std::to_string(threads()) + " threads";
    }
    b.info.detail = detail;
    return b;
}

const Backend& backend() {
    static const Backend b = load();
    return b;
}

int dim(Eigen::Index v) { return static_cast<int>(v); }
int ld(Eigen::Index stride, Eigen::Index rows) { return static_cast<int>(std::max<Eigen::Index>({stride, rows, 1})); }

template <class T, class Gemm>
void gemmImpl(Gemm fn, bool ta, bool tb, T alpha, const ConstMatrixRef<T>& a,
              const ConstMatrixRef<T>& b, T beta, MatrixRef<T>& c) {
    const Eigen::Index m = c.rows();
    const Eigen::Index n = c.cols();
    const Eigen::Index k = ta ? a.rows() : a.cols();
    if (m == 0 || n == 0) return;
    if (fn != nullptr && k > 0) {
        fn(kColMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, dim(m), dim(n), dim(k), alpha,
           a.data(), ld(a.outerStride(), a.rows()), b.data(), ld(b.outerStride(), b.rows()), beta,
           c.data(), ld(c.outerStride(), c.rows()));
        return;
    }
    if (beta == T(0)) {
        c.setZero();
    } else if (beta != T(1)) {
        c *= beta;
    }
    if (k == 0) return;
    if (!ta && !tb) c.noalias() += alpha * a * b;
    if (ta && !tb) c.noalias() += alpha * a.transpose() * b;
    if (!ta && tb) c.noalias() += alpha * a * b.transpose();
    if (ta && tb) c.noalias() += alpha * a.transpose() * b.transpose();
}

template <class T, class Syrk>
void syrkImpl(Syrk fn, bool trans, T alpha, const ConstMatrixRef<T>& a, T beta, MatrixRef<T>& c) {
    const Eigen::Index n = c.rows();
    const Eigen::Index k = trans ? a.rows() : a.cols();
    if (n == 0) return;
    if (fn != nullptr && k > 0) {
        fn(kColMajor, kLower, trans ? kTrans : kNoTrans, dim(n), dim(k), alpha, a.data(),
           ld(a.outerStride(), a.rows()), beta, c.data(), ld(c.outerStride(), c.rows()));
        return;
    }
    auto lower = c.template triangularView<Eigen::Lower>();
    if (beta == T(0)) {
        lower.setZero();
    } else if (beta != T(1)) {
        lower *= beta;
    }
    if (k == 0) return;
    // Eigen's rankUpdate runs on one thread; a general product over the lower blocks does not.
    if (trans) {
        lower += (alpha * a.transpose() * a).eval();
    } else {
        lower += (alpha * a * a.transpose()).eval();
    }
}

}  // namespace

void adviseHugePages(void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t huge = 2u << 20;
    if (bytes < 4 * huge || std::getenv("REPSCOPE_NO_HUGEPAGES") != nullptr) return;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + huge - 1) & ~(huge - 1);
    const std::uintptr_t last = (begin + bytes) & ~(huge - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

const BlasInfo& blasInfo() { return backend().info; }
bool fastBlas() { return backend().dgemm != nullptr; }
double blockFlops() { return fastBlas() ? 2.0e10 : 2.0e9; }

void gemm(bool transA, bool transB, double alpha, ConstMatrixRef<double> a,
          ConstMatrixRef<double> b, double beta, MatrixRef<double> c) {
    gemmImpl<double>(backend().dgemm, transA, transB, alpha, a, b, beta, c);
}
void gemm(bool transA, bool transB, float alpha, ConstMatrixRef<float> a, ConstMatrixRef<float> b,
          float beta, MatrixRef<float> c) {
    gemmImpl<float>(backend().sgemm, transA, transB, alpha, a, b, beta, c);
}
void syrkLower(bool trans, double alpha, ConstMatrixRef<double> a, double beta,
               MatrixRef<double> c) {
    syrkImpl<double>(backend().dsyrk, trans, alpha, a, beta, c);
}
void syrkLower(bool trans, float alpha, ConstMatrixRef<float> a, float beta, MatrixRef<float> c) {
    syrkImpl<float>(backend().ssyrk, trans, alpha, a, beta, c);
}

template <class T>
void mirrorLower(MatrixRef<T> c) {
    const Eigen::Index n = c.rows();
    constexpr Eigen::Index tile = 64;
    const Eigen::Index tiles = (n + tile - 1) / tile;
#pragma omp parallel for schedule(dynamic, 1)
    for (Eigen::Index tj = 0; tj < tiles; ++tj) {
        for (Eigen::Index ti = 0; ti <= tj; ++ti) {
            const Eigen::Index i0 = ti * tile;
            const Eigen::Index j0 = tj * tile;
            const Eigen::Index i1 = std::min(n, i0 + tile);
            const Eigen::Index j1 = std::min(n, j0 + tile);
            for (Eigen::Index j = j0; j < j1; ++j)
                for (Eigen::Index i = i0; i < std::min(i1, j); ++i) c(i, j) = c(j, i);
        }
    }
}
template void mirrorLower<double>(MatrixRef<double> c);
template void mirrorLower<float>(MatrixRef<float> c);

}  // namespace repscope::linalg
