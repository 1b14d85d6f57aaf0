#include "repscope/embedding_checks/compatibility.h"

#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <string>

#include "repscope/error.h"
#include "repscope/finite.h"
#include "repscope/linalg/blas.h"
#include "repscope/sub_progress.h"

namespace repscope::embedding_checks {
namespace {

using Eigen::Index;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

CompatMeasure measure(std::string name, double oo, double nn, double no) {
    CompatMeasure m;
    m.name = std::move(name);
    m.oldOld = oo;
    m.newNew = nn;
    m.newOld = no;
    m.compatible = no >= oo;
    const double denominator = nn - oo;
    if (denominator != 0.0) {
        m.updateGain = (no - oo) / denominator;
    } else {
        m.updateGain = no == oo ? 1.0 : kNaN;
    }
    return m;
}

// Rows of x (centred by `mean` when given) as a float64 matrix.
Eigen::MatrixXd rowsOf(const MatrixF& x, const std::vector<std::size_t>& rows) {
    Eigen::MatrixXd out(static_cast<Index>(rows.size()), x.cols());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out.row(static_cast<Index>(r)) = x.row(static_cast<Index>(rows[r])).cast<double>();
    }
    return out;
}

}  // namespace

const char* alignmentName(Alignment a) { return a == Alignment::Orthogonal ? "orthogonal" : "none"; }

Alignment parseAlignment(const std::string& name) {
    if (name == "none") return Alignment::None;
    if (name == "orthogonal") return Alignment::Orthogonal;
    throw InputError("unknown alignment '" + name + "' (none or orthogonal)");
}

std::vector<CompatMeasure> compareRetrievals(const RetrievalScores& oldOld,
                                             const RetrievalScores& newNew,
                                             const RetrievalScores& newOld) {
    std::vector<CompatMeasure> out;
    for (std::size_t t = 0; t < oldOld.ks.size() && t < oldOld.topK.size(); ++t) {
        out.push_back(measure("top" + std::to_string(oldOld.ks[t]), oldOld.topK[t],
                              newNew.topK.at(t), newOld.topK.at(t)));
    }
    out.push_back(measure("map", oldOld.meanAveragePrecision, newNew.meanAveragePrecision,
                          newOld.meanAveragePrecision));
    return out;
}

Eigen::MatrixXd OrthogonalMap::apply(const MatrixF& x, const std::vector<std::size_t>& rows) const {
    Eigen::MatrixXd centred = rowsOf(x, rows);
    centred.rowwise() -= meanFrom;
    Eigen::MatrixXd out(centred.rows(), w.cols());
    linalg::gemm(false, false, 1.0, centred, w, 0.0, out);
    out.rowwise() += meanTo;
    return out;
}

OrthogonalMap learnOrthogonalMap(const MatrixF& from, const MatrixF& to,
                                 const std::vector<std::size_t>& rows) {
    if (rows.size() < 2) {
        throw InputError("learning an orthogonal map needs at least 2 training stimuli; got " +
                         std::to_string(rows.size()));
    }
    checkMemoryBudget(rows.size(), static_cast<std::size_t>(from.cols() + to.cols()),
                      sizeof(double), "the training rows of the orthogonal map");
    checkMemoryBudget(static_cast<std::size_t>(from.cols()), static_cast<std::size_t>(to.cols()),
                      3 * sizeof(double), "the cross-covariance of the orthogonal map");
    OrthogonalMap m;
    Eigen::MatrixXd a = rowsOf(from, rows);
    Eigen::MatrixXd b = rowsOf(to, rows);
    m.meanFrom = a.colwise().mean();
    m.meanTo = b.colwise().mean();
    a.rowwise() -= m.meanFrom;
    b.rowwise() -= m.meanTo;
    Eigen::MatrixXd c(a.cols(), b.cols());
    linalg::gemm(true, false, 1.0, a, b, 0.0, c);
    Eigen::BDCSVD<Eigen::MatrixXd> svd(c, Eigen::ComputeThinU | Eigen::ComputeThinV);
    m.w = svd.matrixU() * svd.matrixV().transpose();
    return m;
}

