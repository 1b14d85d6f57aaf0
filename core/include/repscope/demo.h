#pragma once
// The built-in demo dataset: the UCI handwritten digits (embedded in the binary) and small MLPs
// trained on them with Eigen, every layer dumped in the native layout.
#include <string>
#include <vector>

#include "repscope/progress.h"

namespace repscope::demo {

struct TrainedModel {
    std::string name;               // e.g. "mlp_w64_s1"
    std::vector<int> hiddenWidths;  // e.g. {64, 64, 32}
    unsigned seed = 0;
    double heldOutAccuracy = 0.0;  // fraction of the held-out stimuli classified correctly
};

struct DemoSummary {
    std::size_t stimuli = 0;
    std::vector<TrainedModel> models;
};

// Version of the demo content; bumps invalidate cached copies.
inline constexpr int kDemoVersion = 1;

// Trains the demo models (deterministic) and writes the native-layout file to `path`, through a
// temporary file renamed into place so that no partial file is ever left. Throws Error.
DemoSummary writeDemoDataset(const std::string& path, Progress& progress = silentProgress());

// `cacheDir`/demo-v<kDemoVersion>.h5, written by writeDemoDataset when it does not exist yet.
std::string ensureDemoDataset(const std::string& cacheDir, Progress& progress = silentProgress());

}  // namespace repscope::demo
