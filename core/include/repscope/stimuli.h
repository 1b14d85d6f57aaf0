#pragma once
// The stimulus set shared by every representation of a collection: labels, categorical
// metadata columns and optional thumbnails.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace repscope {

struct CategoryColumn {
    std::string name;
    std::vector<std::string> categories;  // distinct values, in first-appearance or file order
    std::vector<std::int32_t> codes;      // per stimulus index into categories; -1 = missing

    // Number of stimuli in each category (same order as categories).
    [[nodiscard]] std::vector<std::size_t> counts() const;
};

struct Thumbnails {
    int height = 0;
    int width = 0;
    int channels = 0;                   // 1 (grey) or 3 (RGB)
    std::vector<std::uint8_t> pixels;  // N × height × width × channels, C order

    [[nodiscard]] bool empty() const { return pixels.empty(); }
    [[nodiscard]] std::size_t bytesPerImage() const {
        return static_cast<std::size_t>(height) * static_cast<std::size_t>(width) *
               static_cast<std::size_t>(channels);
    }
};

struct Stimuli {
    std::size_t count = 0;
    std::vector<std::string> labels;  // empty when the file carries no labels
    std::vector<CategoryColumn> columns;
    Thumbnails thumbnails;

    [[nodiscard]] bool hasLabels() const { return !labels.empty(); }
    // The label of stimulus i, or "#i" when there are no labels.
    [[nodiscard]] std::string label(std::size_t i) const;
    [[nodiscard]] const CategoryColumn* column(std::string_view name) const;
    // The stimuli at the given indices, in that order (labels, columns and thumbnails follow).
    [[nodiscard]] Stimuli subset(const std::vector<std::size_t>& indices) const;
};

}  // namespace repscope
