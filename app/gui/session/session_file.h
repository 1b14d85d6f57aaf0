#pragma once
// A saved session (`.repscope`, JSON): the data files, the focus pair, each view's options and
// the stimulus selection — enough to come back to the same picture. Reading checks every field
// and says in one sentence what is wrong and where.
#include <QString>
#include <QStringList>
#include <cstddef>
#include <vector>

namespace repscope::gui {

inline constexpr const char* kSessionSuffix = "repscope";

// A representation by its file (absolute path) and its HDF5 path inside it.
struct SessionRepresentation {
    QString file;
    QString path;
    bool operator==(const SessionRepresentation&) const = default;
};

struct SessionState {
    QStringList files;  // absolute paths, in opening order
    SessionRepresentation focusA;
    SessionRepresentation focusB;
    QString matrixMetric;
    QString rdmMeasure;      // the combo entries' texts, e.g. "correlation"
    QString rdmOrdering;     // "original", "by category", "clustered"
    QString rdmColormap;
    QString rdmSide;         // "A" or "B"
    QString projectionMethod;
    QString projectionSide;
    std::size_t stimuli = 0;               // N when saved; the selection applies only to the same N
    std::vector<std::size_t> selection;    // stimulus indices in collection order
    bool operator==(const SessionState&) const = default;
};

[[nodiscard]] QByteArray sessionToJson(const SessionState& state);
// Throws repscope::InputError naming `where` (the file) and the field at fault.
[[nodiscard]] SessionState sessionFromJson(const QByteArray& json, const QString& where);

// Atomic: the file appears complete or not at all. Throws repscope::FileError.
void writeSessionFile(const QString& path, const SessionState& state);
[[nodiscard]] SessionState readSessionFile(const QString& path);

[[nodiscard]] bool isSessionFile(const QString& path);

}  // namespace repscope::gui
