#pragma once
// Representations read for the analysis views, kept between requests (another RDM measure, the
// other side of the focus pair, another layer-matrix metric) up to a byte budget, the least
// recently used dropped first. Thread-safe: filled on the TaskRunner's worker, cleared from the
// GUI thread. Entries belong to one collection snapshot and never serve another.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

#include "repscope/collection.h"

namespace repscope::gui {

using MatrixPtr = std::shared_ptr<const MatrixF>;

class RepresentationCache {
public:
    explicit RepresentationCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

    // The entry's rows in collection order (Collection::read), read once per snapshot.
    [[nodiscard]] MatrixPtr read(const std::shared_ptr<const Collection>& collection,
                                 const CollectionEntry& entry, Progress& progress);
    void clear();
    [[nodiscard]] std::size_t bytes() const;

private:
    struct Item {
        std::weak_ptr<const Collection> collection;
        RepresentationPtr representation;
        MatrixPtr values;
    };
    [[nodiscard]] static std::size_t bytesOf(const MatrixF& m) {
        return static_cast<std::size_t>(m.size()) * sizeof(float);
    }

    mutable std::mutex mutex_;
    std::list<Item> items_;  // most recently used first
    std::size_t bytes_ = 0;
    std::size_t maxBytes_;
};

}  // namespace repscope::gui
