#include "gui/inspector/inspector_panel.h"

#include <QAbstractListModel>
#include <QBrush>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

#include "gui/inspector/spectrum_section.h"
#include "repscope/views/selection_model.h"

namespace repscope::gui {

// The selected stimuli that pass the filter, by label; labels are looked up when shown, so a
// selection of 100k stimuli costs one index vector.
class SelectedStimuliModel : public QAbstractListModel {
public:
    explicit SelectedStimuliModel(QObject* parent) : QAbstractListModel(parent) {}

    void set(std::vector<std::size_t> shown, std::shared_ptr<const Stimuli> stimuli) {
        beginResetModel();
        shown_ = std::move(shown);
        stimuli_ = std::move(stimuli);
        endResetModel();
    }
    [[nodiscard]] std::size_t stimulusAt(int row) const { return shown_[static_cast<std::size_t>(row)]; }
    [[nodiscard]] int rowOf(std::size_t stimulus) const {
        const auto it = std::find(shown_.begin(), shown_.end(), stimulus);
        return it == shown_.end() ? -1 : static_cast<int>(it - shown_.begin());
    }
    [[nodiscard]] int rowCount(const QModelIndex& parent) const override {
        return parent.isValid() ? 0 : static_cast<int>(shown_.size());
    }
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || index.row() >= static_cast<int>(shown_.size())) return {};
        const std::size_t s = shown_[static_cast<std::size_t>(index.row())];
        if (role == Qt::DisplayRole) {
            return stimuli_ && s < stimuli_->count ? QString::fromStdString(stimuli_->label(s))
                                                   : QStringLiteral("#%1").arg(s);
        }
        if (role == Qt::UserRole) return static_cast<qulonglong>(s);
        return {};
    }

private:
    std::vector<std::size_t> shown_;
    std::shared_ptr<const Stimuli> stimuli_;
};

namespace {
constexpr int kMaxListed = 200000;  // beyond this the list shows the first ones only
}

InspectorPanel::InspectorPanel(QWidget* parent)
    : QWidget(parent),
      count_(new QLabel(this)),
      search_(new QLineEdit(this)),
      filter_(new QLineEdit(this)),
      model_(new SelectedStimuliModel(this)),
      list_(new QListView(this)),
      breakdown_(new QTreeWidget(this)),
      neighboursTitle_(new QLabel(this)),
      neighbours_(new QTableWidget(this)),
      spectrum_(new SpectrumSection(this)) {
    setObjectName(QStringLiteral("inspectorPanel"));
    count_->setObjectName(QStringLiteral("inspectorCount"));
    count_->setTextFormat(Qt::RichText);
    search_->setObjectName(QStringLiteral("inspectorLabelSearch"));
    search_->setPlaceholderText(tr("Select stimuli whose label contains…"));
    search_->setClearButtonEnabled(true);
    search_->setToolTip(tr("Press Enter to select every stimulus whose label contains the text"));
    filter_->setObjectName(QStringLiteral("inspectorListFilter"));
    filter_->setPlaceholderText(tr("Filter the selected…"));
    filter_->setClearButtonEnabled(true);
    list_->setObjectName(QStringLiteral("inspectorList"));
    list_->setModel(model_);
    list_->setUniformItemSizes(true);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    breakdown_->setObjectName(QStringLiteral("inspectorBreakdown"));
    breakdown_->setColumnCount(3);
    breakdown_->setHeaderLabels({tr("Category"), tr("Selected"), tr("Of")});
    breakdown_->setRootIsDecorated(false);
    breakdown_->header()->setStretchLastSection(false);
    breakdown_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    breakdown_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    breakdown_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    neighboursTitle_->setObjectName(QStringLiteral("inspectorNeighboursTitle"));
    neighboursTitle_->setWordWrap(true);
    neighboursTitle_->setTextFormat(Qt::RichText);
    neighbours_->setObjectName(QStringLiteral("inspectorNeighbours"));
    neighbours_->setColumnCount(2);
    neighbours_->setHorizontalHeaderLabels({tr("A"), tr("B")});
    neighbours_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Narrow columns cut the names in the middle, "A:"/"B:" and the layer kept (centred and
    // clipped, both showed the same middle of two layer names); whole in the tooltip.
    neighbours_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(neighbours_->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this] { fitNeighbourHeaders(); });
    neighbours_->verticalHeader()->setDefaultSectionSize(20);
    neighbours_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    neighbours_->setSelectionMode(QAbstractItemView::NoSelection);

    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(filter_);
    listLayout->addWidget(list_, 1);
    auto* neighbourBox = new QWidget(this);
    auto* neighbourLayout = new QVBoxLayout(neighbourBox);
    neighbourLayout->setContentsMargins(0, 0, 0, 0);
    neighbourLayout->addWidget(neighboursTitle_);
    neighbourLayout->addWidget(neighbours_, 1);
    auto* parts = new QSplitter(Qt::Vertical, this);
    parts->setChildrenCollapsible(false);
    parts->addWidget(listBox);
    parts->addWidget(breakdown_);
    parts->addWidget(neighbourBox);
    parts->addWidget(spectrum_);
    parts->setSizes({200, 150, 250, 220});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(count_);
    layout->addWidget(search_);
    layout->addWidget(parts, 1);

    connect(search_, &QLineEdit::returnPressed, this, [this] { selectByLabel(search_->text()); });
    connect(filter_, &QLineEdit::textChanged, this, &InspectorPanel::selectionChanged);
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) chooseStimulus(model_->stimulusAt(current.row()));
            });
    selectionChanged();
    setNeighboursNote(QString());
}

