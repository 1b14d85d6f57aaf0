#include "gui/gui_main.h"

#include <QApplication>
#include <QIcon>
#include <QStringList>

#include "gui/main_window.h"
#include "repscope/version.h"

namespace repscope::gui {

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RepScope"));
    QApplication::setApplicationName(QStringLiteral("repscope"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("org.repscope.RepScope"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.repscope.RepScope")));

    // QApplication has removed its own options (-platform, ...); what is left names files.
    QStringList files;
    for (const QString& arg : QApplication::arguments().mid(1)) {
        if (arg != QLatin1String("--")) files << arg;
    }

    MainWindow window;
    window.show();
    if (files.isEmpty()) {
        window.openDemo();
    } else {
        window.openFiles(files);
    }
    return QApplication::exec();
}

}  // namespace repscope::gui