CompatResult compatibility(const MatrixF& oldX, const MatrixF& newX,
                           const std::vector<std::int32_t>& codes, const CompatOptions& options,
                           Progress& progress) {
    if (oldX.rows() != newX.rows()) {
        throw InputError(options.oldName + " has " + std::to_string(oldX.rows()) +
                         " stimuli but " + options.newName + " has " +
                         std::to_string(newX.rows()) + "; both must describe the same stimuli");
    }
    if (static_cast<std::size_t>(oldX.rows()) != codes.size()) {
        throw InputError("the category column has " + std::to_string(codes.size()) +
                         " entries for " + std::to_string(oldX.rows()) + " stimuli");
    }
    if (options.alignment == Alignment::None && oldX.cols() != newX.cols()) {
        throw InputError(options.oldName + " has " + std::to_string(oldX.cols()) +
                         " dimensions but " + options.newName + " has " +
                         std::to_string(newX.cols()) +
                         ", so new queries cannot search the old index directly; learn a map "
                         "with --align orthogonal");
    }
    if (!allFinite(oldX) || !allFinite(newX)) {
        throw FormatError((allFinite(oldX) ? options.newName : options.oldName) +
                          " contains NaN or infinite values");
    }
    CompatResult out;
    out.alignment = options.alignment;
    RetrievalOptions ro;
    ro.ks = options.ks;
    auto run = [&](const auto& q, const auto& g, const std::vector<std::int32_t>& c,
                   const std::string& qn, const std::string& gn, double lo, double hi) {
        ro.queryName = qn;
        ro.galleryName = gn;
        SubProgress sub(progress, lo, hi);
        return cosineRetrieval(q, g, c, ro, sub);
    };
    if (options.alignment == Alignment::None) {
        for (std::size_t i = 0; i < codes.size(); ++i) out.stimuli.push_back(i);
        out.oldOld = run(oldX, oldX, codes, options.oldName, options.oldName, 0.0, 1.0 / 3);
        out.newNew = run(newX, newX, codes, options.newName, options.newName, 1.0 / 3, 2.0 / 3);
        out.newOld = run(newX, oldX, codes, options.newName, options.oldName, 2.0 / 3, 1.0);
    } else {
        if (oldX.rows() < 4) {
            throw InputError("--align orthogonal learns on the even-indexed stimuli and reports on "
                             "the odd-indexed ones, so it needs at least 4 stimuli; got " +
                             std::to_string(oldX.rows()));
        }
        std::vector<std::size_t> even;
        for (std::size_t i = 0; i < codes.size(); ++i) (i % 2 == 0 ? even : out.stimuli).push_back(i);
        const OrthogonalMap map = learnOrthogonalMap(newX, oldX, even);
        progress.report(0.05);
        std::vector<std::int32_t> oddCodes;
        for (const std::size_t i : out.stimuli) oddCodes.push_back(codes[i]);
        const Eigen::MatrixXd oldOdd = rowsOf(oldX, out.stimuli);
        const Eigen::MatrixXd newOdd = rowsOf(newX, out.stimuli);
        const Eigen::MatrixXd mapped = map.apply(newX, out.stimuli);
        const std::string mappedName = options.newName + " mapped to the old space";
        out.oldOld = run(oldOdd, oldOdd, oddCodes, options.oldName, options.oldName, 0.05, 0.35);
        out.newNew = run(newOdd, newOdd, oddCodes, options.newName, options.newName, 0.35, 0.65);
        out.newOld = run(mapped, oldOdd, oddCodes, mappedName, options.oldName, 0.65, 1.0);
        out.map = map.w;
    }
    out.queries = out.oldOld.queries;
    out.measures = compareRetrievals(out.oldOld, out.newNew, out.newOld);
    progress.report(1.0);
    return out;
}

}  // namespace repscope::embedding_checks
