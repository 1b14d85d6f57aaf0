// MATLAB .mat inputs (alignment.md): files written by Debian's scipy.io.savemat (v5, plain and
// compressed) and by h5py in MATLAB's v7.3 layout, read through libmatio, compared with the values
// scipy.io.loadmat and h5py give; the RSA toolbox's struct arrays as RDM sets; skipped variables
// each named with a reason; truncated and garbled files give one sentence, never a crash.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QtTest>
#include <cmath>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;
using namespace repscope::test;

namespace {

// numpy's float64 values of Python expressions over m (scipy.io.loadmat of `path`), h (h5py
// File of `path`, for v7.3) and sq (scipy's squareform), each flattened in C order (NaN as
// null); one Python process per file.
QMap<QString, std::vector<double>> pythonValues(const QString& path, const QStringList& expressions) {
    const auto r = runProcess(
        pythonExecutable(),
        QStringList{"-c",
                    "import json, sys, numpy as np, scipy.io, h5py\n"
                    "from scipy.spatial.distance import squareform as sq\n"
                    "m = scipy.io.loadmat(sys.argv[1]) if not h5py.is_hdf5(sys.argv[1]) else None\n"
                    "h = h5py.File(sys.argv[1], 'r') if h5py.is_hdf5(sys.argv[1]) else None\n"
                    "out = [np.asarray(eval(e), dtype=np.float64).ravel() for e in sys.argv[2:]]\n"
                    "print(json.dumps([[None if np.isnan(v) else v for v in a.tolist()] for a in out]))",
                    path} +
            expressions);
    if (r.exitCode != 0) throw std::runtime_error(r.err.toStdString());
    QMap<QString, std::vector<double>> out;
    const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
    for (qsizetype k = 0; k < expressions.size() && k < all.size(); ++k) {
        std::vector<double>& values = out[expressions[k]];
        for (const auto& v : all[k].toArray()) values.push_back(v.isNull() ? std::nan("") : v.toDouble());
    }
    return out;
}

void compareMatrix(const MatrixF& m, const std::vector<double>& want) {
    QCOMPARE(std::size_t(m.size()), want.size());
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const double w = want[std::size_t(i * m.cols() + j)];
            const float g = m(i, j);
            if (std::isnan(w)) {
                QVERIFY(std::isnan(g));
            } else {
                QVERIFY2(std::abs(g - w) <= 1e-6 * std::max(1.0, std::abs(w)),
                         qPrintable(QString("(%1, %2): %3 vs %4").arg(i).arg(j).arg(g).arg(w)));
            }
        }
    }
}

// Why `path` is no representation: the sentence find() gives.
QString skipReason(const DataFile& f, const std::string& path) {
    try {
        (void)f.find(path);
    } catch (const FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
    return f.readAll();
}

// Opens and reads everything: fine, or one sentence naming the file.
void openAndReadOrOneSentence(const QString& path) {
    try {
        const auto f = DataFile::open(path.toStdString());
        for (const auto& r : f->representations()) (void)r->readAll();
    } catch (const Error& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.contains(path), qPrintable(what));
        QVERIFY2(!what.contains('\n'), qPrintable(what));
    }
}

}  // namespace

