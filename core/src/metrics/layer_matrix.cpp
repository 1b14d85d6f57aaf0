#include "repscope/metrics/layer_matrix.h"

#include <cmath>
#include <limits>
#include <optional>

#include "metrics/linear_hsic.h"
#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/rsa.h"

namespace repscope::metrics {

using detail::Index;
using detail::SubProgress;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RsaComparator comparatorOf(const MetricInfo& m) {
    for (RsaComparator c : {RsaComparator::Spearman, RsaComparator::Pearson,
                            RsaComparator::KendallTauA, RsaComparator::Cosine}) {
        if (rsaComparatorName(c) == m.name) return c;
    }
    throw InputError(m.name + " is not an RSA metric.");
}

std::string operandName(const LayerOperand& op, Index i) {
    return op.name.empty() ? "representation " + std::to_string(i + 1) : op.name;
}

// Calls fn(i, j) for the pairs the matrix needs, with a sub-progress per pair; FormatErrors
// become NaN entries.
template <class Fn>
void forPairs(const MetricInfo& m, Index k, LayerMatrix& out, Progress& progress, double lo,
              double hi, Fn&& fn) {
    const Index pairs = m.symmetric ? k * (k + 1) / 2 : k * k;
    Index done = 0;
    for (Index i = 0; i < k; ++i) {
        for (Index j = m.symmetric ? i : 0; j < k; ++j) {
            const double a = lo + (hi - lo) * static_cast<double>(done) / static_cast<double>(pairs);
            const double b = lo + (hi - lo) * static_cast<double>(done + 1) / static_cast<double>(pairs);
            SubProgress sub(progress, a, b);
            try {
                out.values(i, j) = fn(i, j, sub);
            } catch (const FormatError& e) {
                out.values(i, j) = kNaN;
                out.undefined.push_back({i, j, e.what()});
            }
            if (m.symmetric) out.values(j, i) = out.values(i, j);
            ++done;
        }
    }
}

std::size_t totalBytes(const std::vector<LayerOperand>& ops, double bytesPerUnit, bool rdmSized) {
    double total = 0.0;
    for (const auto& op : ops) {
        const double n = static_cast<double>(op.matrix->rows());
        total += rdmSized ? n * (n - 1.0) / 2.0 * bytesPerUnit
                          : n * static_cast<double>(op.matrix->cols()) * bytesPerUnit;
    }
    return static_cast<std::size_t>(total);
}

bool fitsBudget(std::size_t bytes) { return bytes <= memoryBudgetBytes(); }

bool rsaShared(const MetricInfo& m, const std::vector<LayerOperand>& ops, const MetricParams& params,
               LayerMatrix& out, Progress& progress) {
    if (!fitsBudget(totalBytes(ops, 2.0 * sizeof(double), true))) return false;
    const RsaOptions options = rsaOptions(params);
    const RsaComparator c = comparatorOf(m);
    const auto k = static_cast<Index>(ops.size());
    // Undefined RDMs (zero-variance rows) leave their row and column NaN.
    std::vector<std::optional<Eigen::VectorXd>> vectors(ops.size());
    std::vector<std::string> why(ops.size());
    for (Index i = 0; i < k; ++i) {
        const LayerOperand& op = ops[static_cast<std::size_t>(i)];
        SubProgress sub(progress, 0.6 * static_cast<double>(i) / static_cast<double>(k),
                        0.6 * static_cast<double>(i + 1) / static_cast<double>(k));
        try {
            Eigen::VectorXd v;
            if (op.isRdm) {
                v = rsaVectorFromRdm(*op.matrix, options);
            } else {
                const Eigen::MatrixXd rdm =
                    op.labels != nullptr ? computeRdm(*op.matrix, options.measure, *op.labels, sub)
                                         : computeRdm(*op.matrix, options.measure, sub);
                v = upperTriangle(rdm);
                if (options.geotopo) v = geoTopoTransform(v, *options.geotopo);
            }
            if (c == RsaComparator::Spearman) v = averageRanks(v, sub);
            vectors[static_cast<std::size_t>(i)] = std::move(v);
        } catch (const FormatError& e) {
            why[static_cast<std::size_t>(i)] = e.what();
        }
    }
    const RsaComparator pairwise = c == RsaComparator::Spearman ? RsaComparator::Pearson : c;
    forPairs(m, k, out, progress, 0.6, 1.0, [&](Index i, Index j, Progress& p) {
        const auto& a = vectors[static_cast<std::size_t>(i)];
        const auto& b = vectors[static_cast<std::size_t>(j)];
        if (!a || !b) throw FormatError(why[static_cast<std::size_t>(!a ? i : j)]);
        if (a->size() != b->size()) {
            throw AlignmentError(m.name + " needs the same stimuli on both sides.");
        }
        return compareRdmVectors(*a, *b, pairwise, p);
    });
    return true;
}

template <class T>
bool ckaShared(const MetricInfo& m, const std::vector<LayerOperand>& ops, bool debiased,
               LayerMatrix& out, Progress& progress) {
    if (!fitsBudget(totalBytes(ops, sizeof(T), false))) return false;
    const auto k = static_cast<Index>(ops.size());
    const Index n = ops.front().matrix->rows();
    for (const auto& op : ops) {
        if (op.isRdm) {
            throw InputError(m.name + " compares representations, not precomputed RDMs; use an "
                             "rsa_* metric.");
        }
        if (op.matrix->rows() != n) {
            throw AlignmentError(m.name + " needs the same stimuli in every representation, but "
                                 "one has " + std::to_string(n) + " and another " +
                                 std::to_string(op.matrix->rows()) + ".");
        }
    }
    if (n < m.accepts.minStimuli) return false;  // the per-pair path gives the message
    // A representation with NaN/Inf leaves only its own row and column undefined.
    std::vector<std::optional<detail::CentredRepresentation<T>>> reps(ops.size());
    std::vector<std::string> why(ops.size());
    for (Index i = 0; i < k; ++i) {
        const LayerOperand& op = ops[static_cast<std::size_t>(i)];
        detail::ProgressSpan span(progress, 0.4 * static_cast<double>(i) / static_cast<double>(k),
                                  0.4 * static_cast<double>(i + 1) / static_cast<double>(k));
        try {
            detail::requireFinite(*op.matrix, operandName(op, i));
            reps[static_cast<std::size_t>(i)] = detail::centredRepresentation<T>(*op.matrix, span);
        } catch (const FormatError& e) {
            why[static_cast<std::size_t>(i)] = e.what();
        }
    }
    forPairs(m, k, out, progress, 0.4, 1.0, [&](Index i, Index j, Progress& p) {
        const auto& ra = reps[static_cast<std::size_t>(i)];
        const auto& rb = reps[static_cast<std::size_t>(j)];
        if (!ra || !rb) throw FormatError(why[static_cast<std::size_t>(!ra ? i : j)]);
        const auto& a = *ra;
        const auto& b = *rb;
        const double kl = i == j ? a.self : detail::crossHsic(a, b, detail::ProgressSpan(p));
        if (!debiased) return detail::linearCkaValue(kl, a.self, b.self);
        return detail::debiasedCkaValue(kl, a.self, b.self, a.ssr, b.ssr, static_cast<double>(n));
    });
    return true;
}

}  // namespace

