#include "embed/input_checks.h"

#include <cmath>
#include <cstddef>

#include "repscope/error.h"
#include "repscope/finite.h"

namespace repscope::embed::detail {

void checkFeatureMatrix(const MatrixF& x, const std::string& what) {
    if (x.rows() < 4) {
        throw InputError(what + " needs at least 4 stimuli; got " + std::to_string(x.rows()) + ".");
    }
    if (x.cols() < 1) throw InputError(what + " has no features (0 columns).");
    std::size_t bad = 0;
    const float* p = x.data();
    const auto n = static_cast<std::size_t>(x.size());
    for (std::size_t i = 0; i < n; ++i) bad += std::isfinite(p[i]) ? 0U : 1U;
    if (bad > 0) {
        throw FormatError(what + " contains " + nonFiniteValuesText(bad) +
                          "; remove or impute them first.");
    }
}

void checkEmbeddingMatrix(const Eigen::MatrixXd& y, const std::string& what) {
    if (y.rows() < 1 || y.cols() < 1) throw InputError(what + " is empty.");
    const auto bad = static_cast<std::size_t>((!y.array().isFinite()).count());
    if (bad > 0) {
        throw FormatError(what + " contains " + nonFiniteValuesText(bad) + ".");
    }
}

void checkOutputDims(int dims, const std::string& what) {
    if (dims != 2 && dims != 3) {
        throw InputError(what + " supports 2 or 3 output dimensions; got " + std::to_string(dims) +
                         ".");
    }
}

}  // namespace repscope::embed::detail
