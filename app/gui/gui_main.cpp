#include "gui/gui_main.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QOpenGLContext>
#include <QStringList>

#include <cstdio>

#include "gui/main_window.h"
#include "repscope/text.h"
#include "repscope/version.h"

namespace repscope::gui {

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RepScope"));
    QApplication::setApplicationName(QStringLiteral("repscope"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("org.repscope.RepScope"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.repscope.RepScope")));

    // QApplication has removed its own options (-platform, ...); what is left names files. Before
    // a "--", an argument that starts with '-' and is no file is a mistyped option: said on the
    // terminal, and no window opens on a file called "--demo" that does not exist.
    QStringList files;
    bool onlyFiles = false;
    for (const QString& arg : QApplication::arguments().mid(1)) {
        if (!onlyFiles && arg == QLatin1String("--")) {
            onlyFiles = true;
            continue;
        }
        if (!onlyFiles && arg.startsWith(QLatin1Char('-')) && !QFileInfo::exists(arg)) {
            std::fprintf(stderr,
                         "repscope: unknown option '%s'; the window takes file names (repscope "
                         "[FILE...], a name that starts with '-' after --); see repscope --help\n",
                         printable(arg.toStdString()).c_str());
            return 2;
        }
        files << arg;
    }

    // The heatmaps and 3-D views draw into QOpenGLWidgets. Where those cannot work — no OpenGL
    // (a remote display without GLX), or a platform that cannot compose them into a window
    // (Qt's offscreen, minimal, linuxfb and vnc platforms, even where an X display lends them a
    // GL context) — Qt 6.4 crashes on the first repaint: say so instead, once, and point to the
    // sub-commands, which need no display.
    const QString platformName = QGuiApplication::platformName();
    const bool rasterOnly = platformName == QLatin1String("offscreen") ||
                            platformName == QLatin1String("minimal") ||
                            platformName == QLatin1String("linuxfb") ||
                            platformName == QLatin1String("vnc");
    if (QOpenGLContext probe; rasterOnly || !probe.create()) {
        const std::string platform = printable(platformName.toStdString());
        const QString text = QStringLiteral(
            "RepScope's window needs OpenGL, which this display (Qt platform '%1') does not "
            "provide. The sub-commands run without a display: see repscope --help.")
                                 .arg(QString::fromStdString(platform));
        std::fprintf(stderr, "repscope: %s\n", text.toStdString().c_str());
        if (platformName != QLatin1String("offscreen") && platformName != QLatin1String("minimal")) {
            QMessageBox::critical(nullptr, QStringLiteral("RepScope"), text);
        }
        return 2;
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
