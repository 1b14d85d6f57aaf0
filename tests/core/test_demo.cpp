// The built-in demo dataset: layout, accuracy, determinism and cancellation, checked with the
// HDF5 C API directly (independently of RepScope's reader).
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#if __has_include(<hdf5/serial/hdf5.h>)
#include <hdf5/serial/hdf5.h>
#else
#include <hdf5.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "repscope/demo.h"
#include "repscope/error.h"

using namespace repscope;

namespace {

constexpr int kN = 1797;

// Cancels itself at the first progress report.
class CancelAtFirstReport : public Progress {
protected:
    void onProgress(double) override { cancel(); }
};

// Cancels itself once the fraction reaches `at` (during writing: the temporary file exists) and
// records how many files `dir` held at that moment.
class CancelAt : public Progress {
public:
    CancelAt(double at, QString dir) : at_(at), dir_(std::move(dir)) {}
    qsizetype filesAtCancel = -1;

protected:
    void onProgress(double f) override {
        if (f >= at_ && !isCancelled()) {
            filesAtCancel = QDir(dir_).entryList(QDir::Files | QDir::Hidden).size();
            cancel();
        }
    }

private:
    double at_;
    QString dir_;
};

// Records every reported fraction.
class Recorder : public Progress {
public:
    std::vector<double> fractions;

protected:
    void onProgress(double f) override { fractions.push_back(f); }
};

struct Id {
    hid_t id;
    herr_t (*closer)(hid_t);
    ~Id() {
        if (id >= 0) closer(id);
    }
};

std::vector<hsize_t> shapeOf(hid_t ds) {
    Id space{H5Dget_space(ds), H5Sclose};
    const int rank = H5Sget_simple_extent_ndims(space.id);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
    return dims;
}

std::vector<std::string> readStrings(hid_t file, const char* path) {
    Id ds{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
    if (ds.id < 0) return {};
    Id type{H5Dget_type(ds.id), H5Tclose};
    if (H5Tget_class(type.id) != H5T_STRING || !H5Tis_variable_str(type.id)) return {};
    if (H5Tget_cset(type.id) != H5T_CSET_UTF8) return {};
    const auto shape = shapeOf(ds.id);
    if (shape.size() != 1) return {};
    std::vector<char*> ptrs(shape[0], nullptr);
    Id mem{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(mem.id, H5T_VARIABLE);
    H5Tset_cset(mem.id, H5T_CSET_UTF8);
    if (H5Dread(ds.id, mem.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0) return {};
    std::vector<std::string> out;
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    Id space{H5Dget_space(ds.id), H5Sclose};
    H5Dvlen_reclaim(mem.id, space.id, H5P_DEFAULT, ptrs.data());
    return out;
}

std::vector<float> readFloats(hid_t file, const std::string& path, std::vector<hsize_t>& shape) {
    Id ds{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose};
    if (ds.id < 0) return {};
    Id type{H5Dget_type(ds.id), H5Tclose};
    if (H5Tequal(type.id, H5T_IEEE_F32LE) <= 0) return {};
    shape = shapeOf(ds.id);
    hsize_t total = 1;
    for (hsize_t d : shape) total *= d;
    std::vector<float> out(total);
    if (H5Dread(ds.id, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) return {};
    return out;
}

bool filtered(hid_t file, const char* path) {
    Id ds{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
    Id dcpl{H5Dget_create_plist(ds.id), H5Pclose};
    if (H5Pget_layout(dcpl.id) != H5D_CHUNKED) return false;
    for (int i = 0; i < H5Pget_nfilters(dcpl.id); ++i) {
        unsigned flags = 0;
        std::size_t nelmts = 0;
        unsigned config = 0;
        if (H5Pget_filter2(dcpl.id, static_cast<unsigned>(i), &flags, &nelmts, nullptr, 0, nullptr,
                           &config) == H5Z_FILTER_DEFLATE) {
            return true;
        }
    }
    return false;
}

const char* const kModels[] = {"mlp_w64_s1", "mlp_w64_s2", "mlp_w128_s1"};

}  // namespace

class TestDemo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString first_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        first_ = dir_.filePath(QStringLiteral("demo.h5"));
        Recorder progress;
        QElapsedTimer timer;
        timer.start();
        const demo::DemoSummary s = demo::writeDemoDataset(first_.toStdString(), progress);
        qInfo("writeDemoDataset took %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(s.stimuli, std::size_t{kN});
        QVERIFY(s.models.size() >= 3);
        for (const auto& m : s.models) {
            qInfo("%s: held-out accuracy %.4f", m.name.c_str(), m.heldOutAccuracy);
            QVERIFY2(m.heldOutAccuracy > 0.9, m.name.c_str());
        }
        QVERIFY(progress.fractions.size() > 10);
        for (std::size_t i = 1; i < progress.fractions.size(); ++i) {
            QVERIFY(progress.fractions[i] >= progress.fractions[i - 1]);
        }
        QVERIFY(progress.fractions.back() <= 1.0);
    }

    void layoutAndTypes() {
        const QFileInfo info(first_);
        QVERIFY(info.exists());
        qInfo("file size %lld bytes", static_cast<long long>(info.size()));
        QVERIFY(info.size() < 20LL * 1024 * 1024);
        QCOMPARE(QDir(dir_.path()).entryList(QDir::Files), QStringList{QStringLiteral("demo.h5")});

        Id file{H5Fopen(first_.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
        QVERIFY(file.id >= 0);

        const auto labels = readStrings(file.id, "/stimuli/labels");
        QCOMPARE(labels.size(), std::size_t{kN});
        QCOMPARE(std::set<std::string>(labels.begin(), labels.end()).size(), std::size_t{kN});
        QVERIFY(QString::fromStdString(labels.front()).startsWith(QStringLiteral("digit 0 #")));

        const auto digits = readStrings(file.id, "/stimuli/digit");
        QCOMPARE(digits.size(), std::size_t{kN});
        const std::set<std::string> distinct(digits.begin(), digits.end());
        QCOMPARE(distinct,
                 (std::set<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
        for (std::size_t i = 0; i < labels.size(); ++i) {
            QVERIFY(labels[i].rfind("digit " + digits[i] + " #", 0) == 0);
        }

        const auto split = readStrings(file.id, "/stimuli/split");
        QCOMPARE(split.size(), std::size_t{kN});
        std::size_t tests = 0;
        for (const auto& s : split) {
            QVERIFY(s == "train" || s == "test");
            tests += s == "test" ? 1 : 0;
        }
        QVERIFY(tests > 330 && tests < 390);  // ~20 %

        {
            Id ds{H5Dopen2(file.id, "/stimuli/thumbnails", H5P_DEFAULT), H5Dclose};
            QVERIFY(ds.id >= 0);
            Id type{H5Dget_type(ds.id), H5Tclose};
            QVERIFY(H5Tequal(type.id, H5T_STD_U8LE) > 0);
            QCOMPARE(shapeOf(ds.id), (std::vector<hsize_t>{kN, 8, 8}));
            std::vector<std::uint8_t> px(std::size_t{kN} * 64);
            QVERIFY(H5Dread(ds.id, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, px.data()) >=
                    0);
            std::vector<hsize_t> shape;
            const auto raw = readFloats(file.id, "/input/pixels", shape);
            QCOMPARE(shape, (std::vector<hsize_t>{kN, 64}));
            for (std::size_t i = 0; i < px.size(); ++i) {
                QVERIFY(raw[i] >= 0.0f && raw[i] <= 16.0f);
                QCOMPARE(int(px[i]), int(std::lround(raw[i] * 255.0 / 16.0)));
            }
        }
        QVERIFY(filtered(file.id, "/input/pixels"));

        for (const char* model : kModels) {
            const std::string g = std::string("/") + model;
            Id group{H5Gopen2(file.id, g.c_str(), H5P_DEFAULT), H5Gclose};
            QVERIFY2(group.id >= 0, model);
            double accuracy = 0.0;
            {
                Id a{H5Aopen(group.id, "held_out_accuracy", H5P_DEFAULT), H5Aclose};
                QVERIFY(a.id >= 0);
                QVERIFY(H5Aread(a.id, H5T_NATIVE_DOUBLE, &accuracy) >= 0);
            }
            QVERIFY2(accuracy > 0.9, model);
            std::vector<int> widths(3, 0);
            {
                Id a{H5Aopen(group.id, "hidden_widths", H5P_DEFAULT), H5Aclose};
                QVERIFY(a.id >= 0);
                Id space{H5Aget_space(a.id), H5Sclose};
                QCOMPARE(H5Sget_simple_extent_npoints(space.id), hssize_t{3});
                QVERIFY(H5Aread(a.id, H5T_NATIVE_INT, widths.data()) >= 0);
            }
            for (const char* attr : {"seed", "description"}) {
                QVERIFY2(H5Aexists(group.id, attr) > 0, attr);
            }
            const std::vector<std::pair<std::string, int>> layers{{"hidden1", widths[0]},
                                                                  {"hidden2", widths[1]},
                                                                  {"hidden3", widths[2]},
                                                                  {"logits", 10}};
            for (const auto& [layer, width] : layers) {
                std::vector<hsize_t> shape;
                const auto values = readFloats(file.id, g + "/" + layer, shape);
                QVERIFY2(!values.empty(), (g + "/" + layer).c_str());
                QCOMPARE(shape, (std::vector<hsize_t>{kN, hsize_t(width)}));
                if (layer != "logits") {
                    for (float v : values) QVERIFY(v >= 0.0f);  // post-ReLU
                }
            }
        }
        for (const char* attr : {"title", "source", "repscope_demo_version"}) {
            QVERIFY2(H5Aexists(file.id, attr) > 0, attr);
        }
        Id version{H5Aopen(file.id, "repscope_demo_version", H5P_DEFAULT), H5Aclose};
        int v = 0;
        QVERIFY(H5Aread(version.id, H5T_NATIVE_INT, &v) >= 0);
        QCOMPARE(v, demo::kDemoVersion);
    }

    void deterministic() {
        const QString second = dir_.filePath(QStringLiteral("again.h5"));
        demo::writeDemoDataset(second.toStdString());
        for (const char* path : {"/mlp_w64_s1/hidden2", "/mlp_w128_s1/logits"}) {
            std::vector<hsize_t> s1;
            std::vector<hsize_t> s2;
            Id f1{H5Fopen(first_.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
            Id f2{H5Fopen(second.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
            const auto a = readFloats(f1.id, path, s1);
            const auto b = readFloats(f2.id, path, s2);
            QVERIFY(!a.empty());
            QCOMPARE(s1, s2);
            QVERIFY2(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0, path);
        }
        QFile::remove(second);
    }

    void cancelLeavesNoFile_data() {
        QTest::addColumn<double>("at");
        QTest::newRow("first report") << -1.0;
        QTest::newRow("while writing") << 0.95;
    }

    void cancelLeavesNoFile() {
        QFETCH(double, at);
        QTemporaryDir empty;
        const QString path = empty.filePath(QStringLiteral("cancelled.h5"));
        CancelAtFirstReport first;
        CancelAt later(at, empty.path());
        Progress& progress = at < 0 ? static_cast<Progress&>(first) : later;
        QVERIFY_THROWS_EXCEPTION(Cancelled, demo::writeDemoDataset(path.toStdString(), progress));
        QCOMPARE(QDir(empty.path()).entryList(QDir::Files | QDir::Hidden), QStringList{});
        if (at >= 0) QCOMPARE(later.filesAtCancel, qsizetype{1});  // the temporary file
    }

    void ensureCreatesOnce() {
        const QString cache = dir_.filePath(QStringLiteral("cache/sub"));
        const std::string file = demo::ensureDemoDataset(cache.toStdString());
        QCOMPARE(QString::fromStdString(file),
                 QDir(cache).filePath(QStringLiteral("demo-v%1.h5").arg(demo::kDemoVersion)));
        const QDateTime modified = QFileInfo(QString::fromStdString(file)).lastModified();
        // Cancel at once: the existing file must be returned without training again.
        CancelAtFirstReport cancelling;
        cancelling.cancel();
        QCOMPARE(demo::ensureDemoDataset(cache.toStdString(), cancelling), file);
        QCOMPARE(QFileInfo(QString::fromStdString(file)).lastModified(), modified);
    }

    void badDirectoryIsFileError() {
        QVERIFY_THROWS_EXCEPTION(
            FileError,
            demo::writeDemoDataset(dir_.filePath(QStringLiteral("no/such/x.h5")).toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "test_demo.moc"
