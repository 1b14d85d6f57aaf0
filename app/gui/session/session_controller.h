#pragma once
// Saves the main window's state as a session and brings a saved session back: closes what is
// open, opens the session's files in the background, and once they are all in, restores the
// focus pair, each view's options and the selection. app/ wiring only: it reads and sets the
// panels through their public interfaces.
#include <QObject>
#include <optional>

#include "gui/session/session_file.h"

namespace repscope::gui {

class MainWindow;

class SessionController : public QObject {
    Q_OBJECT
public:
    explicit SessionController(MainWindow* window);

    [[nodiscard]] SessionState capture() const;
    // Throws repscope::FileError.
    void save(const QString& path) const;
    // Throws what readSessionFile throws; nothing changes then.
    void restoreFile(const QString& path);
    void restore(const SessionState& state);
    [[nodiscard]] bool restoring() const { return pending_.has_value(); }

signals:
    // The pending session was applied; `notes` lists what could not be restored (empty if all).
    void restored(const QString& notes);

private:
    void collectionChanged();
    void apply(const SessionState& s);

    MainWindow* window_;
    std::optional<SessionState> pending_;
};

}  // namespace repscope::gui
