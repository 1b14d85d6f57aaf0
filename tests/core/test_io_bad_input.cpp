// Every kind of bad input gets one clear sentence that names the file (and path) and the problem.
#include <QtTest>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;

namespace {

// Opens the fixture (and optionally finds a path), expecting exception E whose message contains
// every one of `needles`.
template <typename E>
void expectError(const char* fixture, const char* hdf5Path, const QStringList& needles) {
    const std::string file = test::makeFixture(QString::fromLatin1(fixture)).toStdString();
    try {
        const auto f = DataFile::open(file);
        if (hdf5Path != nullptr) (void)f->find(hdf5Path)->readAll();
        QFAIL(qPrintable(QStringLiteral("no error for %1").arg(fixture)));
    } catch (const E& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(QString::fromStdString(file)), e.what());
        for (const QString& n : needles) QVERIFY2(msg.contains(n), e.what());
        QVERIFY2(!msg.contains('\n'), "one sentence, one line");
    }
}

}  // namespace

class TestIoBadInput : public QObject {
    Q_OBJECT
private slots:
    void missingPath() {
        const std::string path = (test::scratchDir() + "/does_not_exist.h5").toStdString();
        try {
            (void)DataFile::open(path);
            QFAIL("no error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString::fromStdString(path) + QStringLiteral(" does not exist"));
        }
    }
    void directory() {
        QVERIFY_THROWS_EXCEPTION(FileError, (void)DataFile::open(test::scratchDir().toStdString()));
    }
    void notHdf5() { expectError<FileError>("not_hdf5.h5", nullptr, {"not an HDF5 file"}); }
    void emptyFile() { expectError<FileError>("empty.h5", nullptr, {"empty"}); }
    void truncatedFile() { expectError<FileError>("truncated.h5", nullptr, {"truncated"}); }
    void noNumericDataset() {
        expectError<FormatError>("no_numeric.h5", nullptr, {"no numeric dataset", "strings"});
    }
    void rank1Only() { expectError<FormatError>("rank1.h5", nullptr, {"rank-1"}); }
    void zeroSizeOnly() { expectError<FormatError>("zero_size.h5", nullptr, {"empty"}); }
    void stringDatasetWhereNumbersBelong() {
        expectError<FormatError>("strings_layer.h5", "/model/words",
                                 {"/model/words", "strings, not numbers"});
    }
    void unknownPath() {
        expectError<FormatError>("native_basic.h5", "/alpha/layer99",
                                 {"/alpha/layer99", "no representation"});
    }
    void groupPath() {
        expectError<FormatError>("native_basic.h5", "/alpha", {"is a group", "/alpha/layer1"});
    }
    void stimulusColumnLengthMismatch() {
        expectError<FormatError>("column_mismatch.h5", nullptr,
                                 {"/stimuli/category", "8 entries", "10 stimuli"});
    }
    void qualifiedPathNeedsColon() {
        QVERIFY_THROWS_EXCEPTION(InputError, (void)splitQualifiedPath("acts.h5"));
        const auto q = splitQualifiedPath("dir/acts.h5:/m/l");
        QCOMPARE(q.file, std::string("dir/acts.h5"));
        QCOMPARE(q.path, std::string("/m/l"));
    }
};

QTEST_APPLESS_MAIN(TestIoBadInput)
#include "test_io_bad_input.moc"
