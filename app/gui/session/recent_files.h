#pragma once
// The File > Open Recent menu: the last files opened successfully, kept in QSettings.
#include <QObject>
#include <QStringList>

class QMenu;

namespace repscope::gui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;

    // Fills `menu` (owned by the caller) each time it is about to show.
    RecentFiles(QMenu* menu, QObject* parent);

    // Moves `path` (absolute) to the top of the list.
    void add(const QString& path);
    static void clear();
    [[nodiscard]] static QStringList paths();

signals:
    void openRequested(const QString& path);

private:
    void rebuildMenu();

    QMenu* menu_;
};

}  // namespace repscope::gui
