#include "gui/analysis/representation_cache.h"

namespace repscope::gui {
namespace {

bool sameOwner(const std::weak_ptr<const Collection>& a,
               const std::shared_ptr<const Collection>& b) {
    return !a.expired() && !a.owner_before(b) && !b.owner_before(a);
}

}  // namespace

MatrixPtr RepresentationCache::read(const std::shared_ptr<const Collection>& collection,
                                    const CollectionEntry& entry, Progress& progress) {
    {
        const std::lock_guard lock(mutex_);
        for (auto it = items_.begin(); it != items_.end(); ++it) {
            if (it->representation == entry.representation &&
                sameOwner(it->collection, collection)) {
                items_.splice(items_.begin(), items_, it);
                return items_.front().values;
            }
        }
    }
    // Read without the lock: clear() from the GUI thread must not wait for a file.
    auto values = std::make_shared<const MatrixF>(collection->read(entry, progress));
    const std::lock_guard lock(mutex_);
    if (bytesOf(*values) > maxBytes_) return values;
    items_.push_front({collection, entry.representation, values});
    bytes_ += bytesOf(*values);
    while (bytes_ > maxBytes_ || (!items_.empty() && items_.back().collection.expired())) {
        bytes_ -= bytesOf(*items_.back().values);
        items_.pop_back();
    }
    return values;
}

void RepresentationCache::clear() {
    const std::lock_guard lock(mutex_);
    items_.clear();
    bytes_ = 0;
}

std::size_t RepresentationCache::bytes() const {
    const std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace repscope::gui
