#pragma once
// The Inspector: what the shared stimulus selection holds — how many, their labels (a list with
// a filter), how they split over the categories — a label search that sets the selection, and
// for one chosen stimulus its nearest neighbours in A and in B side by side, and focus A's variance
// spectrum (spectrum_section.h). It follows the
// selection model; the neighbours are computed elsewhere (InspectorController) and handed in.
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/projection/neighbour_query.h"
#include "repscope/stimuli.h"

class QLabel;
class QLineEdit;
class QListView;
class QTableWidget;
class QTreeWidget;

namespace repscope::views {
class SelectionModel;
}

namespace repscope::gui {

class SelectedStimuliModel;
class SpectrumSection;

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(QWidget* parent);
    ~InspectorPanel() override;

    void setSelectionModel(views::SelectionModel* model);
    // The stimuli the selection's indices refer to (null: none) and the column of the breakdown.
    void setStimuli(std::shared_ptr<const Stimuli> stimuli, const std::string& categoryColumn);

    [[nodiscard]] std::size_t selectedCount() const { return selectedCount_; }
    [[nodiscard]] QLabel* countLabel() const { return count_; }
    // Labels in the list as shown (after the filter).
    [[nodiscard]] QStringList listedLabels() const;
    // Selects the stimuli whose label contains `text` (case-insensitive); empty text: nothing.
    // Returns how many matched.
    std::size_t selectByLabel(const QString& text);

    [[nodiscard]] std::optional<std::size_t> chosenStimulus() const { return chosen_; }
    // The stimulus whose neighbours are shown (emits stimulusChosen when it changes).
    void chooseStimulus(std::optional<std::size_t> stimulus);
    // Neighbours of the chosen stimulus in A and B (either list may be empty), or a note instead.
    void showNeighbours(const QString& nameA, const std::vector<Neighbour>& a, bool aIsRdm,
                        const QString& nameB, const std::vector<Neighbour>& b, bool bIsRdm);
    void setNeighboursNote(const QString& text);
    [[nodiscard]] QTableWidget* neighboursTable() const { return neighbours_; }
    [[nodiscard]] QTreeWidget* breakdown() const { return breakdown_; }
    // Focus A's variance spectrum (SpectrumController fills it).
    [[nodiscard]] SpectrumSection* spectrumSection() const { return spectrum_; }

signals:
    // The chosen stimulus changed (-1: none).
    void stimulusChosen(qint64 stimulus);

private:
    void selectionChanged();
    void refreshBreakdown(const std::vector<std::size_t>& selected);
    [[nodiscard]] QString labelOf(std::size_t i) const;
    // The neighbours' column headers, "A: name" and "B: name", each name cut in the middle to
    // its column's width (the side and the layer stay), whole in the tooltip.
    void fitNeighbourHeaders();

    views::SelectionModel* selection_ = nullptr;
    std::shared_ptr<const Stimuli> stimuli_;
    std::string column_;
    std::size_t selectedCount_ = 0;
    std::optional<std::size_t> chosen_;
    QLabel* count_;
    QLineEdit* search_;
    QLineEdit* filter_;
    SelectedStimuliModel* model_;
    QListView* list_;
    QTreeWidget* breakdown_;
    QLabel* neighboursTitle_;
    QTableWidget* neighbours_;
    QString neighbourNames_[2];
    SpectrumSection* spectrum_;
};

}  // namespace repscope::gui