InspectorPanel::~InspectorPanel() = default;

void InspectorPanel::setSelectionModel(views::SelectionModel* model) {
    if (selection_ != nullptr) disconnect(selection_, nullptr, this, nullptr);
    selection_ = model;
    if (selection_ != nullptr) {
        connect(selection_, &views::SelectionModel::changed, this, &InspectorPanel::selectionChanged);
    }
    selectionChanged();
}

void InspectorPanel::setStimuli(std::shared_ptr<const Stimuli> stimuli,
                                const std::string& categoryColumn) {
    stimuli_ = std::move(stimuli);
    column_ = categoryColumn;
    chosen_.reset();
    selectionChanged();
}

QString InspectorPanel::labelOf(std::size_t i) const {
    return stimuli_ && i < stimuli_->count ? QString::fromStdString(stimuli_->label(i))
                                           : QStringLiteral("#%1").arg(i);
}

QStringList InspectorPanel::listedLabels() const {
    QStringList labels;
    for (int r = 0; r < model_->rowCount({}); ++r) labels << model_->data(model_->index(r), Qt::DisplayRole).toString();
    return labels;
}

std::size_t InspectorPanel::selectByLabel(const QString& text) {
    if (selection_ == nullptr || !stimuli_ || text.isEmpty()) return 0;
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < stimuli_->count; ++i) {
        if (labelOf(i).contains(text, Qt::CaseInsensitive)) matches.push_back(i);
    }
    if (matches.empty()) {
        count_->setText(tr("No label contains “%1”.").arg(text.toHtmlEscaped()));
        return 0;
    }
    selection_->select(matches, Selection::Mode::Replace);
    return matches.size();
}

void InspectorPanel::selectionChanged() {
    std::vector<std::size_t> selected;
    if (selection_ != nullptr && stimuli_) {
        for (std::size_t i : selection_->selection().indices()) {
            if (i < stimuli_->count) selected.push_back(i);
        }
    }
    selectedCount_ = selected.size();
    const std::size_t total = stimuli_ ? stimuli_->count : 0;
    count_->setText(total == 0 ? tr("No data open.")
                               : tr("<b>%1</b> of %2 stimuli selected")
                                     .arg(QLocale().toString(static_cast<qulonglong>(selectedCount_)),
                                          QLocale().toString(static_cast<qulonglong>(total))));
    const QString filter = filter_->text();
    std::vector<std::size_t> shown;
    for (std::size_t i : selected) {
        if (static_cast<int>(shown.size()) >= kMaxListed) break;
        if (filter.isEmpty() || labelOf(i).contains(filter, Qt::CaseInsensitive)) shown.push_back(i);
    }
    model_->set(std::move(shown), stimuli_);
    refreshBreakdown(selected);
    // Keep the chosen stimulus while it stays selected, else the first selected one.
    if (!chosen_ || !std::binary_search(selected.begin(), selected.end(), *chosen_)) {
        chooseStimulus(selected.empty() ? std::nullopt : std::optional<std::size_t>(selected.front()));
    } else if (const int row = model_->rowOf(*chosen_); row >= 0) {
        list_->setCurrentIndex(model_->index(row));
    }
}

