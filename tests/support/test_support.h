#pragma once
// Shared helpers for RepScope's Qt Test binaries (Qt Core only: usable by core tests).
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace repscope::test {

// A temporary directory that lives as long as the test binary.
QString scratchDir();

// Runs tests/fixtures/make_files.py with Debian's python3 (h5py, anndata, torch) to write the
// named fixture file into scratchDir(); returns its path. QFAIL-style: throws std::runtime_error
// with python's stderr when the script fails.
QString makeFixture(const QString& name);

// Writes bytes to scratchDir()/name and returns its path; throws std::runtime_error when it cannot.
QString writeScratchFile(const QString& name, const QByteArray& bytes);

struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};
// Runs a program with arguments, waits (up to timeoutMs), and returns exit code and output.
ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 300000,
                         const QStringList& extraEnv = {});
// Runs the built `repscope` executable with no DISPLAY.
ProcessResult runRepscope(const QStringList& args, int timeoutMs = 300000);

QString sourceDir();
QString pythonExecutable();

}  // namespace repscope::test
