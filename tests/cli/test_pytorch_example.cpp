// examples/dump_pytorch_activations.py writes a file RepScope reads as the user expects: the CLI
// lists every hooked layer in hook order with the right shapes, and the core reader returns the
// values PyTorch computed (compared to a .npy that the script recomputes without hooks).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "../support/test_support.h"
#include "repscope/data_file.h"
#include "repscope/error.h"

using namespace repscope;

namespace {

constexpr qint64 kStimuli = 300;

struct Layer {
    const char* name;
    std::vector<std::uint64_t> shape;  // without the leading N
};

// The demo CNN of the example, in forward (= hook) order; natural sort would differ
// (conv1, conv2, fc1, ...), so the listing order checks the `order` attribute.
const std::vector<Layer>& demoLayers() {
    static const std::vector<Layer> layers = {
        {"conv1", {8, 16, 16}}, {"relu1", {8, 16, 16}}, {"pool1", {8, 8, 8}},
        {"conv2", {16, 8, 8}},  {"relu2", {16, 8, 8}},  {"pool2", {16, 4, 4}},
        {"fc1", {64}},          {"relu3", {64}},        {"fc2", {3}},
    };
    return layers;
}

std::uint64_t product(const std::vector<std::uint64_t>& dims) {
    std::uint64_t p = 1;
    for (const auto v : dims) p *= v;
    return p;
}

struct Npy {
    std::vector<std::uint64_t> shape;
    std::vector<float> values;
};

// Minimal reader for the float32 C-order .npy files numpy.save writes; returns an error message
// (empty on success).
QString readNpy(const QString& path, Npy& npy) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("cannot open ") + path;
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("\x93NUMPY") || bytes.size() < 12) {
        return QStringLiteral("not a .npy file: ") + path;
    }
    const auto major = static_cast<unsigned char>(bytes[6]);
    const auto byteAt = [&](qsizetype i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]));
    };
    std::uint32_t headerLen = byteAt(8) | (byteAt(9) << 8);
    qsizetype offset = 10;
    if (major >= 2) {
        headerLen |= (byteAt(10) << 16) | (byteAt(11) << 24);
        offset = 12;
    }
    const QString header = QString::fromLatin1(bytes.mid(offset, headerLen));
    if (!header.contains(QStringLiteral("'descr': '<f4'")) ||
        !header.contains(QStringLiteral("'fortran_order': False"))) {
        return QStringLiteral("expected a float32 C-order .npy, header: ") + header;
    }
    const auto m = QRegularExpression(QStringLiteral("'shape': \\(([^)]*)\\)")).match(header);
    if (!m.hasMatch()) return QStringLiteral("no shape in .npy header: ") + header;
    for (const QString& part : m.captured(1).split(',', Qt::SkipEmptyParts)) {
        npy.shape.push_back(part.trimmed().toULongLong());
    }
    const qsizetype dataStart = offset + static_cast<qsizetype>(headerLen);
    const auto count = static_cast<std::size_t>(product(npy.shape));
    if (static_cast<std::size_t>(bytes.size() - dataStart) != count * sizeof(float)) {
        return QStringLiteral("truncated .npy: ") + path;
    }
    npy.values.resize(count);
    std::memcpy(npy.values.data(), bytes.constData() + dataStart, count * sizeof(float));
    return {};
}

QJsonArray jsonShape(std::uint64_t n, const std::vector<std::uint64_t>& trailing) {
    QJsonArray a{static_cast<qint64>(n)};
    for (const auto v : trailing) a.append(static_cast<qint64>(v));
    return a;
}

}  // namespace

class TestPytorchExample : public QObject {
    Q_OBJECT

private:
    QString script_;
    QString file32_;
    QString ref32_;

    // Runs the example; returns "" on success, else the script's stderr.
    static QString runExample(const QStringList& args) {
        const auto r = test::runProcess(test::pythonExecutable(), args, 600000);
        return r.exitCode == 0 ? QString()
                               : QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err);
    }

    // `repscope info PATH --json`; returns an error message (empty on success).
    static QString infoJson(const QString& path, QJsonObject& info) {
        const auto r = test::runRepscope({QStringLiteral("info"), path, QStringLiteral("--json")});
        if (r.exitCode != 0) {
            return QStringLiteral("repscope info exit %1: %2").arg(r.exitCode).arg(r.err);
        }
        QJsonParseError error{};
        const auto doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            return QStringLiteral("repscope info --json printed no JSON object: ") +
                   r.out.left(500);
        }
        info = doc.object();
        return {};
    }

