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

// Native RDM sets (datasets with attribute kind = "rdm_set", see rdm_set_native.cpp): removes
// them from `paths`, adds each set and its members to `out`, and returns their paths. `n` is
// the file's stimulus count; when it is 0 the first set fixes it. Sets over another N are
// skipped with a warning.
[[nodiscard]] bool isRdmSetDataset(const H5File& file, const std::string& path);
std::vector<std::string> takeRdmSets(const H5FilePtr& file, std::vector<std::string>& paths,
                                     std::size_t& n, Discovery& out);

// An rsatoolbox Dataset whose condition descriptor repeats (repeated_measurements.cpp): sets
// out.stimuli to the distinct conditions and adds the per-condition mean of /measurements;
// false (nothing changed) when the conditions do not repeat.
bool readRepeatedMeasurements(const H5FilePtr& file, const DatasetFacts& measurements,
                              Discovery& out);

}  // namespace repscope::io
