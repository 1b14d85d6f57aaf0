#pragma once
// Dense matrix products for the metrics, routed to the fastest BLAS this machine has.
//
// Measured on the development machine (2 cores, AVX-512; tests/bench/results-metrics.md):
// OpenBLAS 0.3.21 with its SkylakeX kernels ran float32 GEMM at ~670 GFLOP/s and float64 at
// ~300, Eigen 3.4's own GEMM at 320 / 107 even when compiled with -march=x86-64-v4 (80 / 36 in
// the portable build we ship). So products go to OpenBLAS, loaded at run time; Eigen is the
// fallback when libopenblas.so.0 cannot be loaded, or when REPSCOPE_BLAS=eigen.
//
// Debian's OpenBLAS 0.3.21 does not recognise recent AMD/Intel parts and then runs older
// kernels (2x slower here), so unless OPENBLAS_CORETYPE is already set, the loader sets it from
// the CPU's features (SkylakeX with AVX-512, Haswell with AVX2+FMA) before loading the library.
//
// All matrices are column-major Eigen blocks (a row-major matrix is a transposed column-major
// one). Calls are not meant to be made from inside an OpenMP parallel region: OpenBLAS runs its
// own threads.
#include <Eigen/Core>
#include <cstddef>
#include <string>

namespace repscope::linalg {

struct BlasInfo {
    std::string backend;  // "OpenBLAS" or "Eigen"
    std::string detail;   // e.g. "0.3.21, SkylakeX kernels, 2 threads"; why Eigen when it is
};
[[nodiscard]] const BlasInfo& blasInfo();
// True when products run on OpenBLAS (so large blocks are cheap: callers size blocks by this).
[[nodiscard]] bool fastBlas();
// Floating-point operations a block of work may cost so it takes ~50-100 ms on this backend.
[[nodiscard]] double blockFlops();

template <class T>
using MatrixRef = Eigen::Ref<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>;
template <class T>
using ConstMatrixRef =
    Eigen::Ref<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>;

// C = alpha · op(A) · op(B) + beta · C, op = transpose when the flag is set.
void gemm(bool transA, bool transB, double alpha, ConstMatrixRef<double> a,
          ConstMatrixRef<double> b, double beta, MatrixRef<double> c);
void gemm(bool transA, bool transB, float alpha, ConstMatrixRef<float> a, ConstMatrixRef<float> b,
          float beta, MatrixRef<float> c);

// The lower triangle of C = alpha · op(A) · op(A)ᵀ + beta · C (op = transpose when `trans`);
// the strict upper triangle of C is left as it was.
void syrkLower(bool trans, double alpha, ConstMatrixRef<double> a, double beta,
               MatrixRef<double> c);
void syrkLower(bool trans, float alpha, ConstMatrixRef<float> a, float beta, MatrixRef<float> c);

// Asks the kernel to back a large, freshly allocated, not yet touched buffer with transparent
// huge pages: an N×N result then costs 512× fewer page faults and TLB misses (measured: the
// N = 10,000 RDM spent a third of its time faulting 4 KiB pages in). No effect on small
// buffers or where THP is off; REPSCOPE_NO_HUGEPAGES=1 turns it off (for measurements).
void adviseHugePages(void* data, std::size_t bytes);
template <class T, int Options>
void adviseHugePages(Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Options>& m) {
    adviseHugePages(m.data(), static_cast<std::size_t>(m.size()) * sizeof(T));
}

// Copies the lower triangle of square C onto its upper triangle (in cache-sized tiles).
template <class T>
void mirrorLower(MatrixRef<T> c);

}  // namespace repscope::linalg