LayerMatrix computeLayerMatrix(const MetricInfo& metric, const std::vector<LayerOperand>& operands,
                               const MetricParams& params, Progress& progress) {
    checkParams(metric, params);
    const auto k = static_cast<Index>(operands.size());
    LayerMatrix out;
    out.values = Eigen::MatrixXd::Constant(k, k, kNaN);
    if (k == 0) return out;
    bool shared = false;
    if (metric.family == MetricFamily::Rsa) {
        shared = rsaShared(metric, operands, params, out, progress);
    } else if (metric.name == "cka_linear") {
        shared = ckaShared<float>(metric, operands, false, out, progress);
    } else if (metric.name == "cka_linear_debiased") {
        shared = ckaShared<double>(metric, operands, true, out, progress);
    }
    if (!shared) {
        out.undefined.clear();
        forPairs(metric, k, out, progress, 0.0, 1.0, [&](Index i, Index j, Progress& p) {
            const LayerOperand& a = operands[static_cast<std::size_t>(i)];
            const LayerOperand& b = operands[static_cast<std::size_t>(j)];
            return computeMetric(metric, {*a.matrix, a.isRdm}, {*b.matrix, b.isRdm}, params, p);
        });
    }
    out.sharedWork = shared;
    progress.report(1.0);
    return out;
}

}  // namespace repscope::metrics
