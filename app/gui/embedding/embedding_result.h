#pragma once
// What the Embedding checks view computes in the background for one old/new pair.
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "repscope/embedding_checks/compatibility.h"
#include "repscope/embedding_checks/prefix.h"
#include "repscope/embedding_checks/spectrum.h"

namespace repscope::gui {

struct EmbeddingResult {
    std::optional<embedding_checks::CompatResult> plain;  // nullopt: plainWhy says why
    std::string plainWhy;
    std::optional<embedding_checks::CompatResult> aligned;
    std::string alignedWhy;
    embedding_checks::PrefixCurve oldPrefix;
    embedding_checks::PrefixCurve newPrefix;
    embedding_checks::Spectrum oldSpectrum;
    embedding_checks::Spectrum newSpectrum;
    // 2D Matryoshka: every layer of the old representation's model against its prefixes, on the
    // sizes gridDims (the union of the layers' defaults); NaN past a layer's D. No top-1.
    struct GridRow {
        std::size_t representation = 0;  // index into the analysis' representations
        std::string layer;
        int d = 0;
        std::vector<double> value;  // one per gridDims
    };
    std::string gridModel;
    std::vector<int> gridDims;
    std::vector<GridRow> grid;
};

}  // namespace repscope::gui
