#include "gui/session/session_file.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "repscope/error.h"

namespace repscope::gui {
namespace {

constexpr int kFormatVersion = 1;
constexpr qint64 kMaxSessionBytes = qint64{64} << 20;

[[noreturn]] void bad(const QString& where, const QString& what) {
    throw InputError(QStringLiteral("%1 is not a usable RepScope session: %2.").arg(where, what).toStdString());
}

QString stringField(const QJsonObject& o, const char* key, const QString& where, bool required = false) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required) bad(where, QStringLiteral("\"%1\" is missing").arg(QLatin1String(key)));
        return {};
    }
    if (!v.isString()) bad(where, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
    return v.toString();
}

QJsonObject toJson(const SessionRepresentation& r) {
    return QJsonObject{{QStringLiteral("file"), r.file}, {QStringLiteral("path"), r.path}};
}

SessionRepresentation representationField(const QJsonObject& o, const char* key, const QString& where) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isObject()) bad(where, QStringLiteral("\"%1\" must be an object with file and path").arg(QLatin1String(key)));
    const QJsonObject r = v.toObject();
    return {stringField(r, "file", where), stringField(r, "path", where)};
}

}  // namespace

QByteArray sessionToJson(const SessionState& s) {
    QJsonArray selection;
    for (const std::size_t i : s.selection) selection.append(static_cast<qint64>(i));
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("repscope-session")},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("files"), QJsonArray::fromStringList(s.files)},
        {QStringLiteral("focusA"), toJson(s.focusA)},
        {QStringLiteral("focusB"), toJson(s.focusB)},
        {QStringLiteral("layerMatrix"), QJsonObject{{QStringLiteral("metric"), s.matrixMetric}}},
        {QStringLiteral("rdm"), QJsonObject{{QStringLiteral("measure"), s.rdmMeasure},
                                            {QStringLiteral("ordering"), s.rdmOrdering},
                                            {QStringLiteral("colormap"), s.rdmColormap},
                                            {QStringLiteral("side"), s.rdmSide}}},
        {QStringLiteral("projection"), QJsonObject{{QStringLiteral("method"), s.projectionMethod},
                                                   {QStringLiteral("side"), s.projectionSide}}},
        {QStringLiteral("stimuli"), static_cast<qint64>(s.stimuli)},
        {QStringLiteral("selection"), selection},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

SessionState sessionFromJson(const QByteArray& json, const QString& where) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        bad(where, QStringLiteral("invalid JSON at byte %1 (%2)").arg(error.offset).arg(error.errorString()));
    }
    if (!doc.isObject()) bad(where, QStringLiteral("the top level must be an object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QStringLiteral("repscope-session")) {
        bad(where, QStringLiteral("\"format\" must be \"repscope-session\""));
    }
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version < 1 || version > kFormatVersion) {
        bad(where, QStringLiteral("version %1 is not one this RepScope reads (1 to %2)").arg(version).arg(kFormatVersion));
    }
    SessionState s;
    const QJsonValue files = root.value(QStringLiteral("files"));
    if (!files.isArray()) bad(where, QStringLiteral("\"files\" must be a list of paths"));
    for (const QJsonValue& f : files.toArray()) {
        if (!f.isString() || f.toString().isEmpty()) bad(where, QStringLiteral("\"files\" holds something that is not a path"));
        s.files.append(f.toString());
    }
    s.focusA = representationField(root, "focusA", where);
    s.focusB = representationField(root, "focusB", where);
    const QJsonObject matrix = root.value(QStringLiteral("layerMatrix")).toObject();
    s.matrixMetric = stringField(matrix, "metric", where);
    const QJsonObject rdm = root.value(QStringLiteral("rdm")).toObject();
    s.rdmMeasure = stringField(rdm, "measure", where);
    s.rdmOrdering = stringField(rdm, "ordering", where);
    s.rdmColormap = stringField(rdm, "colormap", where);
    s.rdmSide = stringField(rdm, "side", where);
    const QJsonObject projection = root.value(QStringLiteral("projection")).toObject();
    s.projectionMethod = stringField(projection, "method", where);
    s.projectionSide = stringField(projection, "side", where);
    const QJsonValue n = root.value(QStringLiteral("stimuli"));
    if (!n.isUndefined() && (!n.isDouble() || n.toDouble() < 0)) bad(where, QStringLiteral("\"stimuli\" must be a count"));
    s.stimuli = static_cast<std::size_t>(n.toInteger(0));
    const QJsonValue selection = root.value(QStringLiteral("selection"));
    if (!selection.isUndefined() && !selection.isArray()) bad(where, QStringLiteral("\"selection\" must be a list of stimulus indices"));
    for (const QJsonValue& v : selection.toArray()) {
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || d < 0 || d != static_cast<double>(static_cast<qint64>(d)) ||
            static_cast<std::size_t>(d) >= s.stimuli) {
            bad(where, QStringLiteral("\"selection\" holds %1, not an index below %2")
                           .arg(QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)))
                           .arg(s.stimuli));
        }
        s.selection.push_back(static_cast<std::size_t>(d));
    }
    return s;
}

void writeSessionFile(const QString& path, const SessionState& state) {
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        throw FileError(QStringLiteral("Cannot write the session %1: %2.").arg(path, out.errorString()).toStdString());
    }
    out.write(sessionToJson(state));
    if (!out.commit()) {
        throw FileError(QStringLiteral("Cannot write the session %1: %2.").arg(path, out.errorString()).toStdString());
    }
}

SessionState readSessionFile(const QString& path) {
    QFile in(path);
    if (!in.exists()) throw FileError(QStringLiteral("The session %1 does not exist.").arg(path).toStdString());
    if (in.size() > kMaxSessionBytes) bad(path, QStringLiteral("it is %1 MB, far too large for a session").arg(in.size() >> 20));
    if (!in.open(QIODevice::ReadOnly)) {
        throw FileError(QStringLiteral("Cannot read the session %1: %2.").arg(path, in.errorString()).toStdString());
    }
    return sessionFromJson(in.readAll(), path);
}

bool isSessionFile(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String(kSessionSuffix), Qt::CaseInsensitive) == 0;
}

}  // namespace repscope::gui
