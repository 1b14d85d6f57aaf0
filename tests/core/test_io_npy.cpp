// .npy inputs (alignment.md): files written by Debian's numpy (numpy.save, format 1.0/2.0/3.0,
// little- and big-endian, float and integer) read as an RDM or an RDM set and compared with the
// values numpy itself loads; THINGS-style triplet arrays; damaged and unsupported files each
// give one sentence naming the file, never a crash.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <cmath>

#include "repscope/alignment/triplets.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;
using namespace repscope::test;

namespace {

// What numpy.load gives for the file, flattened in C order (NaN as null).
std::vector<double> numpyValues(const QString& path) {
    const auto r = runProcess(pythonExecutable(),
                              {"-c",
                               "import json, sys, numpy as np\n"
                               "a = np.load(sys.argv[1]).astype(np.float64).ravel()\n"
                               "print(json.dumps([None if np.isnan(v) else v for v in a.tolist()]))",
                               path});
    if (r.exitCode != 0) throw std::runtime_error(r.err.toStdString());
    std::vector<double> out;
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
        out.push_back(v.isNull() ? std::nan("") : v.toDouble());
    }
    return out;
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
    return f.readAll();
}

QString openError(const QString& path) {
    try {
        (void)DataFile::open(path.toStdString());
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void compareMatrix(const MatrixF& m, const std::vector<double>& want, std::size_t offset) {
    const auto n = static_cast<std::size_t>(m.rows());
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const double w = want[offset + i * n + j];
            const float g = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
            if (std::isnan(w)) {
                QVERIFY(std::isnan(g));
            } else {
                QVERIFY2(std::abs(g - w) <= 1e-6 * std::max(1.0, std::abs(w)),
                         qPrintable(QString("(%1, %2): %3 vs %4").arg(i).arg(j).arg(g).arg(w)));
            }
        }
    }
}

}  // namespace

class TestIoNpy : public QObject {
    Q_OBJECT
private slots:
    void squareRdm() {
        const QString path = makeFixture("npy_rdm.npy");
        const auto f = DataFile::open(path.toStdString());
        QCOMPARE(f->stimulusCount(), std::size_t{12});
        QCOMPARE(f->representations().size(), std::size_t{1});
        const auto r = f->find("/rdm");
        QCOMPARE(r->info().kind, RepresentationKind::Rdm);
        QCOMPARE(r->info().dtype, std::string("float64"));
        QVERIFY(f->rdmSets().empty());
        compareMatrix(r->readAll(), numpyValues(path), 0);
        QCOMPARE(r->readRows(5, 4), MatrixF(r->readAll().middleRows(5, 4)));
    }

    void rdmSetBigEndianVersion2() {
        const QString path = makeFixture("npy_rdm_set.npy");
        const auto f = DataFile::open(path.toStdString());
        QCOMPARE(f->rdmSets().size(), std::size_t{1});
        const RdmSet& set = f->rdmSets().front();
        QCOMPARE(set.path, std::string("/rdms"));
        QCOMPARE(set.members.size(), std::size_t{4});
        QCOMPARE(set.subjects, (std::vector<std::string>{"1", "2", "3", "4"}));
        QVERIFY(f->findRdmSet("/rdms") == &set);
        const std::vector<double> want = numpyValues(path);
        for (std::size_t k = 0; k < 4; ++k) {
            QCOMPARE(set.members[k]->info().rdmSet, std::string("/rdms"));
            QCOMPARE(set.members[k]->info().dtype, std::string("float32"));
            compareMatrix(set.members[k]->readAll(), want, k * 144);
        }
        QVERIFY(std::isnan(f->find("/rdms/2")->readAll()(3, 5)));
        // The set itself explains what to do with it.
        try {
            (void)f->find("/rdms");
            QFAIL("the set path is no representation");
        } catch (const FormatError& e) {
            QVERIFY(QString(e.what()).contains("--target"));
        }
    }

    void integerRdmVersion3() {
        const QString path = makeFixture("npy_rdm_int.npy");
        const auto f = DataFile::open(path.toStdString());
        const auto r = f->find("/rdm");
        QCOMPARE(r->info().dtype, std::string("int16"));
        compareMatrix(r->readAll(), numpyValues(path), 0);
    }

