#pragma once
// Widgets that shrink on narrow screens (1280 × 800) instead of widening the window: they keep
// their natural size when there is room and give way down to a small explicit minimum.
#include <QComboBox>

namespace repscope::gui {

// The whole current choice when there is room; elided down to minWidth pixels when not.
inline void allowNarrow(QComboBox* combo, int minWidth = 64) {
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMinimumWidth(minWidth);
}

}  // namespace repscope::gui
