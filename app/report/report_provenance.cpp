// Where a report came from: each file's size and SHA-256, the program and the machine.
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTimeZone>
#include <fstream>
#include <thread>

#include "report_content.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"
#include "repscope/version.h"

namespace repscope::report {
namespace {

// "model name : Intel(R) Xeon(R) ..." from /proc/cpuinfo; the architecture when there is none.
std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0) continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) break;
        const auto first = line.find_first_not_of(" \t", colon + 1);
        return first == std::string::npos ? std::string() : line.substr(first);
    }
    return QSysInfo::currentCpuArchitecture().toStdString();
}

}  // namespace

std::string sha256OfFile(const std::string& path, Progress& progress) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        throw FileError("cannot read " + path + " to compute its SHA-256: " +
                        file.errorString().toStdString());
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 total = file.size();
    qint64 done = 0;
    constexpr qint64 kBlock = 4 << 20;
    while (!file.atEnd()) {
        const QByteArray block = file.read(kBlock);
        if (block.isEmpty() && file.error() != QFileDevice::NoError) {
            throw FileError("cannot read " + path + " to compute its SHA-256: " +
                            file.errorString().toStdString());
        }
        if (block.isEmpty()) break;
        hash.addData(block);
        done += block.size();
        progress.report(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0);
    }
    return hash.result().toHex().toStdString();
}

std::uint64_t fileSize(const std::string& path) {
    return static_cast<std::uint64_t>(QFileInfo(QString::fromStdString(path)).size());
}

Provenance currentProvenance() {
    Provenance p;
    p.version = kVersion;
    const linalg::BlasInfo& blas = linalg::blasInfo();
    p.linearAlgebra = blas.backend + (blas.detail.empty() ? "" : " (" + blas.detail + ")");
    p.qtVersion = qVersion();
    p.generatedUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    p.host = QSysInfo::machineHostName().toStdString();
    p.os = QSysInfo::prettyProductName().toStdString() + ", " +
           QSysInfo::kernelType().toStdString() + " " + QSysInfo::kernelVersion().toStdString();
    p.cpu = cpuModel();
    p.cores = std::thread::hardware_concurrency();
    return p;
}

}  // namespace repscope::report
