#pragma once
// The Data panel: the open files as a tree (file → model → layer, each layer with its "N × D"
// shape and stored type, precomputed RDMs marked) above a summary of the stimulus metadata.
#include <QSet>
#include <QString>
#include <QWidget>

#include "repscope/collection.h"

class QAbstractItemModel;
class QStandardItem;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace repscope::views {

class DataPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn = 0, ShapeColumn = 1, TypeColumn = 2 };
    enum Role {
        // On layer rows: "file:/model/layer" (RepresentationInfo::qualifiedName()).
        QualifiedNameRole = Qt::UserRole + 1,
        // On every row: index of the file in the collection.
        FileIndexRole,
        // On every row: "file", "model" or "layer".
        ItemKindRole,
        // On layer rows: "A", "B", "A B" for the focus pair's layers, else empty.
        FocusRole,
    };

    explicit DataPanel(QWidget* parent);

    // Shows the collection's files and metadata. Expansion of files shown before is kept.
    void setCollection(const Collection& collection);

    [[nodiscard]] QAbstractItemModel* model() const;
    [[nodiscard]] QTreeView* treeView() const { return tree_; }
    // Marks the focus pair's layer rows (qualified names; B may equal A or be empty) with an
    // "A" / "B" badge and bold names, as the RDM and projection name them.
    void setFocusMarks(const QString& a, const QString& b);
    // The metadata summary as plain text (what the lower part shows).
    [[nodiscard]] QString metadataText() const;

signals:
    // A layer row was double-clicked or activated with Enter.
    void representationActivated(const QString& qualifiedName);
    // A layer row became the current row (clicked, or reached with the keyboard).
    void representationSelected(const QString& qualifiedName);
    // The user asked to close the file at this collection index (context menu).
    void closeFileRequested(int fileIndex);

protected:
    // Below kTypeColumnWidth pixels the Type column is hidden, so that names keep their room.
    void resizeEvent(QResizeEvent* e) override;

private:
    void showContextMenu(const QPoint& pos);
    [[nodiscard]] QSet<QString> expandedKeys() const;
    void restoreExpansion(const QSet<QString>& expanded, const QSet<QString>& known);
    void applyFocusMarks();

    QStandardItemModel* model_;
    QTreeView* tree_;
    QTextBrowser* metadata_;
    QString focusA_;
    QString focusB_;
};

}  // namespace repscope::views
