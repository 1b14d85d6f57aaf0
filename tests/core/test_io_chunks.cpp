// Chunked, compressed layers read through the parallel raw-chunk path (gzip + shuffle, lzf,
// float32 and float16) and through HDF5 where that path steps aside (fletcher32, a conv layer
// chunked across channels, unwritten chunks), compared value by value with what h5py wrote
// (tests/fixtures/make_files.py chunked_filters). Damaged chunks written through h5py's
// write_direct_chunk (chunked_corrupt) are errors that name the dataset, never garbage or a crash.
#include <QtTest>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;

namespace {

std::shared_ptr<const DataFile> openFixture(const char* name) {
    return DataFile::open(test::makeFixture(QString::fromLatin1(name)).toStdString());
}

// make_files.py's layer_values: seed + i + j/1000, as float32.
float layerValue(int seed, std::size_t i, std::size_t j) {
    return static_cast<float>(static_cast<double>(seed) + static_cast<double>(i) +
                              static_cast<double>(j) / 1000.0);
}

// make_files.py's _half_values: (i % 256)/4 + j, exact in float16.
float halfValue(std::size_t i, std::size_t j) {
    return static_cast<float>(i % 256) / 4.0f + static_cast<float>(j);
}

template <class Expected>
QString mismatch(const MatrixF& got, std::size_t first, Expected expected) {
    for (Eigen::Index r = 0; r < got.rows(); ++r) {
        for (Eigen::Index c = 0; c < got.cols(); ++c) {
            const float want = expected(first + static_cast<std::size_t>(r), static_cast<std::size_t>(c));
            if (got(r, c) != want) {
                return QStringLiteral("row %1 column %2: %3, expected %4")
                    .arg(first + static_cast<std::size_t>(r))
                    .arg(c)
                    .arg(static_cast<double>(got(r, c)), 0, 'g', 9)
                    .arg(static_cast<double>(want), 0, 'g', 9);
            }
        }
    }
    return {};
}

// Reads all rows, then row ranges that start and end inside chunks.
template <class Expected>
void checkLayer(const DataFile& f, const char* path, Expected expected) {
    const auto rep = f.find(path);
    QCOMPARE(rep->info().n, std::size_t{300});
    const MatrixF all = rep->readAll();
    QString why = mismatch(all, 0, expected);
    QVERIFY2(why.isEmpty(), qPrintable(QString::fromLatin1(path) + ": " + why));
    for (const auto& [first, count] : {std::pair<std::size_t, std::size_t>{37, 100}, {299, 1},
                                       {63, 2}, {0, 1}, {128, 172}}) {
        why = mismatch(rep->readRows(first, count), first, expected);
        QVERIFY2(why.isEmpty(), qPrintable(QString::fromLatin1(path) + ": " + why));
    }
}

void expectDamaged(const DataFile& f, const char* path, const char* reason) {
    const auto rep = f.find(path);
    // The chunks before the damaged one (rows 0–63) still read, with their values.
    const QString why = mismatch(rep->readRows(0, 64), 0,
                                 [](std::size_t i, std::size_t j) { return layerValue(7, i, j); });
    QVERIFY2(why.isEmpty(), qPrintable(QString::fromLatin1(path) + ": " + why));
    try {
        (void)rep->readRows(60, 10);
        QFAIL(qPrintable(QString::fromLatin1(path) + " read without an error"));
    } catch (const FormatError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QString::fromLatin1(path)), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(reason)), qPrintable(message));
    }
    QVERIFY_EXCEPTION_THROWN((void)rep->readAll(), FormatError);
}

}  // namespace

class TestIoChunks : public QObject {
    Q_OBJECT
private slots:
    void decodesGzipShuffleAndLzf() {
        const auto f = openFixture("chunked_filters.h5");
        checkLayer(*f, "/net/gzip_shuffle", [](std::size_t i, std::size_t j) { return layerValue(1, i, j); });
        checkLayer(*f, "/net/lzf", [](std::size_t i, std::size_t j) { return layerValue(2, i, j); });
        checkLayer(*f, "/net/deflate_only", [](std::size_t i, std::size_t j) { return layerValue(8, i, j); });
        checkLayer(*f, "/net/big_chunk", [](std::size_t i, std::size_t j) { return layerValue(9, i, j); });
    }

    void decodesFloat16() {
        const auto f = openFixture("chunked_filters.h5");
        checkLayer(*f, "/net/gzip_f16", halfValue);
        checkLayer(*f, "/net/lzf_f16", halfValue);
    }

    // (300, 2, 3, 5) flattened in C order: column j of the flattened row is layer_values' j.
    void decodesConvLayers() {
        const auto f = openFixture("chunked_filters.h5");
        QCOMPARE(f->find("/net/conv")->info().d, std::size_t{30});
        checkLayer(*f, "/net/conv", [](std::size_t i, std::size_t j) { return layerValue(3, i, j); });
        checkLayer(*f, "/net/conv_split", [](std::size_t i, std::size_t j) { return layerValue(4, i, j); });
    }

    // fletcher32 is left to HDF5; so are chunks never written, which read as the fill value.
    void leavesOtherPipelinesToHdf5() {
        const auto f = openFixture("chunked_filters.h5");
        checkLayer(*f, "/net/fletcher", [](std::size_t i, std::size_t j) { return layerValue(5, i, j); });
        checkLayer(*f, "/net/partial", [](std::size_t i, std::size_t j) {
            return i < 128 ? layerValue(6, i, j) : -1.0f;
        });
    }

    void damagedChunksAreErrorsNamingTheDataset() {
        const auto f = openFixture("chunked_corrupt.h5");
        expectDamaged(*f, "/net/truncated", "deflate stream is corrupt or truncated");
        expectDamaged(*f, "/net/short", "instead of the chunk's 17920 bytes");
        expectDamaged(*f, "/net/long", "more than the chunk's 17920 bytes");
        expectDamaged(*f, "/net/unfiltered", "100 bytes instead of 17920 bytes");
        expectDamaged(*f, "/net/lzf_garbage", "LZF stream");
        // A stored chunk larger than any compressed chunk is left to HDF5, which refuses it.
        expectDamaged(*f, "/net/huge", "could not be read");
    }
};

QTEST_GUILESS_MAIN(TestIoChunks)
#include "test_io_chunks.moc"
