#include "gui/session/recent_files.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace repscope::gui {
namespace {
const QString kSettingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), menu_(menu) {
    connect(menu_, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    rebuildMenu();
}

QStringList RecentFiles::paths() { return QSettings().value(kSettingsKey).toStringList(); }

void RecentFiles::add(const QString& path) {
    QStringList list = paths();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxEntries) list.removeLast();
    QSettings().setValue(kSettingsKey, list);
}

void RecentFiles::clear() { QSettings().remove(kSettingsKey); }

void RecentFiles::rebuildMenu() {
    menu_->clear();
    const QStringList list = paths();
    int number = 1;
    for (const QString& path : list) {
        const QFileInfo info(path);
        // "&1 acts.h5"; the mnemonic numbers 1-9, then plain "10".
        const QString prefix = number < 10 ? QStringLiteral("&%1 ").arg(number) : QStringLiteral("%1 ").arg(number);
        QAction* action = menu_->addAction(prefix + info.fileName().replace(QLatin1Char('&'), QStringLiteral("&&")));
        action->setToolTip(path);
        action->setStatusTip(path);
        if (!info.exists()) action->setEnabled(false);
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
        ++number;
    }
    if (list.isEmpty()) menu_->addAction(tr("No recent files"))->setEnabled(false);
    menu_->addSeparator();
    QAction* clearAction = menu_->addAction(tr("Clear"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
}

}  // namespace repscope::gui