void InspectorPanel::refreshBreakdown(const std::vector<std::size_t>& selected) {
    breakdown_->clear();
    const CategoryColumn* column = stimuli_ ? stimuli_->column(column_) : nullptr;
    breakdown_->setVisible(column != nullptr);
    if (column == nullptr || column->codes.size() != stimuli_->count) return;
    breakdown_->setHeaderLabels({QString::fromStdString(column->name), tr("Selected"), tr("Of")});
    std::vector<std::size_t> counts(column->categories.size() + 1, 0);  // last: missing
    for (std::size_t i : selected) {
        const std::int32_t code = column->codes[i];
        ++counts[code < 0 ? column->categories.size() : static_cast<std::size_t>(code)];
    }
    const std::vector<std::size_t> totals = column->counts();
    for (std::size_t c = 0; c < column->categories.size(); ++c) {
        auto* item = new QTreeWidgetItem(breakdown_);
        item->setText(0, QString::fromStdString(column->categories[c]));
        item->setText(1, QString::number(counts[c]));
        item->setText(2, c < totals.size() ? QString::number(totals[c]) : QString());
        item->setTextAlignment(1, Qt::AlignRight);
        item->setTextAlignment(2, Qt::AlignRight);
        if (counts[c] == 0) item->setForeground(1, QColor(150, 150, 150));
    }
}

void InspectorPanel::chooseStimulus(std::optional<std::size_t> stimulus) {
    if (stimulus == chosen_) return;
    chosen_ = stimulus;
    if (chosen_) {
        const int row = model_->rowOf(*chosen_);
        if (row >= 0) list_->setCurrentIndex(model_->index(row));
    }
    emit stimulusChosen(chosen_ ? static_cast<qint64>(*chosen_) : qint64{-1});
}

void InspectorPanel::showNeighbours(const QString& nameA, const std::vector<Neighbour>& a,
                                    bool aIsRdm, const QString& nameB,
                                    const std::vector<Neighbour>& b, bool bIsRdm) {
    neighboursTitle_->setText(
        chosen_ ? tr("Nearest neighbours of <b>%1</b>").arg(labelOf(*chosen_).toHtmlEscaped())
                : QString());
    neighbourNames_[0] = tr("A: %1").arg(nameA);
    neighbourNames_[1] = tr("B: %1").arg(nameB);
    fitNeighbourHeaders();
    const std::size_t rows = std::max(a.size(), b.size());
    neighbours_->setRowCount(static_cast<int>(rows));
    std::set<std::size_t> inA;
    std::set<std::size_t> inB;
    for (const Neighbour& n : a) inA.insert(n.stimulus);
    for (const Neighbour& n : b) inB.insert(n.stimulus);
    const auto fill = [&](int column, const std::vector<Neighbour>& list, bool rdm,
                          const std::set<std::size_t>& other) {
        for (std::size_t r = 0; r < rows; ++r) {
            auto* item = new QTableWidgetItem;
            if (r < list.size()) {
                const Neighbour& n = list[r];
                item->setText(QStringLiteral("%1  (%2)").arg(labelOf(n.stimulus),
                                                             QString::number(n.value, 'f', 2)));
                item->setToolTip(rdm ? tr("dissimilarity %1").arg(n.value)
                                     : tr("cosine similarity %1").arg(n.value));
                // Neighbours the two representations share stand out.
                if (other.count(n.stimulus) != 0) {
                    item->setBackground(QColor(255, 236, 160));
                    item->setToolTip(item->toolTip() + tr(" · a neighbour in both"));
                }
            }
            neighbours_->setItem(static_cast<int>(r), column, item);
        }
    };
    fill(0, a, aIsRdm, inB);
    fill(1, b, bIsRdm, inA);
    neighbours_->setVisible(true);
}

void InspectorPanel::fitNeighbourHeaders() {
    const QFontMetrics fm(neighbours_->horizontalHeader()->font());
    for (int column = 0; column < 2; ++column) {
        QTableWidgetItem* header = neighbours_->horizontalHeaderItem(column);
        if (header == nullptr || neighbourNames_[column].isEmpty()) continue;
        const int room = neighbours_->horizontalHeader()->sectionSize(column) - 12;  // the style's margins
        const QString shown = fm.elidedText(neighbourNames_[column], Qt::ElideMiddle, std::max(room, 0));
        if (header->text() != shown) header->setText(shown);
        header->setToolTip(neighbourNames_[column]);
    }
}

void InspectorPanel::setNeighboursNote(const QString& text) {
    neighboursTitle_->setText(text);
    neighbours_->setRowCount(0);
}

}  // namespace repscope::gui
