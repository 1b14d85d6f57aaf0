#pragma once
// What the headless painting commands (`repscope figure`, `repscope report`) share: a
// QGuiApplication on the "offscreen" platform, so that text can be painted with no display, and
// an early check that the output can be written where it should go.
#include <QGuiApplication>
#include <memory>
#include <string>

namespace repscope::figure {

// A QGuiApplication on the offscreen platform unless the user chose another (QT_QPA_PLATFORM);
// null when one exists already. Qt's warnings about the environment are kept off stderr.
[[nodiscard]] std::unique_ptr<QGuiApplication> offscreenGuiApplication();

// Throws FileError when the directory of `out` is missing or not writable, or `out` is a directory.
void requireWritableDirectory(const std::string& out);

}  // namespace repscope::figure
