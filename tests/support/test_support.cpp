#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <stdexcept>

namespace repscope::test {

QString sourceDir() { return QStringLiteral(REPSCOPE_SOURCE_DIR); }
QString pythonExecutable() { return QStringLiteral(REPSCOPE_TEST_PYTHON); }

QString scratchDir() {
    static QTemporaryDir dir;
    return dir.path();
}

ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs,
                         const QStringList& extraEnv) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : extraEnv) {
        const auto eq = kv.indexOf('=');
        if (eq < 0) {
            env.remove(kv);
        } else {
            env.insert(kv.left(eq), kv.mid(eq + 1));
        }
    }
    p.setProcessEnvironment(env);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(30000)) {
        r.err = QStringLiteral("could not start ") + program;
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out: ") + program + " " + args.join(' ');
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

ProcessResult runRepscope(const QStringList& args, int timeoutMs) {
    return runProcess(QStringLiteral(REPSCOPE_BINARY), args, timeoutMs,
                      {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY")});
}

QString makeFixture(const QString& name) {
    const QString out = QDir(scratchDir()).filePath(name);
    if (QFileInfo::exists(out)) return out;
    const QString script = sourceDir() + QStringLiteral("/tests/fixtures/make_files.py");
    const ProcessResult r = runProcess(pythonExecutable(), {script, name, out}, 600000);
    if (r.exitCode != 0) {
        throw std::runtime_error(("fixture " + name + " failed: " + r.err).toStdString());
    }
    return out;
}

QString writeScratchFile(const QString& name, const QByteArray& bytes) {
    const QString path = QDir(scratchDir()).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
    return path;
}

}  // namespace repscope::test
