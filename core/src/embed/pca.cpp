#include "repscope/embed/pca.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <string>

#include "embed/input_checks.h"
#include "embed/random.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"

namespace repscope::embed {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Rows per block: about 4 MB of float32, so that each block takes well under 100 ms.
Index blockRows(Index d) {
    return std::max<Index>(1, (Index{1} << 22) / std::max<Index>(1, d));  // 16 MB of float32
}

// Walks the data in row blocks, ticking progress between blocks. `passes` is the number of
// full passes the whole computation makes, for the progress fraction.
class BlockedPasses {
public:
    BlockedPasses(const MatrixF& x, Progress& progress, int passes)
        : x_(x), pacer_(progress, 0.0, 1.0), passes_(passes) {}

    template <typename Fn>
    void forEachBlock(Fn&& fn) {
        const Index n = x_.rows();
        const Index step = blockRows(x_.cols());
        for (Index r0 = 0; r0 < n; r0 += step) {
            const Index b = std::min(step, n - r0);
            fn(r0, b);
            pacer_.tick((done_ + static_cast<double>(r0 + b) / static_cast<double>(n)) / passes_);
        }
        done_ += 1.0;
    }

private:
    const MatrixF& x_;
    detail::ProgressPacer pacer_;
    double passes_;
    double done_ = 0.0;
};

// Centred block of rows [r0, r0 + b) as float (the product itself is float32; the centring
// happens first so that large column offsets do not cost precision).
MatrixF centredBlock(const MatrixF& x, const Eigen::RowVectorXf& meanF, Index r0, Index b) {
    MatrixF block = x.middleRows(r0, b);
    block.rowwise() -= meanF;
    return block;
}

// B · m (b×l) and Bᵀ · q (d×l) for a row-major float block B (b×d), on linalg's BLAS: the
// row-major block is the column-major Bᵀ, so neither needs a copy.
Eigen::MatrixXf blockTimes(const MatrixF& block, const Eigen::MatrixXf& m) {
    const Eigen::Map<const Eigen::MatrixXf> bt(block.data(), block.cols(), block.rows());
    Eigen::MatrixXf out(block.rows(), m.cols());
    linalg::gemm(true, false, 1.0F, bt, m, 0.0F, out);
    return out;
}
Eigen::MatrixXf blockTransposeTimes(const MatrixF& block, const Eigen::MatrixXf& q) {
    const Eigen::Map<const Eigen::MatrixXf> bt(block.data(), block.cols(), block.rows());
    Eigen::MatrixXf out(block.cols(), q.cols());
    linalg::gemm(false, false, 1.0F, bt, q, 0.0F, out);
    return out;
}

// Makes the loading of largest magnitude positive in each component.
void fixSigns(PcaResult& r) {
    for (Index c = 0; c < r.components.cols(); ++c) {
        Index arg = 0;
        r.components.col(c).cwiseAbs().maxCoeff(&arg);
        if (r.components(arg, c) < 0.0) {
            r.components.col(c) *= -1.0;
            r.coordinates.col(c) *= -1.0;
        }
    }
}

MatrixXd orthonormalColumns(const MatrixXd& m) {
    Eigen::HouseholderQR<MatrixXd> qr(m);
    return qr.householderQ() * MatrixXd::Identity(m.rows(), m.cols());
}

void exactCovariance(const MatrixF& x, const Eigen::RowVectorXf& meanF, int k,
                     BlockedPasses& passes, PcaResult& r) {
    const Index d = x.cols();
    MatrixXd cov = MatrixXd::Zero(d, d);
    passes.forEachBlock([&](Index r0, Index b) {
        const MatrixXd block = centredBlock(x, meanF, r0, b).cast<double>();
        cov.noalias() += block.transpose() * block;
    });
    Eigen::SelfAdjointEigenSolver<MatrixXd> eig(cov);
    // Eigen sorts ascending: the top k are the last k, reversed.
    r.components = eig.eigenvectors().rightCols(k).rowwise().reverse();
    const VectorXd lambda = eig.eigenvalues().tail(k).reverse().cwiseMax(0.0);
    r.explainedVariance = lambda / static_cast<double>(x.rows() - 1);
    r.coordinates.resize(x.rows(), k);
    const Eigen::MatrixXf compF = r.components.cast<float>();
    passes.forEachBlock([&](Index r0, Index b) {
        r.coordinates.middleRows(r0, b) = (centredBlock(x, meanF, r0, b) * compF).cast<double>();
    });
}

void exactGram(const MatrixF& x, const Eigen::RowVectorXf& meanF, int k, BlockedPasses& passes,
               PcaResult& r) {
    const Index n = x.rows();
    MatrixXd gram = MatrixXd::Zero(n, n);
    MatrixXd centred(n, x.cols());  // N < D ≤ here, and N ≤ 1000 in Auto: small enough
    passes.forEachBlock([&](Index r0, Index b) {
        centred.middleRows(r0, b) = centredBlock(x, meanF, r0, b).cast<double>();
    });
    gram.noalias() = centred * centred.transpose();
    Eigen::SelfAdjointEigenSolver<MatrixXd> eig(gram);
    const MatrixXd u = eig.eigenvectors().rightCols(k).rowwise().reverse();
    const VectorXd lambda = eig.eigenvalues().tail(k).reverse().cwiseMax(0.0);
    r.explainedVariance = lambda / static_cast<double>(n - 1);
    r.coordinates = u * lambda.cwiseSqrt().asDiagonal();
    r.components = centred.transpose() * u;
    for (Index c = 0; c < k; ++c) {
        const double norm = r.components.col(c).norm();
        // A zero-variance axis (k beyond the rank) has no direction; leave it zero.
        if (norm > 0.0) r.components.col(c) /= norm;
    }
}

void randomized(const MatrixF& x, const Eigen::RowVectorXf& meanF, const PcaOptions& o,
                BlockedPasses& passes, PcaResult& r) {
    const Index n = x.rows();
    const Index d = x.cols();
    const Index l = std::min<Index>(o.components + std::max(0, o.oversampling), std::min(n, d));
    detail::SeededRandom rng(o.seed);
    MatrixXd omega(d, l);
    for (Index j = 0; j < l; ++j)
        for (Index i = 0; i < d; ++i) omega(i, j) = rng.normal();

    // The 2 + 2·iterations passes reuse one centred copy when it fits in a quarter of the
    // memory budget; otherwise each block is centred again on every pass.
    MatrixF centredAll;
    if (static_cast<double>(n) * static_cast<double>(d) * sizeof(float) <=
        0.25 * static_cast<double>(memoryBudgetBytes())) {
        centredAll.resize(n, d);
        linalg::adviseHugePages(centredAll.data(), static_cast<std::size_t>(centredAll.size()) * sizeof(float));
        passes.forEachBlock([&](Index r0, Index b) {
            centredAll.middleRows(r0, b) = x.middleRows(r0, b).rowwise() - meanF;
        });
    }
    auto block = [&](Index r0, Index b) {
        return centredAll.size() > 0 ? MatrixF(centredAll.middleRows(r0, b)) : centredBlock(x, meanF, r0, b);
    };
    auto timesCentred = [&](const MatrixXd& m) {  // X_c m, N×l
        const Eigen::MatrixXf mf = m.cast<float>();
        if (centredAll.size() > 0) {
            passes.forEachBlock([](Index, Index) {});
            return MatrixXd(blockTimes(centredAll, mf).cast<double>());
        }
        MatrixXd out(n, m.cols());
        passes.forEachBlock([&](Index r0, Index b) {
            out.middleRows(r0, b) = blockTimes(block(r0, b), mf).cast<double>();
        });
        return out;
    };
    auto transposeTimesCentred = [&](const MatrixXd& q) {  // X_cᵀ q, D×l
        const Eigen::MatrixXf qf = q.cast<float>();
        if (centredAll.size() > 0) {
            passes.forEachBlock([](Index, Index) {});
            return MatrixXd(blockTransposeTimes(centredAll, qf).cast<double>());
        }
        MatrixXd out = MatrixXd::Zero(d, q.cols());
        passes.forEachBlock([&](Index r0, Index b) {
            const Eigen::MatrixXf qb = qf.middleRows(r0, b);
            out += blockTransposeTimes(block(r0, b), qb).cast<double>();
        });
        return out;
    };

    MatrixXd q = orthonormalColumns(timesCentred(omega));
    for (int it = 0; it < o.powerIterations; ++it) {
        q = orthonormalColumns(timesCentred(orthonormalColumns(transposeTimesCentred(q))));
    }
    const MatrixXd bt = transposeTimesCentred(q);  // (Qᵀ X_c)ᵀ, D×l
    Eigen::BDCSVD<MatrixXd> svd(bt, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const int k = o.components;
    r.components = svd.matrixU().leftCols(k);
    const VectorXd s = svd.singularValues().head(k);
    r.coordinates = q * svd.matrixV().leftCols(k) * s.asDiagonal();
    r.explainedVariance = s.cwiseAbs2() / static_cast<double>(n - 1);
}

}  // namespace

PcaResult computePca(const MatrixF& x, const PcaOptions& options, Progress& progress) {
    detail::checkFeatureMatrix(x, "PCA input");
    const Index n = x.rows();
    const Index d = x.cols();
    const Index m = std::min(n, d);
    const int k = options.components;
    if (k < 1 || k > m) {
        throw InputError("PCA needs 1 ≤ components ≤ min(N, D) = " + std::to_string(m) + "; got " +
                         std::to_string(k) + ".");
    }
    PcaMethod method = options.method;
    if (method == PcaMethod::Auto) {
        method = (m <= 1000 || 4 * k > m) ? PcaMethod::Exact : PcaMethod::Randomized;
    }
    const bool gram = method == PcaMethod::Exact && n < d;
    const int passes =
        method == PcaMethod::Exact ? (gram ? 3 : 4) : 4 + 2 * std::max(0, options.powerIterations);
    BlockedPasses blocks(x, progress, passes);

    PcaResult r;
    r.methodUsed = method;
    // Means and total variance in float64, two passes (exact centring), read in place: a float64
    // copy of each block would be fresh memory, which cost more to fault in than the sums.
    r.mean = VectorXd::Zero(d);
    blocks.forEachBlock([&](Index r0, Index b) {
        for (Index i = r0; i < r0 + b; ++i) {
            const float* row = x.row(i).data();
            for (Index j = 0; j < d; ++j) r.mean(j) += static_cast<double>(row[j]);
        }
    });
    r.mean /= static_cast<double>(n);
    double ss = 0.0;
    blocks.forEachBlock([&](Index r0, Index b) {
        double block = 0.0;
#pragma omp parallel for reduction(+ : block) schedule(static)
        for (Index i = r0; i < r0 + b; ++i) {
            const float* row = x.row(i).data();
            for (Index j = 0; j < d; ++j) {
                const double c = static_cast<double>(row[j]) - r.mean(j);
                block += c * c;
            }
        }
        ss += block;
    });
    r.totalVariance = ss / static_cast<double>(n - 1);
    const Eigen::RowVectorXf meanF = r.mean.transpose().cast<float>();

    if (method == PcaMethod::Exact) {
        if (gram) {
            exactGram(x, meanF, k, blocks, r);
        } else {
            exactCovariance(x, meanF, k, blocks, r);
        }
    } else {
        randomized(x, meanF, options, blocks, r);
    }
    r.explainedVarianceRatio = r.totalVariance > 0.0
                                   ? VectorXd(r.explainedVariance / r.totalVariance)
                                   : VectorXd(VectorXd::Zero(k));
    fixSigns(r);
    progress.report(1.0);
    return r;
}

}  // namespace repscope::embed
