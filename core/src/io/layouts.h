#pragma once
// One reader per recognised layout; each returns what it found or throws FormatError.
#include "io/layout_common.h"

namespace repscope::io {

[[nodiscard]] bool isNative(const H5File& file);
[[nodiscard]] bool isRsatoolbox(const H5File& file);
[[nodiscard]] bool isH5ad(const H5File& file);
[[nodiscard]] bool isThingsvision(const H5File& file);

[[nodiscard]] Discovery readNative(const H5FilePtr& file);
[[nodiscard]] Discovery readRsatoolbox(const H5FilePtr& file);
[[nodiscard]] Discovery readH5ad(const H5FilePtr& file);
[[nodiscard]] Discovery readThingsvision(const H5FilePtr& file);
[[nodiscard]] Discovery readGeneric(const H5FilePtr& file);

// Reads a stimulus column dataset (strings or integers) into `out.stimuli` as a categorical
// column or labels; checks its length against n. Used by native and rsatoolbox readers.
void readStimulusColumn(const H5FilePtr& file, const std::string& path, const std::string& name,
                        std::size_t n, Discovery& out);

}  // namespace repscope::io
