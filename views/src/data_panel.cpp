#include "repscope/views/data_panel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QResizeEvent>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>
#include <functional>
#include <map>

#include "repscope/views/collection_text.h"

namespace repscope::views {
namespace {

// Identifies a file or model row across rebuilds, to keep what the user expanded.
constexpr int kExpansionKeyRole = Qt::UserRole + 100;
// A new file with fewer rows than this opens fully expanded (models and layers visible).
constexpr int kExpandAllRowLimit = 80;

QString kindText(const RepresentationInfo& info) {
    QString text = QString::fromStdString(info.dtype);
    if (info.kind == RepresentationKind::Rdm) text += QStringLiteral(" · RDM");
    return text;
}

QString layerToolTip(const RepresentationInfo& info) {
    QStringList lines;
    lines << QString::fromStdString(info.qualifiedName());
    QString shape = QStringLiteral("Stored shape %1 (%2)")
                        .arg(storedShapeText(info.shape), QString::fromStdString(info.dtype));
    if (info.shape.size() > 2) shape += QStringLiteral(", used as ") + shapeText(info);
    lines << shape;
    if (info.kind == RepresentationKind::Rdm) {
        lines << (info.rdmMeasure.empty()
                      ? QStringLiteral("Precomputed RDM")
                      : QStringLiteral("Precomputed RDM (%1)").arg(QString::fromStdString(info.rdmMeasure)));
    } else {
        lines << QStringLiteral("%1 stimuli × %2 features").arg(formatCount(info.n), formatCount(info.d));
    }
    for (const auto& [key, value] : info.attributes) {
        lines << QStringLiteral("%1 = %2").arg(QString::fromStdString(key), QString::fromStdString(value));
    }
    return lines.join(QLatin1Char('\n'));
}

QList<QStandardItem*> makeRow(const QString& name, const QString& shape, const QString& type,
                              const QString& toolTip, int fileIndex, const QString& kind) {
    QList<QStandardItem*> row{new QStandardItem(name), new QStandardItem(shape),
                              new QStandardItem(type)};
    for (QStandardItem* item : row) {
        item->setEditable(false);
        item->setToolTip(toolTip);
        item->setData(fileIndex, DataPanel::FileIndexRole);
        item->setData(kind, DataPanel::ItemKindRole);
    }
    return row;
}

// Ownership of every created item passes to `model` through appendRow.
void appendFile(QStandardItemModel* model, const DataFile& file, int fileIndex) {
    const QString path = QString::fromStdString(file.path());
    const QString layout = QString::fromUtf8(layoutName(file.layout()).data(),
                                             static_cast<qsizetype>(layoutName(file.layout()).size()));
    const QString fileTip = QStringLiteral("%1\n%2 layout · %3 stimuli · %4 representations")
                                .arg(path, layout, formatCount(file.stimulusCount()),
                                     formatCount(file.representations().size()));
    QList<QStandardItem*> fileRow = makeRow(fileNameOf(file.path()),
                                            formatCount(file.stimulusCount()) + QStringLiteral(" stimuli"),
                                            layout, fileTip, fileIndex, QStringLiteral("file"));
    fileRow[0]->setData(path, kExpansionKeyRole);
    QFont bold = fileRow[0]->font();
    bold.setBold(true);
    fileRow[0]->setFont(bold);
    QStandardItem* fileItem = fileRow[0];
    model->appendRow(fileRow);

    std::map<std::string, QStandardItem*> models;
    std::map<std::string, std::size_t> layerCounts;
    for (const RepresentationPtr& rep : file.representations()) {
        const RepresentationInfo& info = rep->info();
        QStandardItem* parent = fileItem;
        if (!info.model.empty()) {
            auto it = models.find(info.model);
            if (it == models.end()) {
                const QString name = QString::fromStdString(info.model);
                QList<QStandardItem*> modelRow =
                    makeRow(name, QString(), QString(), path + QStringLiteral(":/") + name,
                            fileIndex, QStringLiteral("model"));
                modelRow[0]->setData(path + QLatin1Char('\n') + name, kExpansionKeyRole);
                fileItem->appendRow(modelRow);
                it = models.emplace(info.model, modelRow[0]).first;
            }
            parent = it->second;
            ++layerCounts[info.model];
        }
        const QString layerName = QString::fromStdString(info.layer.empty() ? info.path : info.layer);
        QList<QStandardItem*> layerRow = makeRow(layerName, shapeText(info), kindText(info),
                                                 layerToolTip(info), fileIndex, QStringLiteral("layer"));
        layerRow[0]->setData(QString::fromStdString(info.qualifiedName()), DataPanel::QualifiedNameRole);
        parent->appendRow(layerRow);
    }
    for (const auto& [name, item] : models) {
        const std::size_t n = layerCounts[name];
        fileItem->child(item->row(), DataPanel::ShapeColumn)
            ->setText(formatCount(n) + (n == 1 ? QStringLiteral(" layer") : QStringLiteral(" layers")));
    }
}

}  // namespace

DataPanel::DataPanel(QWidget* parent)
    : QWidget(parent), model_(new QStandardItemModel(this)), tree_(new QTreeView(this)),
      metadata_(new QTextBrowser(this)) {
    model_->setHorizontalHeaderLabels({tr("Name"), tr("N × D"), tr("Type")});

    tree_->setObjectName(QStringLiteral("dataTree"));
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(ShapeColumn, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    // The name column keeps room for a layer's name however narrow the dock gets: the panel is
    // never narrower than that plus the shape and type columns.
    setMinimumWidth(230);
    connect(tree_, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString name = index.siblingAtColumn(NameColumn).data(QualifiedNameRole).toString();
        if (!name.isEmpty()) emit representationActivated(name);
    });
    connect(tree_, &QTreeView::customContextMenuRequested, this, &DataPanel::showContextMenu);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString name = current.siblingAtColumn(NameColumn).data(QualifiedNameRole).toString();
                if (!name.isEmpty()) emit representationSelected(name);
            });

    metadata_->setObjectName(QStringLiteral("stimulusMetadata"));
    metadata_->setOpenLinks(false);
    metadata_->setFrameShape(QFrame::NoFrame);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(tree_);
    splitter->addWidget(metadata_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    setCollection(Collection{});
}

