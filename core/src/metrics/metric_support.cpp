#include "metrics/metric_support.h"

#include <algorithm>
#include <cmath>

#include "repscope/error.h"
#include "repscope/finite.h"

namespace repscope::metrics::detail {

void ProgressSpan::report(double fraction) {
    progress_->report(lo_ + (hi_ - lo_) * std::clamp(fraction, 0.0, 1.0));
}

Index blockRows(Index rows, double flopsPerRow, double targetFlops) {
    const double b = targetFlops / std::max(flopsPerRow, 1.0);
    if (b >= static_cast<double>(rows)) return std::max<Index>(rows, 1);
    return std::max<Index>(1, static_cast<Index>(b));
}

namespace {

template <class M>
void requireFiniteImpl(const M& m, std::string_view what) {
    if (m.allFinite()) return;
    Index bad = 0;
    Index firstRow = -1;
    for (Index i = 0; i < m.rows(); ++i) {
        for (Index j = 0; j < m.cols(); ++j) {
            if (!std::isfinite(m(i, j))) {
                ++bad;
                if (firstRow < 0) firstRow = i;
            }
        }
    }
    throw FormatError(std::string(what) + " contains " + nonFiniteValuesText(static_cast<std::size_t>(bad)) +
                      " (the first in row " + std::to_string(firstRow) +
                      "), so no metric can be computed from it.");
}

}  // namespace

void requireFinite(const Eigen::MatrixXd& m, std::string_view what) { requireFiniteImpl(m, what); }
void requireFinite(const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>& m,
                   std::string_view what) {
    requireFiniteImpl(m, what);
}
void requireFinite(const MatrixF& m, std::string_view what) {
    if (repscope::allFinite(m)) return;
    requireFiniteImpl(m, what);
}

Eigen::MatrixXd toDouble(const MatrixF& x, std::string_view what) {
    Eigen::MatrixXd d = x.cast<double>();
    requireFinite(d, what);
    return d;
}

void centreColumns(Eigen::MatrixXd& m) {
    if (m.rows() == 0) return;
    const Eigen::RowVectorXd mean = m.colwise().sum() / static_cast<double>(m.rows());
    m.rowwise() -= mean;
}

void requirePair(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, std::string_view metric,
                 Index minN) {
    requirePairShape(x.rows(), x.cols(), y.rows(), y.cols(), metric, minN);
}

void requirePairShape(Index xRows, Index xCols, Index yRows, Index yCols, std::string_view metric,
                      Index minN) {
    if (xRows != yRows) {
        throw AlignmentError(std::string(metric) + " needs the same stimuli on both sides, but " +
                             "one has " + std::to_string(xRows) + " and the other " +
                             std::to_string(yRows) + ".");
    }
    if (xCols == 0 || yCols == 0) {
        throw InputError(std::string(metric) + " needs at least one feature on each side.");
    }
    if (xRows < minN) {
        throw InputError(std::string(metric) + " needs at least " + std::to_string(minN) +
                         " stimuli, but there are " + std::to_string(xRows) + ".");
    }
}

std::string describeRows(const std::vector<Index>& rows, const std::vector<std::string>* labels) {
    constexpr std::size_t shown = 5;
    const bool useLabels = labels != nullptr && !labels->empty();
    std::string s = useLabels ? (rows.size() == 1 ? "stimulus " : "stimuli ")
                              : (rows.size() == 1 ? "row " : "rows ");
    for (std::size_t i = 0; i < rows.size() && i < shown; ++i) {
        if (i > 0) s += ", ";
        const auto r = static_cast<std::size_t>(rows[i]);
        if (useLabels && r < labels->size()) {
            s += "'" + (*labels)[r] + "'";
        } else {
            s += std::to_string(r);
        }
    }
    if (rows.size() > shown) s += " and " + std::to_string(rows.size() - shown) + " more";
    return s;
}

}  // namespace repscope::metrics::detail
