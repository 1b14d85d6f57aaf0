#pragma once
// The session's selection of stimuli: one instance shared by every view. Changes are reported
// to listeners as deltas (added, removed, cleared), and only when the set really changes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace repscope {

class Selection {
public:
    struct Change {
        std::vector<std::size_t> added;    // sorted
        std::vector<std::size_t> removed;  // sorted; with cleared, everything that was selected
        bool cleared = false;              // the selection became empty by clear()
    };
    enum class Mode { Replace, Add, Remove, Toggle };
    using Listener = std::function<void(const Change&)>;
    using ListenerId = std::uint64_t;

    // Applies indices with a mode; duplicates are fine. Returns true when the set changed (then
    // every listener was called once).
    bool select(const std::vector<std::size_t>& indices, Mode mode = Mode::Replace);
    // Empties the selection (listeners see cleared = true).
    bool clear();

    [[nodiscard]] bool contains(std::size_t index) const {
        return index < member_.size() && member_[index] != 0;
    }
    [[nodiscard]] bool empty() const { return count_ == 0; }
    [[nodiscard]] std::size_t size() const { return count_; }
    // The selected indices, ascending.
    [[nodiscard]] std::vector<std::size_t> indices() const;

    ListenerId addListener(Listener listener);
    void removeListener(ListenerId id);

private:
    void notify(const Change& change);

    std::vector<std::uint8_t> member_;  // grows to the largest index seen
    std::size_t count_ = 0;
    std::vector<std::pair<ListenerId, Listener>> listeners_;
    ListenerId nextId_ = 1;
    bool notifying_ = false;
};

}  // namespace repscope
