#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace repscope {

// True when a sorts before b in natural order: digit runs compare as numbers
// ("layer2" < "layer10"), everything else character by character.
[[nodiscard]] bool naturalLess(std::string_view a, std::string_view b);

// Display order of layer names: names that contain a number in natural order first, then
// names without digits (e.g. "fc", "logits") in their given order.
[[nodiscard]] std::vector<std::size_t> layerDisplayOrder(const std::vector<std::string>& names);

}  // namespace repscope
