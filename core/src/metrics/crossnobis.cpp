#include "repscope/metrics/crossnobis.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <string>

#include "repscope/error.h"

namespace repscope::metrics {

using Eigen::Index;

NoiseModel parseNoiseModel(std::string_view name) {
    if (name == "identity") return NoiseModel::Identity;
    if (name == "full") return NoiseModel::Full;
    if (name == "shrinkage_diag") return NoiseModel::ShrinkageDiag;
    if (name == "shrinkage_eye") return NoiseModel::ShrinkageEye;
    throw InputError("unknown --noise '" + std::string(name) +
                     "' (identity, full, shrinkage_diag or shrinkage_eye)");
}

std::string_view noiseModelName(NoiseModel model) {
    switch (model) {
        case NoiseModel::Identity: return "identity";
        case NoiseModel::Full: return "full";
        case NoiseModel::ShrinkageDiag: return "shrinkage_diag";
        case NoiseModel::ShrinkageEye: return "shrinkage_eye";
    }
    return "identity";
}

namespace {

void checkDesign(const MatrixF& x, const RunDesign& design) {
    if (static_cast<Index>(design.condition.size()) != x.rows()) {
        throw FormatError("the design names " + std::to_string(design.condition.size()) +
                          " observations but there are " + std::to_string(x.rows()));
    }
    if (!x.allFinite()) throw FormatError("the measurements contain NaN or infinite values");
    if (design.conditions < 2) throw FormatError("crossnobis needs at least 2 conditions");
}

// Mean of the observations of each condition among the rows where use(row) holds (K × D);
// throws naming the condition and `where` when one has none.
template <class Use>
Eigen::MatrixXd conditionMeans(const MatrixF& x, const RunDesign& design, Use use,
                               const std::string& where) {
    const auto k = static_cast<Index>(design.conditions);
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(k, x.cols());
    Eigen::VectorXd count = Eigen::VectorXd::Zero(k);
    for (Index r = 0; r < x.rows(); ++r) {
        if (!use(r)) continue;
        const Index c = design.condition[static_cast<std::size_t>(r)];
        sum.row(c) += x.row(r).cast<double>();
        count(c) += 1.0;
    }
    for (Index c = 0; c < k; ++c) {
        if (count(c) == 0.0) {
            throw FormatError("condition " + std::to_string(c + 1) + " has no observation " +
                              where + ", so crossnobis cannot be cross-validated there");
        }
        sum.row(c) /= count(c);
    }
    return sum;
}

}  // namespace

Eigen::MatrixXd noiseCovariance(const MatrixF& x, const RunDesign& design, NoiseModel model) {
    checkDesign(x, design);
    const Index d = x.cols();
    checkMemoryBudget(static_cast<std::size_t>(d), static_cast<std::size_t>(d) * 3, sizeof(double),
                      "the noise covariance of " + std::to_string(d) + " channels");
    const Eigen::MatrixXd means = conditionMeans(x, design, [](Index) { return true; }, "at all");
    Eigen::MatrixXd r = x.cast<double>();
    for (Index i = 0; i < r.rows(); ++i) r.row(i) -= means.row(design.condition[static_cast<std::size_t>(i)]);
    const double n = static_cast<double>(r.rows());
    const double dof = n - static_cast<double>(design.conditions);
    if (!(dof > 0)) {
        throw FormatError("the measurements have no residual degrees of freedom (" +
                          std::to_string(r.rows()) + " observations of " +
                          std::to_string(design.conditions) + " conditions)");
    }
    Eigen::MatrixXd rtr = Eigen::MatrixXd::Zero(d, d);
    rtr.selfadjointView<Eigen::Lower>().rankUpdate(r.transpose());
    rtr.triangularView<Eigen::StrictlyUpper>() = rtr.transpose();
    if (model == NoiseModel::Full) return rtr / dof;
    // Σ over residual rows of (x xᵀ)∘(x xᵀ) = (R∘R)ᵀ(R∘R).
    const Eigen::MatrixXd r2 = r.cwiseProduct(r);
    Eigen::MatrixXd s2 = Eigen::MatrixXd::Zero(d, d);
    s2.selfadjointView<Eigen::Lower>().rankUpdate(r2.transpose());
    s2.triangularView<Eigen::StrictlyUpper>() = s2.transpose();
    if (model == NoiseModel::ShrinkageEye) {
        const Eigen::MatrixXd s = rtr / n;
        const double b2raw = ((s2 / n) - s.cwiseProduct(s)).sum() / n;
        const double m = s.trace() / static_cast<double>(d);
        Eigen::MatrixXd diff = s;
        diff.diagonal().array() -= m;
        const double d2 = diff.squaredNorm();
        const double b2 = std::min(d2, b2raw);
        Eigen::MatrixXd shrunk = (d2 - b2) / d2 * s;
        shrunk.diagonal().array() += b2 / d2 * m;
        return shrunk * (n / dof);
    }
    // shrinkage_diag (Schäfer & Strimmer 2005), as rsatoolbox's _covariance_diag.
    const Eigen::MatrixXd s = rtr / dof;
    const Eigen::VectorXd var = s.diagonal();
    const Eigen::VectorXd sd = var.cwiseSqrt();
    double num = 0.0;
    double den = 0.0;
    for (Index j = 0; j < d; ++j) {
        for (Index i = 0; i < d; ++i) {
            if (i == j) continue;
            const double sMean = rtr(i, j) / (sd(i) * sd(j)) / dof;
            const double s2Mean = s2(i, j) / (var(i) * var(j)) / dof;
            num += n / (dof * dof) * (s2Mean - sMean * sMean);
            den += sMean * sMean;
        }
    }
    const double lambda = std::clamp(den > 0 ? num / den : 1.0, 0.0, 1.0);
    Eigen::MatrixXd shrunk = s * (1.0 - lambda);
    shrunk.diagonal() = var;
    return shrunk;
}

Eigen::MatrixXd crossnobisRdm(const MatrixF& x, const RunDesign& design, NoiseModel model,
                              Progress& progress) {
    checkDesign(x, design);
    if (design.run.size() != design.condition.size() || design.runNames.size() < 2) {
        throw FormatError(design.runNames.empty() && design.run.empty()
                              ? "crossnobis needs a run descriptor (runs, run, fold or session) "
                                "to cross-validate over"
                              : "crossnobis needs at least 2 runs to cross-validate over");
    }
    const auto k = static_cast<Index>(design.conditions);
    const double d = static_cast<double>(x.cols());
    Eigen::LLT<Eigen::MatrixXd> factor;
    if (model != NoiseModel::Identity) {
        factor.compute(noiseCovariance(x, design, model));
        if (factor.info() != Eigen::Success) {
            throw FormatError("the " + std::string(noiseModelName(model)) +
                              " noise covariance is singular (more channels than residual "
                              "degrees of freedom?); use shrinkage_diag or shrinkage_eye");
        }
    }
    Eigen::MatrixXd rdm = Eigen::MatrixXd::Zero(k, k);
    const std::size_t folds = design.runNames.size();
    for (std::size_t f = 0; f < folds; ++f) {
        progress.report(static_cast<double>(f) / static_cast<double>(folds));
        const auto run = static_cast<std::uint32_t>(f);
        const std::string name = "in run " + design.runNames[f];
        const Eigen::MatrixXd test = conditionMeans(
            x, design, [&](Index r) { return design.run[static_cast<std::size_t>(r)] == run; }, name);
        const Eigen::MatrixXd train = conditionMeans(
            x, design, [&](Index r) { return design.run[static_cast<std::size_t>(r)] != run; },
            "outside run " + design.runNames[f]);
        // A = M̄ P M̃ᵀ, one K×K product (P applied by solving with the factored covariance).
        const Eigen::MatrixXd a = model == NoiseModel::Identity
                                      ? Eigen::MatrixXd(train * test.transpose())
                                      : Eigen::MatrixXd(train * factor.solve(test.transpose()));
        for (Index j = 0; j < k; ++j) {
            for (Index i = 0; i < k; ++i) {
                if (i != j) rdm(i, j) += a(i, i) + a(j, j) - a(i, j) - a(j, i);
            }
        }
    }
    rdm /= static_cast<double>(folds) * d;
    progress.report(1.0);
    return rdm;
}

}  // namespace repscope::metrics
