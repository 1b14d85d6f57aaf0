#pragma once
// The pictures of the embedding checks (embedding-checks.md) as charts (chart.h): prefix curves
// (a metric of X[:, :d] against X, and top-1 retrieval, against d on a log2 axis), the variance
// spectrum (explained ratio against component on log axes) and each categorical column's share of
// the variance (R², bars). The Embedding checks view builds them here.
#include <QColor>
#include <QString>
#include <vector>

#include "repscope/embedding_checks/prefix.h"
#include "repscope/embedding_checks/spectrum.h"
#include "repscope/views/chart.h"

namespace repscope::views {

template <typename T>
struct Named {
    QString name;
    QColor colour;
    T value;
};

// One series per representation for the metric (ids: d) and, when computed, one lighter series
// for top-1. `metric` names the value axis.
[[nodiscard]] ChartContent prefixChart(const std::vector<Named<embedding_checks::PrefixCurve>>& curves,
                                       const QString& metric);
// Explained variance ratio of the first (at most 50) components, one series per representation;
// the note gives each participation ratio.
[[nodiscard]] ChartContent spectrumChart(const std::vector<Named<embedding_checks::Spectrum>>& spectra);
// R² of each categorical column, one bar per representation and column.
[[nodiscard]] ChartContent categoryShareChart(const std::vector<Named<embedding_checks::Spectrum>>& spectra);

}  // namespace repscope::views
