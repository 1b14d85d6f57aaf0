#pragma once
// Repeated measurements (alignment.md, "Repeated measurements"): an rsatoolbox Dataset whose
// condition descriptor repeats across observations and whose run descriptor says which run each
// observation comes from. Its representation is the per-condition mean (the stimuli are the
// distinct conditions, sorted as rsatoolbox's numpy.unique sorts them); the raw observations
// and the design stay reachable for crossnobis through this interface:
//   dynamic_cast<const RepeatedMeasurements*>(representation.get())
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/representation.h"

namespace repscope {

struct RunDesign {
    std::vector<std::uint32_t> condition;  // per observation: index into the sorted conditions
    std::vector<std::uint32_t> run;        // per observation: index into runNames (empty: none)
    std::size_t conditions = 0;
    std::vector<std::string> runNames;     // sorted distinct runs
    std::string runDescriptor;             // e.g. "runs"; empty when the file has none
};

class RepeatedMeasurements {
public:
    virtual ~RepeatedMeasurements() = default;
    [[nodiscard]] virtual const RunDesign& design() const = 0;
    // Every observation (n_obs × D, float32). Throws ResourceError beyond the memory budget.
    [[nodiscard]] virtual MatrixF readObservations() const = 0;
};

}  // namespace repscope
