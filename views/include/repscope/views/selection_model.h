#pragma once
// A thin QObject around the session's repscope::Selection (not owned; it must outlive this):
// views call select()/clear() and listen to changed(), which carries the core delta.
#include <QObject>
#include <vector>

#include "repscope/selection.h"

namespace repscope::views {

class SelectionModel : public QObject {
    Q_OBJECT
public:
    SelectionModel(Selection& selection, QObject* parent);
    ~SelectionModel() override;
    SelectionModel(const SelectionModel&) = delete;
    SelectionModel& operator=(const SelectionModel&) = delete;

    // Out of line: views reach the model through QPointer, and GCC's -Wnull-dereference cannot
    // tell that they checked it when these are inlined.
    [[nodiscard]] Selection& selection();
    [[nodiscard]] const Selection& selection() const;
    void select(const std::vector<std::size_t>& indices,
                Selection::Mode mode = Selection::Mode::Replace);
    void clear();

signals:
    // Emitted once per real change of the selection, whoever made it.
    void changed(const repscope::Selection::Change& change);

private:
    Selection& selection_;
    Selection::ListenerId listener_ = 0;
};

}  // namespace repscope::views
