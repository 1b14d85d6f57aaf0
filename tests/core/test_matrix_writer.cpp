// Result files are read back by independent readers (numpy, h5py) with identical values, and a
// failed write leaves no file behind.
#include <QDir>
#include <QtTest>

#include "repscope/error.h"
#include "repscope/matrix_writer.h"
#include "test_support.h"

using namespace repscope;
using repscope::test::runProcess;

namespace {

MatrixD example() {
    MatrixD m(3, 4);
    m << 0.0, 1.5, -2.25, 1e-7, 3.0, 0.0, 4.5, 123456.789, -1.0, 0.25, 0.0, 2.0 / 3.0;
    return m;
}

// Python prints the file's values as repr()s (full precision), row-major, space-separated.
QString pythonDump(const QString& code) {
    const auto r = runProcess(repscope::test::pythonExecutable(), {"-c", code});
    if (r.exitCode != 0) return QStringLiteral("python failed: ") + r.err;
    return r.out.trimmed();
}

QString expectedDump(const MatrixD& m, bool asFloat32) {
    QStringList parts;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const double v = asFloat32 ? static_cast<double>(static_cast<float>(m(i, j))) : m(i, j);
            parts << QString::number(v, 'g', 17);
        }
    }
    return parts.join(' ');
}

}  // namespace

class TestMatrixWriter : public QObject {
    Q_OBJECT
private slots:
    void npyReadByNumpy() {
        const QString path = QDir(test::scratchDir()).filePath("m.npy");
        writeMatrix(path.toStdString(), example(), {});
        const QString got = pythonDump(
            "import numpy as np; a=np.load('" + path + "'); assert a.dtype==np.float64 and "
            "a.shape==(3,4); print(' '.join('%.17g' % v for v in a.ravel()))");
        QCOMPARE(got, expectedDump(example(), false));
    }

    void h5ReadByH5py() {
        const QString path = QDir(test::scratchDir()).filePath("m.h5");
        MatrixOutput meta;
        meta.datasetName = "rdm";
        meta.attributes = {{"measure", "correlation"}, {"source", "x.h5:/a/b"}};
        meta.rowLabels = meta.columnLabels = {"a", "b", "c"};
        MatrixD sq = example().leftCols(3);
        writeMatrix(path.toStdString(), sq, meta);
        const QString got = pythonDump(
            "import h5py; f=h5py.File('" + path + "','r'); d=f['rdm']; "
            "assert d.dtype=='float32' and d.attrs['measure']=='correlation'; "
            "assert [s.decode() for s in f['stimuli/labels'][:]]==['a','b','c']; "
            "print(' '.join('%.17g' % v for v in d[:].ravel()))");
        QCOMPARE(got, expectedDump(sq, true));
    }

    void csvWithLabels() {
        const QString path = QDir(test::scratchDir()).filePath("m.csv");
        MatrixOutput meta;
        meta.rowLabels = {"r0", "r,1", "r2"};
        meta.columnLabels = {"c0", "c1", "c2", "c3"};
        writeMatrix(path.toStdString(), example(), meta);
        const QString got = pythonDump(
            "import csv; rows=list(csv.reader(open('" + path + "'))); "
            "assert rows[0]==['label','c0','c1','c2','c3'] and rows[2][0]=='r,1'; "
            "print(' '.join('%.17g' % float(v) for r in rows[1:] for v in r[1:]))");
        // %.9g text keeps 9 significant digits.
        QStringList expected;
        const MatrixD m = example();
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            for (Eigen::Index j = 0; j < m.cols(); ++j) {
                expected << QString::number(QString::number(m(i, j), 'g', 9).toDouble(), 'g', 17);
            }
        }
        QCOMPARE(got, expected.join(' '));
    }

    void rsatoolboxLayout() {
        const QString path = QDir(test::scratchDir()).filePath("rdm_rsa.h5");
        MatrixD rdm(3, 3);
        rdm << 0, 1, 2, 1, 0, 3, 2, 3, 0;
        writeRsatoolboxRdm(path.toStdString(), rdm, "correlation", {"x", "y", "z"});
        const QString got = pythonDump(
            "import h5py; f=h5py.File('" + path + "','r'); "
            "assert f.attrs['type']=='RDMs' and f.attrs['dissimilarity_measure']=='correlation'; "
            "assert [s.decode() for s in f['pattern_descriptors/labels'][:]]==['x','y','z']; "
            "print(' '.join('%g' % v for v in f['dissimilarities'][0]))");
        QCOMPARE(got, QStringLiteral("1 2 3"));
    }

    void failedWriteLeavesNothing() {
        const QString dir = QDir(test::scratchDir()).filePath("no_such_dir");
        QVERIFY_THROWS_EXCEPTION(FileError,
                                 writeMatrix((dir + "/m.h5").toStdString(), example(), {}));
        QVERIFY(!QDir(dir).exists());
        const QString bad = QDir(test::scratchDir()).filePath("m.xlsx");
        QVERIFY_THROWS_EXCEPTION(InputError, writeMatrix(bad.toStdString(), example(), {}));
        QVERIFY(!QFile::exists(bad));
        // An exception inside the writer removes the temporary file.
        const QString target = QDir(test::scratchDir()).filePath("atomic.bin");
        try {
            writeAtomically(target.toStdString(), [](const std::string& tmp) {
                QFile f(QString::fromStdString(tmp));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("half");
                f.close();
                throw FileError("simulated failure");
            });
        } catch (const FileError&) {
        }
        QVERIFY(!QFile::exists(target));
        QCOMPARE(QDir(test::scratchDir()).entryList({"atomic.bin*"}, QDir::Files).size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestMatrixWriter)
#include "test_matrix_writer.moc"
