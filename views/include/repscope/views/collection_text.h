#pragma once
// Short texts that describe a collection and its representations, shared by the Data panel and
// the main window: counts with group separators, "N × D" shapes, one-line summaries and the
// stimulus metadata summary (HTML).
#include <QString>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "repscope/collection.h"

namespace repscope::views {

// 1797 -> "1,797" (English grouping, whatever the system locale, so texts stay predictable).
[[nodiscard]] QString formatCount(std::size_t n);

// "40 × 64": stimuli × features as RepScope uses them (trailing dimensions flattened).
[[nodiscard]] QString shapeText(const RepresentationInfo& info);

// The stored shape, e.g. "40 × 16 × 8 × 8".
[[nodiscard]] QString storedShapeText(const std::vector<std::uint64_t>& shape);

// The file name part of a path ("/a/b/acts.h5" -> "acts.h5").
[[nodiscard]] QString fileNameOf(const std::string& path);

// "3 files · 1,797 stimuli · 13 representations"; "" for an empty collection.
[[nodiscard]] QString collectionSummaryLine(const Collection& collection);

// Stimulus count, labels, categorical columns with their counts, thumbnails, file warnings and
// the alignment report, as simple HTML for a read-only text view.
[[nodiscard]] QString stimulusMetadataHtml(const Collection& collection);

}  // namespace repscope::views
