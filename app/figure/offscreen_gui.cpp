#include "offscreen_gui.h"

#include <QFileInfo>
#include <cstdlib>
#include <iostream>

#include "repscope/error.h"

namespace repscope::figure {
namespace {

// Qt's warnings about the environment (no XDG_RUNTIME_DIR, ...) do not concern the output: stderr
// keeps to the command's own lines. Critical and fatal messages still go through.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg) std::cerr << message.toStdString() << "\n";
}

}  // namespace

std::unique_ptr<QGuiApplication> offscreenGuiApplication() {
    if (QGuiApplication::instance() != nullptr) return nullptr;
    qInstallMessageHandler(quietQtMessages);
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "repscope";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

void requireWritableDirectory(const std::string& out) {
    const QFileInfo file(QString::fromStdString(out));
    const QFileInfo dir(file.absolutePath());
    if (!dir.isDir()) {
        throw FileError("cannot write " + out + ": the directory " + dir.filePath().toStdString() +
                        " does not exist");
    }
    if (!dir.isWritable()) {
        throw FileError("cannot write " + out + ": the directory " + dir.filePath().toStdString() +
                        " is not writable");
    }
    if (file.isDir()) throw FileError("cannot write " + out + ": it is a directory");
}

}  // namespace repscope::figure
