#include "gui/alignment/alignment_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "gui/narrow.h"
#include "repscope/error.h"
#include "repscope/views/chart_view.h"
#include "repscope/views/figure_file.h"

namespace repscope::gui {

namespace {

QString fromView(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

constexpr std::size_t kBootstrapResamples = 1000;

}  // namespace

AlignmentPanel::AlignmentPanel(QWidget* parent)
    : QWidget(parent),
      targetCombo_(new QComboBox(this)),
      comparatorCombo_(new QComboBox(this)),
      measureCombo_(new QComboBox(this)),
      errorsCombo_(new QComboBox(this)),
      orderCombo_(new QComboBox(this)),
      pairwiseBox_(new QCheckBox(tr("Pairwise"), this)),
      selectionBox_(new QCheckBox(tr("Selected only"), this)),
      title_(new QLabel(this)),
      tabs_(new QTabWidget(this)),
      bars_(new views::ChartView(this)),
      profile_(new views::ChartView(this)),
      subjectCombo_(new QComboBox(this)),
      showTarget_(new QPushButton(tr("Show"), this)),
      export_(new QToolButton(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("alignmentPanel"));
    targetCombo_->setObjectName(QStringLiteral("alignmentTargetCombo"));
    targetCombo_->setToolTip(tr("The RDM set the models are evaluated against: subjects' RDMs, or "
                                "a ratings file (one RDM per rater)"));
    allowNarrow(targetCombo_, 90);
    comparatorCombo_->setObjectName(QStringLiteral("alignmentComparatorCombo"));
    comparatorCombo_->setToolTip(tr("How a model's RDM is compared with each subject's"));
    for (const alignment::Comparator c : alignment::allComparators()) {
        comparatorCombo_->addItem(fromView(alignment::comparatorName(c)), static_cast<int>(c));
        comparatorCombo_->setItemData(comparatorCombo_->count() - 1, views::comparatorTitle(c), Qt::ToolTipRole);
    }
    allowNarrow(comparatorCombo_);
    measureCombo_->setObjectName(QStringLiteral("alignmentMeasureCombo"));
    measureCombo_->setToolTip(tr("The RDM of each model representation (precomputed RDMs are used as they are)"));
    for (const metrics::RdmMeasure m : metrics::allRdmMeasures()) {
        measureCombo_->addItem(fromView(metrics::rdmMeasureName(m)), static_cast<int>(m));
    }
    allowNarrow(measureCombo_);
    errorsCombo_->setObjectName(QStringLiteral("alignmentErrorsCombo"));
    errorsCombo_->addItem(tr("SEM"), static_cast<int>(views::EvaluationErrorBars::Sem));
    errorsCombo_->addItem(tr("bootstrap 95 %"), static_cast<int>(views::EvaluationErrorBars::Bootstrap));
    errorsCombo_->addItem(tr("none"), static_cast<int>(views::EvaluationErrorBars::None));
    errorsCombo_->setToolTip(tr("Error bars: standard error over subjects, or a 95 % interval from %1 "
                                "bootstrap resamples of the subjects").arg(kBootstrapResamples));
    allowNarrow(errorsCombo_);
    orderCombo_->setObjectName(QStringLiteral("alignmentOrderCombo"));
    orderCombo_->addItem(tr("model order"));
    orderCombo_->addItem(tr("by value"));
    allowNarrow(orderCombo_);
    pairwiseBox_->setObjectName(QStringLiteral("alignmentPairwiseBox"));
    pairwiseBox_->setToolTip(tr("Brackets join the models whose paired t test over subjects is "
                                "significant after FDR correction"));
    selectionBox_->setObjectName(QStringLiteral("alignmentSelectionBox"));
    selectionBox_->setToolTip(tr("Evaluate on the brushed stimuli only (the title says so)"));
    selectionBox_->setEnabled(false);
    title_->setObjectName(QStringLiteral("alignmentTitle"));
    title_->setTextFormat(Qt::PlainText);
    title_->setWordWrap(true);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    // Title and subtitle may wrap to three lines: room for them, never overlapped by the charts.
    title_->setMinimumHeight(3 * title_->fontMetrics().lineSpacing() + 2);
    title_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    bars_->setObjectName(QStringLiteral("alignmentBars"));
    profile_->setObjectName(QStringLiteral("alignmentProfile"));
    tabs_->setObjectName(QStringLiteral("alignmentTabs"));
    tabs_->addTab(bars_, tr("Models"));
    tabs_->addTab(profile_, tr("Layer profile"));
    subjectCombo_->setObjectName(QStringLiteral("alignmentSubjectCombo"));
    subjectCombo_->setToolTip(tr("Which of the target's RDMs the RDM view shows (its T side)"));
    allowNarrow(subjectCombo_, 90);
    showTarget_->setObjectName(QStringLiteral("alignmentShowTarget"));
    showTarget_->setToolTip(tr("Show this RDM of the target in the RDM view (its T side)"));
    export_->setObjectName(QStringLiteral("alignmentExport"));
    export_->setText(tr("Export…"));
    export_->setToolTip(tr("Save the chart shown as PNG, SVG or PDF"));
    note_->setObjectName(QStringLiteral("alignmentNote"));
    note_->setTextFormat(Qt::PlainText);
    note_->setWordWrap(true);
    note_->setStyleSheet(QStringLiteral("color: #555"));
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* row1 = new QHBoxLayout;
    const auto add = [this](QHBoxLayout* row, const QString& text, QWidget* w) {
        auto* label = new QLabel(text, this);
        if (auto* combo = qobject_cast<QComboBox*>(w)) label->setBuddy(combo);
        row->addWidget(label);
        row->addWidget(w);
    };
    add(row1, tr("&Target"), targetCombo_);
    row1->setStretchFactor(targetCombo_, 1);
    // Two label–chooser pairs a row, so that the dock's 300 px minimum holds them whole.
    auto* choices = new QGridLayout;
    const auto place = [&](int row, int column, const QString& text, QComboBox* combo) {
        auto* label = new QLabel(text, this);
        label->setBuddy(combo);
        choices->addWidget(label, row, 2 * column);
        choices->addWidget(combo, row, 2 * column + 1);
    };
    place(0, 0, tr("C&ompare"), comparatorCombo_);
    place(0, 1, tr("RDM"), measureCombo_);
    place(1, 0, tr("Errors"), errorsCombo_);
    place(1, 1, tr("Order"), orderCombo_);
    choices->setColumnStretch(4, 1);
    auto* row2b = new QHBoxLayout;
    row2b->addWidget(pairwiseBox_);
    row2b->addWidget(selectionBox_);
    row2b->addStretch(1);
    auto* row3 = new QHBoxLayout;
    add(row3, tr("Target RDM"), subjectCombo_);
    row3->addWidget(showTarget_);
    row3->addStretch(1);
    row3->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(row1);
    layout->addLayout(choices);
    layout->addLayout(row2b);
    layout->addWidget(title_);
    layout->addWidget(tabs_, 1);
    layout->addLayout(row3);
    layout->addWidget(note_);

    for (QComboBox* c : {targetCombo_, comparatorCombo_, measureCombo_}) {
        connect(c, &QComboBox::currentIndexChanged, this, &AlignmentPanel::requestChanged);
    }
    connect(selectionBox_, &QCheckBox::toggled, this, &AlignmentPanel::requestChanged);
    connect(errorsCombo_, &QComboBox::currentIndexChanged, this, [this] {
        // Bootstrap error bars need resamples: a new evaluation; the others only a new drawing.
        if (chartOptions().errors == views::EvaluationErrorBars::Bootstrap) {
            emit requestChanged();
        } else {
            emit displayChanged();
        }
    });
    connect(orderCombo_, &QComboBox::currentIndexChanged, this, &AlignmentPanel::displayChanged);
    connect(pairwiseBox_, &QCheckBox::toggled, this, &AlignmentPanel::displayChanged);
    connect(bars_, &views::ChartView::itemClicked, this, &AlignmentPanel::modelClicked);
    connect(profile_, &views::ChartView::itemClicked, this, &AlignmentPanel::modelClicked);
    connect(showTarget_, &QPushButton::clicked, this, [this] { emit showTargetRequested(shownSubject()); });
    connect(subjectCombo_, &QComboBox::activated, this, [this] { emit showTargetRequested(shownSubject()); });
    connect(export_, &QToolButton::clicked, this, &AlignmentPanel::exportChart);
    clearCharts(tr("Open a file with an RDM set (subjects' RDMs) or a ratings CSV together with "
                   "the models' activations: every layer is evaluated against it."));
}

void AlignmentPanel::setTargets(const QStringList& names) {
    const QString current = targetCombo_->currentText();
    {
        const QSignalBlocker block(targetCombo_);
        targetCombo_->clear();
        targetCombo_->addItems(names);
        const int keep = static_cast<int>(names.indexOf(current));
        targetCombo_->setCurrentIndex(keep >= 0 ? keep : (names.isEmpty() ? -1 : 0));
    }
    for (int k = 0; k < targetCombo_->count(); ++k) {
        targetCombo_->setItemData(k, names[k], Qt::ToolTipRole);
    }
}

int AlignmentPanel::targetIndex() const { return targetCombo_->currentIndex(); }

void AlignmentPanel::setTripletMode(bool triplets) {
    comparatorCombo_->setEnabled(!triplets);
    measureCombo_->setEnabled(!triplets);
    pairwiseBox_->setEnabled(!triplets);
    if (triplets) {
        const QSignalBlocker block(selectionBox_);
        selectionBox_->setEnabled(false);
    }
}

alignment::Comparator AlignmentPanel::comparator() const {
    return static_cast<alignment::Comparator>(comparatorCombo_->currentData().toInt());
}

metrics::RdmMeasure AlignmentPanel::measure() const {
    return static_cast<metrics::RdmMeasure>(measureCombo_->currentData().toInt());
}

views::EvaluationChartOptions AlignmentPanel::chartOptions() const {
    views::EvaluationChartOptions o;
    o.sortByValue = orderCombo_->currentIndex() == 1;
    o.errors = static_cast<views::EvaluationErrorBars>(errorsCombo_->currentData().toInt());
    o.pairwise = pairwiseBox_->isChecked();
    return o;
}

std::size_t AlignmentPanel::bootstrap() const {
    return chartOptions().errors == views::EvaluationErrorBars::Bootstrap ? kBootstrapResamples : 0;
}

bool AlignmentPanel::selectionOnly() const { return selectionBox_->isEnabled() && selectionBox_->isChecked(); }

void AlignmentPanel::setSelectionCount(std::size_t count) {
    selectionBox_->setText(count > 0 ? tr("Selected only (%1)").arg(count) : tr("Selected only"));
    const bool was = selectionOnly();
    {
        const QSignalBlocker block(selectionBox_);
        selectionBox_->setEnabled(count >= 3);
    }
    // The selection changed under a selection-only result: evaluate again.
    if (was || selectionOnly()) emit requestChanged();
}

void AlignmentPanel::setSubjects(const QStringList& names) {
    const QSignalBlocker block(subjectCombo_);
    const int current = subjectCombo_->currentIndex();
    subjectCombo_->clear();
    if (!names.isEmpty()) subjectCombo_->addItem(tr("mean of %1 subjects (pooled)").arg(names.size()), -1);
    for (int k = 0; k < names.size(); ++k) subjectCombo_->addItem(names[k], k);
    subjectCombo_->setCurrentIndex(current >= 0 && current < subjectCombo_->count() ? current : 0);
    subjectCombo_->setEnabled(!names.isEmpty());
    showTarget_->setEnabled(!names.isEmpty());
}

int AlignmentPanel::shownSubject() const {
    return subjectCombo_->currentIndex() < 0 ? -1 : subjectCombo_->currentData().toInt();
}

void AlignmentPanel::showCharts(views::ChartContent bars, views::ChartContent profile, const QString& title,
                                const QString& subtitle) {
    bars_->setContent(std::move(bars));
    profile_->setContent(std::move(profile));
    bars_->setOverlayText(QString());
    profile_->setOverlayText(QString());
    titleText_ = title;
    subtitle_ = subtitle;
    title_->setText(subtitle.isEmpty() ? title : title + QLatin1Char('\n') + subtitle);
    export_->setEnabled(true);
}

void AlignmentPanel::clearCharts(const QString& message) {
    bars_->setContent({});
    profile_->setContent({});
    bars_->setOverlayText(message);
    profile_->setOverlayText(message);
    titleText_.clear();
    subtitle_.clear();
    title_->clear();
    export_->setEnabled(false);
}

void AlignmentPanel::setPending(const QString& text) {
    bars_->setOverlayText(text);
    profile_->setOverlayText(text);
}

void AlignmentPanel::setNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

QString AlignmentPanel::title() const { return titleText_; }

std::optional<views::Figure> AlignmentPanel::figure() const {
    if (titleText_.isEmpty()) return std::nullopt;
    const views::ChartView* shown = tabs_->currentWidget() == profile_ ? profile_ : bars_;
    return views::Figure{titleText_, subtitle_, shown->content()};
}

void AlignmentPanel::exportChart() {
    const std::optional<views::Figure> shown = figure();
    if (!shown) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the chart"), QString(),
                                                      tr("Pictures (*.png *.svg *.pdf)"));
    if (path.isEmpty()) return;
    try {
        views::writeFigure(*shown, path, {900, 800}, 2);
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Export"), QString::fromStdString(e.what()));
    }
}

}  // namespace repscope::gui