QAbstractItemModel* DataPanel::model() const { return model_; }

QString DataPanel::metadataText() const { return metadata_->toPlainText(); }

QSet<QString> DataPanel::expandedKeys() const {
    QSet<QString> keys;
    for (int f = 0; f < model_->rowCount(); ++f) {
        const QModelIndex file = model_->index(f, 0);
        if (tree_->isExpanded(file)) keys.insert(file.data(kExpansionKeyRole).toString());
        for (int m = 0; m < model_->rowCount(file); ++m) {
            const QModelIndex child = model_->index(m, 0, file);
            if (tree_->isExpanded(child)) keys.insert(child.data(kExpansionKeyRole).toString());
        }
    }
    return keys;
}

void DataPanel::restoreExpansion(const QSet<QString>& expanded, const QSet<QString>& known) {
    for (int f = 0; f < model_->rowCount(); ++f) {
        const QModelIndex file = model_->index(f, 0);
        const QString path = file.data(kExpansionKeyRole).toString();
        const bool isNew = !known.contains(path);
        int descendants = model_->rowCount(file);
        for (int m = 0; m < model_->rowCount(file); ++m) descendants += model_->rowCount(model_->index(m, 0, file));
        const bool small = descendants < kExpandAllRowLimit;
        tree_->setExpanded(file, isNew || expanded.contains(path));
        for (int m = 0; m < model_->rowCount(file); ++m) {
            const QModelIndex child = model_->index(m, 0, file);
            const QString key = child.data(kExpansionKeyRole).toString();
            if (key.isEmpty()) continue;  // a layer directly under its file
            tree_->setExpanded(child, isNew ? small : expanded.contains(key));
        }
    }
}

void DataPanel::setCollection(const Collection& collection) {
    const QSet<QString> expanded = expandedKeys();
    QSet<QString> known;
    for (int f = 0; f < model_->rowCount(); ++f) {
        known.insert(model_->index(f, 0).data(kExpansionKeyRole).toString());
    }

    model_->removeRows(0, model_->rowCount());
    const std::vector<DataFilePtr>& files = collection.files();
    for (std::size_t i = 0; i < files.size(); ++i) appendFile(model_, *files[i], static_cast<int>(i));
    restoreExpansion(expanded, known);
    applyFocusMarks();
    metadata_->setHtml(stimulusMetadataHtml(collection));
}

void DataPanel::showContextMenu(const QPoint& pos) {
    const QModelIndex index = tree_->indexAt(pos);
    if (!index.isValid()) return;
    const int fileIndex = index.data(FileIndexRole).toInt();
    const QString fileName = model_->index(fileIndex, NameColumn).data().toString();
    QMenu menu(this);
    QAction* close = menu.addAction(tr("Close %1").arg(fileName));
    if (menu.exec(tree_->viewport()->mapToGlobal(pos)) == close) emit closeFileRequested(fileIndex);
}

void DataPanel::setFocusMarks(const QString& a, const QString& b) {
    focusA_ = a;
    focusB_ = b;
    applyFocusMarks();
}

void DataPanel::applyFocusMarks() {
    const auto badge = [](const QString& text) {
        // A small rounded label in the views' A/B colours, drawn once per kind.
        const QColor fill = text == QStringLiteral("A") ? QColor(0x4e79a7) : text == QStringLiteral("B") ? QColor(0xe15759) : QColor(0x76b7b2);
        QPixmap pixmap(text.size() > 1 ? 30 : 16, 14);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(QRectF(pixmap.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        QFont font = painter.font();
        font.setPixelSize(10);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(pixmap.rect(), Qt::AlignCenter, text);
        return QIcon(pixmap);
    };
    const std::function<void(QStandardItem*)> visit = [&](QStandardItem* item) {
        for (int r = 0; r < item->rowCount(); ++r) {
            QStandardItem* child = item->child(r, NameColumn);
            if (child == nullptr) continue;
            const QString name = child->data(QualifiedNameRole).toString();
            if (!name.isEmpty()) {
                QStringList marks;
                if (name == focusA_) marks << QStringLiteral("A");
                if (name == focusB_) marks << QStringLiteral("B");
                const QString mark = marks.join(QLatin1Char(' '));
                if (child->data(FocusRole).toString() != mark) {
                    child->setData(mark, FocusRole);
                    child->setIcon(mark.isEmpty() ? QIcon() : badge(marks.join(QString())));
                    QFont font = child->font();
                    font.setBold(!mark.isEmpty());
                    child->setFont(font);
                }
            }
            visit(child);
        }
    };
    visit(model_->invisibleRootItem());
}

void DataPanel::resizeEvent(QResizeEvent* e) {
    constexpr int kTypeColumnWidth = 300;
    QWidget::resizeEvent(e);
    tree_->setColumnHidden(TypeColumn, width() < kTypeColumnWidth);
}

}  // namespace repscope::views
