#pragma once
// Reference values for the alignment tests: tests/fixtures/alignment_reference.py (numpy/scipy,
// written from alignment.md's formulas) run with Debian's python3; null in its JSON is NaN.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <Eigen/Core>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "test_support.h"

namespace repscope::test {

inline QJsonObject alignmentReference(const QString& name) {
    const QString script = sourceDir() + QStringLiteral("/tests/fixtures/alignment_reference.py");
    const ProcessResult r = runProcess(pythonExecutable(), {script, name}, 600000);
    if (r.exitCode != 0) {
        throw std::runtime_error(("alignment_reference.py " + name + " failed: " + r.err).toStdString());
    }
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

inline double jsonNumber(const QJsonValue& v) {
    return v.isNull() ? std::nan("") : v.toDouble();
}

inline Eigen::VectorXd jsonVector(const QJsonValue& v) {
    const QJsonArray a = v.toArray();
    Eigen::VectorXd out(a.size());
    for (int i = 0; i < a.size(); ++i) out(i) = jsonNumber(a[i]);
    return out;
}

inline std::vector<double> jsonDoubles(const QJsonValue& v) {
    const Eigen::VectorXd e = jsonVector(v);
    return {e.data(), e.data() + e.size()};
}

// |a − b| ≤ tol, or both NaN.
inline bool near(double a, double b, double tol = 1e-9) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::abs(a - b) <= tol;
}

}  // namespace repscope::test
