#pragma once
// What the Embedding checks view computes in the background for one old/new pair.
#include <QString>
#include <optional>
#include <string>
#include <utility>
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
    // 2D Matryoshka: every layer of the old representation's model (name, curve without top-1).
    std::string gridModel;
    std::vector<std::pair<std::string, embedding_checks::PrefixCurve>> grid;
};

}  // namespace repscope::gui