private slots:
    void initTestCase() {
        const auto torch = test::runProcess(test::pythonExecutable(),
                                            {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (torch.exitCode != 0) {
            QSKIP(
                qPrintable(QStringLiteral("PyTorch is not importable by %1 (install python3-torch "
                                          "to run this test): %2")
                               .arg(test::pythonExecutable(), torch.err.trimmed())));
        }
        script_ = test::sourceDir() + QStringLiteral("/examples/dump_pytorch_activations.py");
        QVERIFY(QFile::exists(script_));
        const QDir dir(test::scratchDir());
        file32_ = dir.filePath(QStringLiteral("pytorch_float32.h5"));
        ref32_ = dir.filePath(QStringLiteral("pytorch_conv2.npy"));
        const QString err = runExample(
            {script_, file32_, QStringLiteral("--save-npy"), QStringLiteral("conv2"), ref32_});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(QFile::exists(file32_));
        QVERIFY(QFile::exists(ref32_));
        QVERIFY2(!QFile::exists(file32_ + QStringLiteral(".part")), "temporary file left behind");
    }

    void infoListsLayersInHookOrder() {
        QJsonObject info;
        const QString err = infoJson(file32_, info);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(info.value("layout").toString(), QStringLiteral("native"));
        QCOMPARE(info.value("stimuli").toInteger(), kStimuli);
        QCOMPARE(info.value("labels").toBool(), true);
        QVERIFY2(info.value("categories").toArray().contains(QStringLiteral("category")),
                 qPrintable(QJsonDocument(info.value("categories").toArray()).toJson()));

        const QJsonArray reps = info.value("representations").toArray();
        QStringList listed;
        for (const auto& r : reps) listed << r.toObject().value("layer").toString();
        QStringList expected;
        for (const auto& layer : demoLayers()) expected << QString::fromLatin1(layer.name);
        QCOMPARE(listed, expected);

        for (qsizetype i = 0; i < reps.size(); ++i) {
            const QJsonObject r = reps[i].toObject();
            const Layer& layer = demoLayers()[static_cast<std::size_t>(i)];
            const QString name = QString::fromLatin1(layer.name);
            QCOMPARE(r.value("path").toString(), QStringLiteral("/democnn/") + name);
            QCOMPARE(r.value("model").toString(), QStringLiteral("democnn"));
            QCOMPARE(r.value("shape").toArray(), jsonShape(kStimuli, layer.shape));
            QCOMPARE(r.value("dtype").toString(), QStringLiteral("float32"));
            QCOMPARE(r.value("n").toInteger(), kStimuli);
            // conv layers (N, C, H, W): d = C*H*W
            QCOMPARE(r.value("d").toInteger(), static_cast<qint64>(product(layer.shape)));
        }
    }

    void coreReadsWhatPytorchComputed() {
        const auto file = DataFile::open(file32_.toStdString());
        QCOMPARE(file->layout(), Layout::Native);
        QCOMPARE(file->stimulusCount(), std::size_t{kStimuli});
        QVERIFY(file->stimuli().hasLabels());
        QCOMPARE(QString::fromStdString(file->stimuli().labels.front()),
                 QStringLiteral("horizontal_000"));
        const CategoryColumn* column = file->stimuli().column("category");
        QVERIFY(column != nullptr);
        QCOMPARE(column->categories.size(), std::size_t{3});
        for (const auto count : column->counts()) QCOMPARE(count, std::size_t{kStimuli / 3});

        QStringList listed;
        for (const auto& r : file->representations()) {
            listed << QString::fromStdString(r->info().path);
        }
        QStringList expected;
        for (const auto& layer : demoLayers()) {
            expected << QStringLiteral("/democnn/") + QString::fromLatin1(layer.name);
        }
        QCOMPARE(listed, expected);

        const auto rep = file->find("/democnn/conv2");
        QCOMPARE(rep->info().n, std::size_t{kStimuli});
        QCOMPARE(rep->info().d, std::size_t{16 * 8 * 8});
        const MatrixF values = rep->readAll();
        QCOMPARE(values.rows(), Eigen::Index{kStimuli});
        QCOMPARE(values.cols(), Eigen::Index{16 * 8 * 8});

        Npy ref;
        const QString npyErr = readNpy(ref32_, ref);
        QVERIFY2(npyErr.isEmpty(), qPrintable(npyErr));
        QCOMPARE(ref.shape, (std::vector<std::uint64_t>{kStimuli, 16, 8, 8}));
        // Batched forward passes (hooks) vs one pass over all inputs: equal up to float rounding.
        std::size_t bad = 0;
        float maxAbs = 0.0f;
        for (Eigen::Index i = 0; i < values.rows(); ++i) {
            for (Eigen::Index j = 0; j < values.cols(); ++j) {
                const float want = ref.values[static_cast<std::size_t>(i * values.cols() + j)];
                maxAbs = std::max(maxAbs, std::abs(want));
                if (!(std::abs(values(i, j) - want) <= 1e-5f + 1e-5f * std::abs(want))) {
                    if (bad++ < 5) {
                        qWarning("conv2[%lld, %lld]: read %g, pytorch %g",
                                 static_cast<long long>(i), static_cast<long long>(j),
                                 static_cast<double>(values(i, j)), static_cast<double>(want));
                    }
                }
            }
        }
        QCOMPARE(bad, std::size_t{0});
        QVERIFY2(maxAbs > 0.01f, "the reference activations are all ~0: nothing was compared");
    }

    void float16AndNamedModules() {
        const QDir dir(test::scratchDir());
        const QString file16 = dir.filePath(QStringLiteral("pytorch_float16.h5"));
        const QString ref16 = dir.filePath(QStringLiteral("pytorch_fc1.npy"));
        // Named in reverse: the hooks still fire (and are listed) in forward order.
        const QString err =
            runExample({script_, file16, QStringLiteral("--dtype"), QStringLiteral("float16"),
                        QStringLiteral("--modules"), QStringLiteral("fc1"), QStringLiteral("conv2"),
                        QStringLiteral("--save-npy"), QStringLiteral("fc1"), ref16});
        QVERIFY2(err.isEmpty(), qPrintable(err));

        QJsonObject info;
        const QString infoErr = infoJson(file16, info);
        QVERIFY2(infoErr.isEmpty(), qPrintable(infoErr));
        const QJsonArray reps = info.value("representations").toArray();
        QCOMPARE(reps.size(), 2);
        QCOMPARE(reps[0].toObject().value("path").toString(), QStringLiteral("/democnn/conv2"));
        QCOMPARE(reps[1].toObject().value("path").toString(), QStringLiteral("/democnn/fc1"));
        QCOMPARE(reps[0].toObject().value("d").toInteger(), 1024);
        for (const auto& r : reps) {
            QCOMPARE(r.toObject().value("dtype").toString(), QStringLiteral("float16"));
        }

        const MatrixF values =
            DataFile::open(file16.toStdString())->find("/democnn/fc1")->readAll();
        Npy ref;
        const QString npyErr = readNpy(ref16, ref);
        QVERIFY2(npyErr.isEmpty(), qPrintable(npyErr));
        QCOMPARE(ref.shape, (std::vector<std::uint64_t>{kStimuli, 64}));
        QCOMPARE(values.rows(), Eigen::Index{kStimuli});
        QCOMPARE(values.cols(), Eigen::Index{64});
        for (Eigen::Index i = 0; i < values.rows(); ++i) {
            for (Eigen::Index j = 0; j < values.cols(); ++j) {
                const float expected = ref.values[static_cast<std::size_t>(i * 64 + j)];
                // float16 keeps 11 significant bits: relative error <= 2^-11.
                QVERIFY2(std::abs(values(i, j) - expected) <= 1e-4f + 1e-3f * std::abs(expected),
                         qPrintable(QStringLiteral("fc1[%1, %2]: read %3, pytorch %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(values(i, j))
                                        .arg(expected)));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestPytorchExample)
#include "test_pytorch_example.moc"
