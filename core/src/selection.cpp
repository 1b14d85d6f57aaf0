#include "repscope/selection.h"

#include <algorithm>

namespace repscope {

bool Selection::select(const std::vector<std::size_t>& indices, Mode mode) {
    std::vector<std::size_t> wanted(indices);
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    if (!wanted.empty() && wanted.back() >= member_.size()) member_.resize(wanted.back() + 1, 0);

    Change change;
    auto set = [&](std::size_t i, bool on) {
        if ((member_[i] != 0) == on) return;
        member_[i] = on ? 1 : 0;
        (on ? change.added : change.removed).push_back(i);
        count_ += on ? 1 : static_cast<std::size_t>(-1);
    };
    if (mode == Mode::Replace) {
        std::vector<std::uint8_t> keep(member_.size(), 0);
        for (std::size_t i : wanted) keep[i] = 1;
        for (std::size_t i = 0; i < member_.size(); ++i) {
            if (member_[i] != 0 && keep[i] == 0) set(i, false);
        }
        for (std::size_t i : wanted) set(i, true);
    } else {
        for (std::size_t i : wanted) {
            set(i, mode == Mode::Add || (mode == Mode::Toggle && member_[i] == 0));
        }
    }
    if (change.added.empty() && change.removed.empty()) return false;
    std::sort(change.removed.begin(), change.removed.end());
    notify(change);
    return true;
}

bool Selection::clear() {
    if (count_ == 0) return false;
    Change change;
    change.cleared = true;
    change.removed = indices();
    std::fill(member_.begin(), member_.end(), 0);
    count_ = 0;
    notify(change);
    return true;
}

std::vector<std::size_t> Selection::indices() const {
    std::vector<std::size_t> out;
    out.reserve(count_);
    for (std::size_t i = 0; i < member_.size(); ++i) {
        if (member_[i] != 0) out.push_back(i);
    }
    return out;
}

Selection::ListenerId Selection::addListener(Listener listener) {
    listeners_.emplace_back(nextId_, std::move(listener));
    return nextId_++;
}

void Selection::removeListener(ListenerId id) {
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void Selection::notify(const Change& change) {
    // A listener that changes the selection again would recurse without end: its change is
    // applied, but nobody hears of it from inside the notification.
    if (notifying_) return;
    struct Guard {
        bool& flag;
        explicit Guard(bool& f) : flag(f) { flag = true; }
        ~Guard() { flag = false; }
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
    } guard(notifying_);
    const auto listeners = listeners_;  // a listener may remove itself
    for (const auto& [id, fn] : listeners) fn(change);
}

}  // namespace repscope
