#include "repscope/stimuli.h"

namespace repscope {

std::vector<std::size_t> CategoryColumn::counts() const {
    std::vector<std::size_t> c(categories.size(), 0);
    for (const std::int32_t code : codes) {
        if (code >= 0 && static_cast<std::size_t>(code) < c.size()) ++c[static_cast<std::size_t>(code)];
    }
    return c;
}

std::string Stimuli::label(std::size_t i) const {
    if (i < labels.size()) return labels[i];
    return std::string("#").append(std::to_string(i));
}

const CategoryColumn* Stimuli::column(std::string_view name) const {
    for (const auto& c : columns) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

Stimuli Stimuli::subset(const std::vector<std::size_t>& indices) const {
    Stimuli s;
    s.count = indices.size();
    if (hasLabels()) {
        s.labels.reserve(indices.size());
        for (const std::size_t i : indices) s.labels.push_back(labels.at(i));
    }
    for (const auto& c : columns) {
        CategoryColumn sc{c.name, c.categories, {}};
        sc.codes.reserve(indices.size());
        for (const std::size_t i : indices) sc.codes.push_back(c.codes.at(i));
        s.columns.push_back(std::move(sc));
    }
    if (!thumbnails.empty()) {
        s.thumbnails.height = thumbnails.height;
        s.thumbnails.width = thumbnails.width;
        s.thumbnails.channels = thumbnails.channels;
        const std::size_t per = thumbnails.bytesPerImage();
        s.thumbnails.pixels.reserve(per * indices.size());
        for (const std::size_t i : indices) {
            const auto first = thumbnails.pixels.begin() + static_cast<std::ptrdiff_t>(i * per);
            s.thumbnails.pixels.insert(s.thumbnails.pixels.end(), first,
                                       first + static_cast<std::ptrdiff_t>(per));
        }
    }
    return s;
}

}  // namespace repscope
