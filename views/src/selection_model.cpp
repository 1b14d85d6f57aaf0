#include "repscope/views/selection_model.h"

namespace repscope::views {

SelectionModel::SelectionModel(Selection& selection, QObject* parent)
    : QObject(parent), selection_(selection) {
    listener_ = selection_.addListener([this](const Selection::Change& c) { emit changed(c); });
}

SelectionModel::~SelectionModel() { selection_.removeListener(listener_); }

Selection& SelectionModel::selection() { return selection_; }

const Selection& SelectionModel::selection() const { return selection_; }

void SelectionModel::select(const std::vector<std::size_t>& indices, Selection::Mode mode) {
    selection_.select(indices, mode);
}

void SelectionModel::clear() { selection_.clear(); }

}  // namespace repscope::views