    void triplets() {
        const QString path = makeFixture("npy_triplets.npy");
        const auto t = alignment::readTripletsNpy(path.toStdString(), 40);
        QCOMPARE(t.items.size(), std::size_t{300});
        QCOMPARE(t.dropped, std::size_t{3});
        QCOMPARE(t.firstUnknownLabel, std::string("index 40"));
        const std::vector<double> want = numpyValues(path);
        for (std::size_t k = 0; k < 300; ++k) {
            for (std::size_t c = 0; c < 3; ++c) QCOMPARE(double(t.items[k][c]), want[k * 3 + c]);
            QCOMPARE(t.odd[k], std::uint8_t{2});
        }
        // Opened as data, it says what it is.
        QVERIFY(openError(path).contains("--triplets"));
        // Float arrays are no triplets.
        try {
            (void)alignment::readTripletsNpy(makeFixture("npy_triplets_float.npy").toStdString(), 40);
            QFAIL("float triplets accepted");
        } catch (const FormatError& e) {
            QVERIFY(QString(e.what()).contains("integer"));
        }
        // A row naming a stimulus twice names its row.
        QByteArray bytes = readBytes(path);
        const qsizetype data = bytes.size() - 303 * 3 * 8;
        for (int b = 0; b < 8; ++b) bytes[data + 8 + b] = bytes[data + b];  // row 0: b = a
        const QString twice = writeScratchFile("npy_twice.npy", bytes);
        try {
            (void)alignment::readTripletsNpy(twice.toStdString(), 40);
            QFAIL("repeated stimulus accepted");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("row 0 names a stimulus twice"), e.what());
        }
    }

    void badInput_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray good = readBytes(makeFixture("npy_rdm.npy"));
        QTest::newRow("truncated") << "t_truncated.npy" << good.left(good.size() - 5) << "truncated";
        QTest::newRow("too long") << "t_long.npy" << good + QByteArray("x") << "needs exactly";
        QTest::newRow("header only") << "t_header.npy" << good.left(40) << "truncated inside its header";
        QTest::newRow("empty") << "t_empty.npy" << QByteArray() << "not a .npy file";
        QByteArray magic = good;
        magic[1] = 'X';
        QTest::newRow("bad magic") << "t_magic.npy" << magic << "not a .npy file";
        QByteArray version = good;
        version[6] = 9;
        QTest::newRow("version") << "t_version.npy" << version << "format version 9";
        QByteArray huge = good;
        huge[8] = char(0xff);
        huge[9] = char(0xff);
        QTest::newRow("header length") << "t_hlen.npy" << huge << "truncated inside its header";
        const auto edited = [&](const char* from, const char* to) {
            QByteArray b = good;
            const qsizetype at = b.indexOf(from);
            b.replace(at, qsizetype(std::strlen(from)), to);
            return b;
        };
        QTest::newRow("dtype") << "t_dtype.npy" << edited("'<f8'", "'<c8'") << "dtype '<c8'";
        QTest::newRow("fortran") << "t_fortran.npy" << edited("False", "True ") << "Fortran order";
        QTest::newRow("key") << "t_key.npy" << edited("'descr'", "'dascr'") << "key 'dascr'";
        QTest::newRow("shape text") << "t_shape.npy" << edited("(12, 12)", "(12, x2)") << "tuple";
        QTest::newRow("shape size") << "t_size.npy" << edited("(12, 12)", "(12, 13)") << "needs exactly";
        QTest::newRow("shape overflow")
            << "t_overflow.npy" << edited("(12, 12), }                ", "(99999999999, 99999999999)}") << "2^56";
        QTest::newRow("no brace") << "t_brace.npy" << edited("}", " ") << "not a quoted string";
        QTest::newRow("not square") << "t_square.npy" << edited("(12, 12)", "(16,  9)") << "shape (16, 9)";
    }

    void badInput() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString path = writeScratchFile(name, bytes);
        const QString error = openError(path);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(!error.contains('\n'), qPrintable(error));
    }

    void refusedByName() {
        const QString fortran = makeFixture("npy_fortran.npy");
        QVERIFY(openError(fortran).contains("Fortran order"));
        const QString complex = makeFixture("npy_complex.npy");
        QVERIFY2(openError(complex).contains("dtype '<c16'"), qPrintable(openError(complex)));
    }
};

QTEST_APPLESS_MAIN(TestIoNpy)
#include "test_io_npy.moc"