class TestIoMat : public QObject {
    Q_OBJECT
private slots:
    void version5_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("plain") << "mat_v5.mat";
        QTest::newRow("compressed") << "mat_v5_compressed.mat";
    }
    void version5() {
        QFETCH(QString, fixture);
        const QString path = makeFixture(fixture);
        const auto f = DataFile::open(path.toStdString());
        const auto want = pythonValues(
            path, {"m['rdm_model']", "m['sim']", "m['features']", "m['counts']", "m['subjects'][0]",
                   "m['subjects'][1]", "m['subjects'][2]", "m['subjects'][3]",
                   "m['stacked'][:, :, 0]", "m['stacked'][:, :, 1]", "m['stacked'][:, :, 2]",
                   "m['RDMs'][0, 0]['RDM']", "sq(m['RDMs'][0, 1]['RDM'].ravel())"});
        QCOMPARE(f->stimulusCount(), std::size_t{12});

        const auto rdm = f->find("/rdm_model");
        QCOMPARE(rdm->info().kind, RepresentationKind::Rdm);
        QCOMPARE(rdm->info().dtype, std::string("float64"));
        compareMatrix(rdm->readAll(), want["m['rdm_model']"]);
        QCOMPARE(rdm->readRows(4, 3), MatrixF(rdm->readAll().middleRows(4, 3)));
        // Square: an RDM by its values (symmetric, zero diagonal), or a representation.
        QCOMPARE(f->find("/dist")->info().kind, RepresentationKind::Rdm);
        QCOMPARE(f->find("/sim")->info().kind, RepresentationKind::Features);
        compareMatrix(f->find("/sim")->readAll(), want["m['sim']"]);
        const auto features = f->find("/features");
        QCOMPARE(features->info().kind, RepresentationKind::Features);
        QCOMPARE(features->info().dtype, std::string("float32"));
        QCOMPARE(features->info().d, std::size_t{5});
        compareMatrix(features->readAll(), want["m['features']"]);
        QCOMPARE(f->find("/counts")->info().dtype, std::string("int16"));
        compareMatrix(f->find("/counts")->readAll(), want["m['counts']"]);

        // (S, N, N): an RDM set, one NaN pair.
        const RdmSet* subjects = f->findRdmSet("/subjects");
        QVERIFY(subjects != nullptr);
        QVERIFY(!subjects->membersAreModels);
        QCOMPARE(subjects->subjects, (std::vector<std::string>{"1", "2", "3", "4"}));
        for (int k = 0; k < 4; ++k) {
            compareMatrix(subjects->members[std::size_t(k)]->readAll(),
                          want[QString("m['subjects'][%1]").arg(k)]);
        }
        QVERIFY(std::isnan(f->find("/subjects/1")->readAll()(3, 7)));
        // N x N x S (MATLAB's cat(3, ...)): subjects along the last dimension.
        const RdmSet* stacked = f->findRdmSet("/stacked");
        QVERIFY(stacked != nullptr);
        QCOMPARE(stacked->members.size(), std::size_t{3});
        for (int k = 0; k < 3; ++k) {
            compareMatrix(stacked->members[std::size_t(k)]->readAll(),
                          want[QString("m['stacked'][:, :, %1]").arg(k)]);
        }

        // The RSA toolbox's struct array: named members; a vectorised RDM; '/' in a name.
        const RdmSet* rdms = f->findRdmSet("/RDMs");
        QVERIFY(rdms != nullptr);
        QVERIFY(rdms->membersAreModels);
        QCOMPARE(rdms->subjects, (std::vector<std::string>{"sub-01", "sub_03", "sub-04"}));
        compareMatrix(f->find("/RDMs/sub-01")->readAll(), want["m['RDMs'][0, 0]['RDM']"]);
        compareMatrix(f->find("/RDMs/sub_03")->readAll(),
                      want["sq(m['RDMs'][0, 1]['RDM'].ravel())"]);
        QCOMPARE(f->find("/RDMs/sub-04")->info().rdmSet, std::string("/RDMs"));

        // Skipped, each with its reason.
        const DataFile& f5 = *f;
        QVERIFY(skipReason(f5, "/cplx").contains("complex"));
        QVERIFY(skipReason(f5, "/flag").contains("logical"));
        QVERIFY(skipReason(f5, "/label").contains("text"));
        QVERIFY(skipReason(f5, "/sparse_rdm").contains("sparse"));
        QVERIFY(skipReason(f5, "/cells").contains("cell array"));
        QVERIFY2(skipReason(f5, "/row").contains("1 × 5"), qPrintable(skipReason(f5, "/row")));
        QVERIFY(skipReason(f5, "/other_n").contains("over 7 stimuli"));
        QVERIFY(skipReason(f5, "/RDMs").contains("--target"));
        QVERIFY(skipReason(f5, "/cplx").contains(path + ":/cplx"));
        // ... and listed as warnings.
        QCOMPARE(f->warnings().size(), std::size_t{7});
    }

    void version73() {
        // The same data in MATLAB's v7.3 layout (h5py): values as h5py stores them, transposed
        // back, and as scipy reads the v5 file.
        const QString path = makeFixture("mat_v73.mat");
        const QString v5 = makeFixture("mat_v5.mat");
        const auto f = DataFile::open(path.toStdString());
        const auto want73 = pythonValues(
            path, {"h['rdm_model'][()].T", "h['features'][()].T", "h['subjects'][()].T[2]"});
        const auto want5 = pythonValues(v5, {"m['features']", "sq(m['RDMs'][0, 1]['RDM'].ravel())",
                                             "m['RDMs'][0, 2]['RDM']"});
        QCOMPARE(f->stimulusCount(), std::size_t{12});
        QCOMPARE(f->find("/rdm_model")->info().kind, RepresentationKind::Rdm);
        compareMatrix(f->find("/rdm_model")->readAll(), want73["h['rdm_model'][()].T"]);
        compareMatrix(f->find("/features")->readAll(), want73["h['features'][()].T"]);
        compareMatrix(f->find("/features")->readAll(), want5["m['features']"]);
        const RdmSet* subjects = f->findRdmSet("/subjects");
        QVERIFY(subjects != nullptr);
        compareMatrix(subjects->members[2]->readAll(), want73["h['subjects'][()].T[2]"]);
        const RdmSet* rdms = f->findRdmSet("/RDMs");
        QVERIFY(rdms != nullptr);
        QCOMPARE(rdms->subjects, (std::vector<std::string>{"sub-01", "sub_03", "sub-04"}));
        compareMatrix(f->find("/RDMs/sub_03")->readAll(),
                      want5["sq(m['RDMs'][0, 1]['RDM'].ravel())"]);
        compareMatrix(f->find("/RDMs/sub-04")->readAll(), want5["m['RDMs'][0, 2]['RDM']"]);
        // No HDF5 dataset of the file shows through (/#refs#, transposed copies).
        for (const auto& r : f->representations()) {
            QVERIFY2(r->info().path.find("#refs#") == std::string::npos, r->info().path.c_str());
        }
    }

    void nothingUsable() {
        const QString text = writeScratchFile("not_mat.mat", QByteArray("subject,a,b\n1,2,3\n"));
        try {
            (void)DataFile::open(text.toStdString());
            QFAIL("a text file opened as .mat");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(text) && QString(e.what()).contains(".mat"), e.what());
        }
        const QString v5 = makeFixture("mat_v5.mat");
        QByteArray empty = readBytes(v5).left(128);  // the header alone: no variable
        const QString header = writeScratchFile("header_only.mat", empty);
        try {
            (void)DataFile::open(header.toStdString());
            QFAIL("a .mat without variables opened");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(header), e.what());
        }
    }

    void damaged_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("v5") << "mat_v5.mat";
        QTest::newRow("v5 compressed") << "mat_v5_compressed.mat";
        QTest::newRow("v7.3") << "mat_v73.mat";
    }
    void damaged() {
        // Truncations at the header, inside the first variable and near the end; bytes garbled
        // at fixed places: each opens (with what is intact) or fails with one sentence.
        QFETCH(QString, fixture);
        const QByteArray good = readBytes(makeFixture(fixture));
        const QString stem = QString(fixture).replace(".mat", "");
        int k = 0;
        for (const qsizetype keep : {qsizetype(10), qsizetype(127), qsizetype(136), qsizetype(300),
                                     good.size() / 2, good.size() - 9}) {
            openAndReadOrOneSentence(writeScratchFile(QString("%1_cut%2.mat").arg(stem).arg(k++),
                                                      good.left(keep)));
        }
        for (int seed = 0; seed < 12; ++seed) {
            QByteArray bad = good;
            for (int b = 0; b < 6; ++b) {
                const auto at = qsizetype((std::uint64_t(seed * 7919 + b * 104729) * 2654435761u) %
                                          std::uint64_t(bad.size() - 128)) + 128;
                bad[at] = char(bad[at] ^ (0x5a + 17 * b));
            }
            openAndReadOrOneSentence(writeScratchFile(QString("%1_bad%2.mat").arg(stem).arg(seed), bad));
        }
    }
};

QTEST_APPLESS_MAIN(TestIoMat)
#include "test_io_mat.moc"
