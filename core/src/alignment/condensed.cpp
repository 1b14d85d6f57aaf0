#include "repscope/alignment/condensed.h"

#include <cmath>
#include <string>

#include "repscope/error.h"

namespace repscope::alignment {

Eigen::VectorXd condensedWithMissing(const MatrixF& rdm, std::string_view what) {
    if (rdm.rows() != rdm.cols()) {
        throw FormatError(std::string(what) + " is " + std::to_string(rdm.rows()) + " × " +
                          std::to_string(rdm.cols()) + ", not a square RDM");
    }
    const Eigen::Index n = rdm.rows();
    Eigen::VectorXd v(n * (n - 1) / 2);
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = i + 1; j < n; ++j, ++k) {
            const double d = rdm(i, j);
            if (std::isinf(d)) {
                throw FormatError(std::string(what) + " holds an infinite dissimilarity (stimuli " +
                                  std::to_string(i) + " and " + std::to_string(j) + ")");
            }
            v(k) = d;
        }
    }
    return v;
}

}  // namespace repscope::alignment
