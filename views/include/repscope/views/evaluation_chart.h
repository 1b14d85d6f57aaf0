#pragma once
// The pictures of an evaluation (alignment.md): one horizontal bar per model representation with
// error bars, the noise ceiling as a grey band and significance marks (rsatoolbox's
// plot_model_comparison), and the layer profile — each model's value against layer depth with
// the same band. The Alignment view, `figure --view evaluation` and the report build them here,
// so all three show the same thing. Item ids are model indices into the evaluation.
#include <QString>
#include <string>
#include <vector>

#include "repscope/alignment/collection_evaluation.h"
#include "repscope/alignment/collection_triplets.h"
#include "repscope/views/chart.h"

namespace repscope::views {

enum class EvaluationErrorBars { Sem, Bootstrap, None };

struct EvaluationChartOptions {
    bool sortByValue = false;  // else model/layer (collection) order
    EvaluationErrorBars errors = EvaluationErrorBars::Sem;
    bool pairwise = false;     // brackets between the models whose paired test is FDR-significant
    double alpha = 0.05;       // for marks and brackets (FDR q below it)
};

// "Spearman ρ", "Pearson r", "Kendall τa", … for the value axis.
[[nodiscard]] QString comparatorTitle(alignment::Comparator comparator);

// Display name of every model ("model/layer"; with the file name when two models would read the
// same) and its model part, in evaluation order.
struct EvaluationNames {
    std::vector<QString> names;
    std::vector<QString> models;
};
[[nodiscard]] EvaluationNames evaluationNames(const alignment::CollectionEvaluation& evaluation);
[[nodiscard]] EvaluationNames evaluationNames(const std::vector<CollectionEntry>& models);

// The colour of each model part (by first appearance, as the layer matrix's model strip).
[[nodiscard]] std::vector<QColor> evaluationColours(const EvaluationNames& names);

// Bars: one per model (ids = model index), in the order asked for; the band when there is a noise
// ceiling; "*" when q < alpha (mean > 0); the note says what the marks and error bars are.
[[nodiscard]] ChartContent evaluationBars(const alignment::CollectionEvaluation& evaluation,
                                          alignment::Comparator comparator,
                                          const EvaluationChartOptions& options);

// Lines: one series per model part, its representations in collection order at depth 1, 2, …
[[nodiscard]] ChartContent evaluationProfile(const alignment::CollectionEvaluation& evaluation,
                                             alignment::Comparator comparator,
                                             const EvaluationChartOptions& options);

// Triplet agreement of every model (ids = model index): chance as a rule at 1/3, the triplet
// noise ceiling as a (thin) band, SEM over the triplets as error bars.
[[nodiscard]] ChartContent tripletBars(const alignment::CollectionTriplets& triplets,
                                       const EvaluationChartOptions& options);
[[nodiscard]] ChartContent tripletProfile(const alignment::CollectionTriplets& triplets,
                                          const EvaluationChartOptions& options);

// The plain-text description of one model's numbers (tooltips, reports).
[[nodiscard]] QString evaluationSummary(const alignment::CollectionEvaluation& evaluation,
                                        std::size_t model);

}  // namespace repscope::views
