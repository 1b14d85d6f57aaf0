#pragma once
// The pictures of a report, painted with the figure code (views/figure.h) into images: the layer
// matrix of a metric, and the RDM and 2-D projection of one representation. Each returns a
// ReportFigure whose note says why there is no image when one cannot be made (too few stimuli,
// a degenerate representation); Cancelled passes through.
#include <memory>

#include "report_content.h"
#include "repscope/representation.h"
#include "repscope/stimuli.h"

namespace repscope::report {

// Display size of a picture in CSS pixels; images hold twice as many pixels.
inline constexpr int kMatrixFigureWidth = 760;
inline constexpr int kMatrixFigureHeight = 640;
inline constexpr int kLayerFigureWidth = 520;
inline constexpr int kLayerFigureHeight = 430;

[[nodiscard]] ReportFigure layerMatrixFigure(const MetricSection& section,
                                             const std::vector<std::string>& models);

// `values`: the representation's rows in collection order (an N×N RDM when precomputed).
[[nodiscard]] ReportFigure rdmFigure(const RepresentationInfo& info, const MatrixF& values,
                                     const std::shared_ptr<const Stimuli>& stimuli,
                                     Progress& progress);
[[nodiscard]] ReportFigure projectionFigure(const RepresentationInfo& info, const MatrixF& values,
                                            const std::shared_ptr<const Stimuli>& stimuli,
                                            Progress& progress);

// "category" when present, else the first column with 2 to 64 categories; empty for none.
[[nodiscard]] std::string colourColumn(const Stimuli& stimuli);
// "/mlp/hidden1" → "mlp/hidden1"; "dir/acts.h5" → "acts.h5".
[[nodiscard]] std::string withoutLeadingSlash(const std::string& path);
[[nodiscard]] std::string baseName(const std::string& path);

}  // namespace repscope::report
