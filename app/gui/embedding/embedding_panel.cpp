#include "gui/embedding/embedding_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "gui/narrow.h"
#include "repscope/views/chart_view.h"
#include "repscope/views/heatmap_view.h"

namespace repscope::gui {

namespace {

QString number(double v) { return std::isfinite(v) ? QString::number(v, 'f', 4) : QStringLiteral("–"); }

QTableWidgetItem* cell(const QString& text, bool bold = false) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (bold) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
    }
    return item;
}

}  // namespace

EmbeddingPanel::EmbeddingPanel(QWidget* parent)
    : QWidget(parent),
      oldCombo_(new QComboBox(this)),
      newCombo_(new QComboBox(this)),
      labelsCombo_(new QComboBox(this)),
      titleLabel_(new QLabel(this)),
      tabs_(new QTabWidget(this)),
      table_(new QTableWidget(this)),
      verdict_(new QLabel(this)),
      prefix_(new views::ChartView(this)),
      spectrum_(new views::ChartView(this)),
      shares_(new views::ChartView(this)),
      grid_(new views::HeatmapView(this)),
      gridTitle_(new QLabel(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("embeddingPanel"));
    oldCombo_->setObjectName(QStringLiteral("embeddingOldCombo"));
    oldCombo_->setToolTip(tr("The old model's representation (its index is what the new queries search)"));
    newCombo_->setObjectName(QStringLiteral("embeddingNewCombo"));
    newCombo_->setToolTip(tr("The new model's representation"));
    labelsCombo_->setObjectName(QStringLiteral("embeddingLabelsCombo"));
    labelsCombo_->setToolTip(tr("Items with the same value of this column are relevant to each other"));
    for (QComboBox* c : {oldCombo_, newCombo_, labelsCombo_}) allowNarrow(c, 80);
    titleLabel_->setObjectName(QStringLiteral("embeddingTitle"));
    titleLabel_->setTextFormat(Qt::PlainText);
    titleLabel_->setWordWrap(true);
    QFont bold = titleLabel_->font();
    bold.setBold(true);
    titleLabel_->setFont(bold);
    titleLabel_->setMinimumHeight(2 * titleLabel_->fontMetrics().lineSpacing() + 2);
    table_->setObjectName(QStringLiteral("embeddingCompatTable"));
    table_->setColumnCount(5);
    table_->setHorizontalHeaderLabels({tr("old·old"), tr("new·new"), tr("new·old"), tr("ok"), tr("gain")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);
    table_->horizontalHeaderItem(3)->setToolTip(tr("compatible: M(new, old) ≥ M(old, old)"));
    table_->setToolTip(tr("M(q, g): leave-one-out cosine retrieval with queries embedded by q and the gallery by g. "
                          "Compatible: M(new, old) ≥ M(old, old). Gain: (M(new, old) − M(old, old)) / "
                          "(M(new, new) − M(old, old)). Aligned rows: an orthogonal map new → old learned on "
                          "the even-indexed stimuli, everything scored on the odd-indexed ones."));
    verdict_->setObjectName(QStringLiteral("embeddingVerdict"));
    verdict_->setTextFormat(Qt::PlainText);
    verdict_->setWordWrap(true);
    prefix_->setObjectName(QStringLiteral("embeddingPrefix"));
    spectrum_->setObjectName(QStringLiteral("embeddingSpectrum"));
    shares_->setObjectName(QStringLiteral("embeddingShares"));
    grid_->setObjectName(QStringLiteral("embeddingGrid"));
    grid_->setAxisLabelsShown(true);
    grid_->setAxisTitles(tr("layers"), tr("prefix size d"));
    views::ColorScale scale = grid_->colorScale();
    scale.autoRange = false;  // CKA of a prefix with the whole: 0 to 1
    scale.low = 0.0F;
    scale.high = 1.0F;
    grid_->setColorScale(scale);
    grid_->setToolTip(tr("Click a cell: focus A moves to that layer and the RDM view shows its first d dimensions"));
    gridTitle_->setObjectName(QStringLiteral("embeddingGridTitle"));
    gridTitle_->setTextFormat(Qt::PlainText);
    gridTitle_->setWordWrap(true);
    // A wrapped label's size hint counts one line: the grid page would ask for too little and
    // its grid run under the note below the tabs.
    gridTitle_->setMinimumHeight(2 * gridTitle_->fontMetrics().lineSpacing() + 2);
    note_->setObjectName(QStringLiteral("embeddingNote"));
    note_->setTextFormat(Qt::PlainText);
    note_->setWordWrap(true);
    note_->setStyleSheet(QStringLiteral("color: #555"));

    auto* compatPage = new QWidget(this);
    auto* compatLayout = new QVBoxLayout(compatPage);
    compatLayout->setContentsMargins(0, 0, 0, 0);
    compatLayout->addWidget(table_, 1);
    compatLayout->addWidget(verdict_);
    auto* spectrumPage = new QSplitter(Qt::Vertical, this);
    spectrumPage->addWidget(spectrum_);
    spectrumPage->addWidget(shares_);
    tabs_->setObjectName(QStringLiteral("embeddingTabs"));
    tabs_->addTab(compatPage, tr("Compatibility"));
    auto* prefixPage = new QSplitter(Qt::Vertical, this);
    prefixPage->addWidget(prefix_);
    auto* gridPage = new QWidget(this);
    auto* gridLayout = new QVBoxLayout(gridPage);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(gridTitle_);
    gridLayout->addWidget(grid_, 1);
    prefixPage->addWidget(gridPage);
    prefixPage->setStretchFactor(0, 1);  // the curves and the grid share the height
    prefixPage->setStretchFactor(1, 1);
    prefixPage->setChildrenCollapsible(false);
    grid_->setMinimumHeight(200);
    tabs_->addTab(prefixPage, tr("Prefix"));
    tabs_->addTab(spectrumPage, tr("Spectrum"));

    auto* row = new QHBoxLayout;
    const auto add = [this, row](const QString& text, QComboBox* combo) {
        auto* label = new QLabel(text, this);
        label->setBuddy(combo);
        row->addWidget(label);
        row->addWidget(combo, 1);
    };
    add(tr("Old"), oldCombo_);
    add(tr("New"), newCombo_);
    auto* row2 = new QHBoxLayout;
    auto* labelsLabel = new QLabel(tr("Relevant: same"), this);
    labelsLabel->setBuddy(labelsCombo_);
    row2->addWidget(labelsLabel);
    row2->addWidget(labelsCombo_, 1);
    row2->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(row);
    layout->addLayout(row2);
    layout->addWidget(titleLabel_);
    layout->addWidget(tabs_, 1);
    layout->addWidget(note_);

    for (QComboBox* c : {oldCombo_, newCombo_, labelsCombo_}) {
        connect(c, &QComboBox::activated, this, &EmbeddingPanel::requestChanged);
    }
    connect(prefix_, &views::ChartView::itemClicked, this, &EmbeddingPanel::prefixClicked);
    connect(grid_, &views::HeatmapView::cellClicked, this,
            [this](qint64 r, qint64 c) { emit gridClicked(static_cast<int>(r), static_cast<int>(c)); });
    clearResult(tr("Open a file with embeddings (two or more representations of the same stimuli)."));
}

void EmbeddingPanel::setRepresentations(const QStringList& names, int oldIndex, int newIndex) {
    for (QComboBox* c : {oldCombo_, newCombo_}) {
        const QSignalBlocker block(c);
        c->clear();
        c->addItems(names);
    }
    const QSignalBlocker blockOld(oldCombo_);
    const QSignalBlocker blockNew(newCombo_);
    oldCombo_->setCurrentIndex(oldIndex);
    newCombo_->setCurrentIndex(newIndex);
}

int EmbeddingPanel::oldIndex() const { return oldCombo_->currentIndex(); }
int EmbeddingPanel::newIndex() const { return newCombo_->currentIndex(); }

void EmbeddingPanel::setLabelColumns(const QStringList& columns) {
    const QString current = labelsCombo_->currentText();
    const QSignalBlocker block(labelsCombo_);
    labelsCombo_->clear();
    labelsCombo_->addItems(columns);
    const int keep = static_cast<int>(columns.indexOf(current));
    labelsCombo_->setCurrentIndex(keep >= 0 ? keep : (columns.isEmpty() ? -1 : 0));
    labelsCombo_->setEnabled(!columns.isEmpty());
}

QString EmbeddingPanel::labelColumn() const { return labelsCombo_->currentText(); }

void EmbeddingPanel::fillTable(const Compat& compat) {
    table_->setRowCount(0);
    QStringList rows;
    const auto addRows = [&](const std::optional<embedding_checks::CompatResult>& r, const QString& suffix) {
        if (!r) return;
        for (const embedding_checks::CompatMeasure& m : r->measures) {
            const int at = table_->rowCount();
            table_->insertRow(at);
            rows << (m.name == "map" ? QStringLiteral("mAP") : QString::fromStdString(m.name)) + suffix;
            table_->setItem(at, 0, cell(number(m.oldOld)));
            table_->setItem(at, 1, cell(number(m.newNew)));
            table_->setItem(at, 2, cell(number(m.newOld), true));
            table_->setItem(at, 3, cell(m.compatible ? tr("yes") : tr("no"), true));
            table_->setItem(at, 4, cell(std::isfinite(m.updateGain) ? QString::number(m.updateGain, 'g', 4)
                                                                   : QStringLiteral("–")));
        }
    };
    addRows(compat.plain, QString());
    addRows(compat.aligned, tr(" (aligned)"));
    table_->setVerticalHeaderLabels(rows);
    QStringList verdict;
    const auto say = [&](const std::optional<embedding_checks::CompatResult>& r, const QString& why, const QString& what) {
        if (!r) {
            if (!why.isEmpty()) verdict << QStringLiteral("%1: %2").arg(what, why);
            return;
        }
        const auto& map = r->measures.back();  // mAP
        verdict << tr("%1: %2 on mAP (gain %3) over %4 queries")
                       .arg(what, map.compatible ? tr("compatible") : tr("not compatible"), number(map.updateGain))
                       .arg(r->queries);
    };
    say(compat.plain, compat.plainWhy, tr("As they are"));
    say(compat.aligned, compat.alignedWhy, tr("With an orthogonal map (odd stimuli)"));
    verdict_->setText(verdict.join(QLatin1Char('\n')));
}

void EmbeddingPanel::showResult(const Compat& compat, views::ChartContent prefix, views::ChartContent spectrum,
                                views::ChartContent shares, Grid grid, const QString& title,
                                const QString& subtitle) {
    gridShownTitle_ = grid.source ? grid.title : tr("No layer grid: the old model has no feature layers.");
    gridTitle_->setText(gridShownTitle_);
    grid_->setSource(std::move(grid.source), std::move(grid.rows), std::string(), std::move(grid.cols));
    fillTable(compat);
    prefix_->setContent(std::move(prefix));
    spectrum_->setContent(std::move(spectrum));
    shares_->setContent(std::move(shares));
    setPending(QString());
    title_ = title;
    subtitle_ = subtitle;
    titleLabel_->setText(subtitle.isEmpty() ? title : title + QLatin1Char('\n') + subtitle);
}

void EmbeddingPanel::clearResult(const QString& message) {
    table_->setRowCount(0);
    verdict_->setText(message);
    for (views::ChartView* v : {prefix_, spectrum_, shares_}) {
        v->setContent({});
        v->setOverlayText(message);
    }
    grid_->setSource(nullptr);
    gridTitle_->setText(message);
    title_.clear();
    subtitle_.clear();
    titleLabel_->clear();
}

void EmbeddingPanel::setPending(const QString& text) {
    for (views::ChartView* v : {prefix_, spectrum_, shares_}) v->setOverlayText(text);
    // The grid (a GL view, no overlay) keeps the previous result: its title says so meanwhile.
    grid_->setEnabled(text.isEmpty());
    if (!text.isEmpty() && grid_->source()) {
        gridTitle_->setText(tr("Computing… the grid below is the previous result: %1").arg(gridShownTitle_));
    } else if (text.isEmpty() && grid_->source()) {
        gridTitle_->setText(gridShownTitle_);
    }
    table_->setEnabled(text.isEmpty());
}

void EmbeddingPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

std::optional<views::Figure> EmbeddingPanel::figure() const {
    if (title_.isEmpty()) return std::nullopt;
    if (tabs_->currentIndex() == 1) return views::Figure{title_, subtitle_, prefix_->content()};
    if (tabs_->currentIndex() == 2) return views::Figure{title_, subtitle_, spectrum_->content()};
    return std::nullopt;
}

}  // namespace repscope::gui
