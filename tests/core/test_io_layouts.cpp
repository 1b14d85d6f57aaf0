// Layout recognition and lazy reads, on files written by Debian's h5py and anndata during the
// run (tests/fixtures/make_files.py). Expected values come from the fixture's own formula
// value[i, j] = seed + i + j/1000, not from RepScope's reader.
#include <QtTest>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "test_support.h"

using namespace repscope;

namespace {

DataFilePtr openFixture(const char* name) {
    return DataFile::open(test::makeFixture(QString::fromLatin1(name)).toStdString());
}

float fixtureValue(int seed, int i, int j) {
    return static_cast<float>(seed + i + j / 1000.0);
}

QStringList layerNames(const DataFile& f, const std::string& model) {
    QStringList out;
    for (const auto& r : f.representations()) {
        if (r->info().model == model) out << QString::fromStdString(r->info().layer);
    }
    return out;
}

}  // namespace

class TestIoLayouts : public QObject {
    Q_OBJECT
private slots:
    void nativeStimuliAndOrder() {
        const auto f = openFixture("native_basic.h5");
        QCOMPARE(f->layout(), Layout::Native);
        QCOMPARE(f->stimulusCount(), std::size_t{40});
        QVERIFY(f->stimuli().hasLabels());
        QCOMPARE(QString::fromStdString(f->stimuli().labels[7]), QStringLiteral("stim07"));
        const CategoryColumn* cat = f->stimuli().column("category");
        QVERIFY(cat != nullptr);
        QCOMPARE(cat->categories.size(), std::size_t{4});
        QCOMPARE(cat->counts(), (std::vector<std::size_t>{10, 10, 10, 10}));
        QCOMPARE(QString::fromStdString(cat->categories[static_cast<std::size_t>(cat->codes[1])]),
                 QStringLiteral("face"));
        const CategoryColumn* block = f->stimuli().column("block");
        QVERIFY(block != nullptr);
        QCOMPARE(block->categories.size(), std::size_t{4});
        QCOMPARE(f->stimuli().thumbnails.height, 4);
        QCOMPARE(f->stimuli().thumbnails.channels, 1);
        QCOMPARE(int(f->stimuli().thumbnails.pixels[16 * 3 + 5]), (16 * 3 + 5) % 256);
        // Natural order with the non-numbered name last, whatever the file's order.
        QCOMPARE(layerNames(*f, "alpha"),
                 (QStringList{"layer1", "layer2", "layer10", "fc"}));
        QCOMPARE(layerNames(*f, "beta").size(), 4);
        QCOMPARE(f->representations().size(), std::size_t{8});
    }

    void nativeLazyReadsAndFlattening() {
        const auto f = openFixture("native_basic.h5");
        const auto rep = f->find("/beta/layer2");  // stored (40, 4, 3), seed 21
        QCOMPARE(rep->info().d, std::size_t{12});
        QCOMPARE(rep->info().shape, (std::vector<std::uint64_t>{40, 4, 3}));
        QCOMPARE(QString::fromStdString(rep->info().dtype), QStringLiteral("float32"));
        const MatrixF rows = rep->readRows(5, 3);
        QCOMPARE(rows.rows(), Eigen::Index{3});
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 12; ++j) QCOMPARE(rows(i, j), fixtureValue(21, 5 + i, j));
        }
        const MatrixF picked = rep->readRows(std::vector<std::size_t>{39, 0, 17, 17});
        QCOMPARE(picked(0, 11), fixtureValue(21, 39, 11));
        QCOMPARE(picked(1, 0), fixtureValue(21, 0, 0));
        QCOMPARE(picked(3, 4), fixtureValue(21, 17, 4));
        const MatrixF all = rep->readAll();
        QCOMPARE(all(33, 7), fixtureValue(21, 33, 7));
    }

    void usersFilesFloat16GzipLzfConv() {
        const auto f = openFixture("native_users.h5");
        QCOMPARE(f->stimuli().labels[3], std::string("img_3"));  // fixed-length bytes
        QVERIFY(f->stimuli().column("category") != nullptr);
        const auto conv = f->find("/cnn/conv1");
        QCOMPARE(conv->info().d, std::size_t{36});
        const auto half = f->find("/cnn/conv2_half");
        QCOMPARE(QString::fromStdString(half->info().dtype), QStringLiteral("float16"));
        const MatrixF a = conv->readAll();
        const MatrixF h = half->readAll();  // lzf-compressed float16 copy of conv1
        QCOMPARE(a.rows(), Eigen::Index{24});
        for (Eigen::Index i = 0; i < a.rows(); ++i) {
            for (Eigen::Index j = 0; j < a.cols(); ++j) {
                QVERIFY(std::abs(a(i, j) - h(i, j)) <= 1e-3f * std::max(1.0f, std::abs(a(i, j))));
            }
        }
        const MatrixF d = f->find("/cnn/fc_double")->readAll();
        QCOMPARE(d(2, 3), a(2, 3));  // float64 copy of the first 10 flattened values
        const MatrixF ints = f->find("/cnn/logits_int")->readAll();
        QCOMPARE(ints(4, 2), 14.0f);
    }

    void orderAttribute() {
        const auto f = openFixture("native_order_attr.h5");
        QCOMPARE(layerNames(*f, "net"), (QStringList{"readout", "block3", "block1", "embed"}));
    }

    void precomputedRdmRecognised() {
        const auto f = openFixture("native_rdm.h5");
        QCOMPARE(f->find("/brain/it")->info().kind, RepresentationKind::Rdm);
        QCOMPARE(f->find("/model/layer1")->info().kind, RepresentationKind::Features);
        QCOMPARE(f->find("/model/square_features")->info().kind, RepresentationKind::Features);
    }

    void rsatoolboxDataset() {
        const auto f = openFixture("rsa_dataset.h5");
        QCOMPARE(f->layout(), Layout::Rsatoolbox);
        QCOMPARE(f->stimulusCount(), std::size_t{16});
        QCOMPARE(f->stimuli().labels[2], std::string("cond2"));
        QVERIFY(f->stimuli().column("session") != nullptr);
        QVERIFY(f->stimuli().column("index") == nullptr);
        const auto rep = f->find("/measurements");
        QCOMPARE(rep->readAll()(4, 6), fixtureValue(3, 4, 6));
    }

    void rsatoolboxRdms() {
        const auto f = openFixture("rsa_rdms.h5");
        QCOMPARE(f->layout(), Layout::Rsatoolbox);
        QCOMPARE(f->stimulusCount(), std::size_t{6});
        QCOMPARE(f->stimuli().labels[5], std::string("c5"));
        QCOMPARE(f->representations().size(), std::size_t{2});
        const auto it = f->find("/dissimilarities/1");
        QCOMPARE(it->info().layer, std::string("IT"));
        QCOMPARE(it->info().kind, RepresentationKind::Rdm);
        QCOMPARE(it->info().rdmMeasure, std::string("correlation"));
        const MatrixF m = it->readAll();  // 2 * (i + j) off the diagonal
        QCOMPARE(m.rows(), Eigen::Index{6});
        QCOMPARE(m(1, 4), 10.0f);
        QCOMPARE(m(4, 1), 10.0f);
        QCOMPARE(m(3, 3), 0.0f);
        QCOMPARE(m(0, 5), 10.0f);
    }

    void anndata() {
        const auto f = openFixture("anndata.h5ad");
        QCOMPARE(f->layout(), Layout::H5ad);
        QCOMPARE(f->stimulusCount(), std::size_t{50});
        QCOMPARE(f->stimuli().labels[3], std::string("cell_3"));
        const CategoryColumn* ct = f->stimuli().column("cell_type");
        QVERIFY(ct != nullptr);
        QCOMPARE(ct->categories.size(), std::size_t{3});
        QCOMPARE(ct->categories[static_cast<std::size_t>(ct->codes[2])], std::string("NK"));
        QCOMPARE(f->find("/X")->readAll()(7, 3), fixtureValue(5, 7, 3));
        QCOMPARE(f->find("/obsm/X_pca")->info().d, std::size_t{5});
        QCOMPARE(f->find("/obsm/X_pca")->info().model, std::string("obsm"));
        QCOMPARE(f->find("/layers/counts")->readRows(9, 1)(0, 19), fixtureValue(9, 9, 19));
    }

    void thingsvision() {
        const auto f = openFixture("thingsvision.hdf5");
        QCOMPARE(f->layout(), Layout::Thingsvision);
        const auto rep = f->find("/features");
        QCOMPARE(rep->info().d, std::size_t{12});
        QCOMPARE(rep->readAll()(8, 11), fixtureValue(4, 8, 11));
    }

    void genericFallback() {
        const auto f = openFixture("generic_nested.h5");
        QCOMPARE(f->layout(), Layout::Generic);
        QCOMPARE(f->stimulusCount(), std::size_t{30});
        QCOMPARE(f->representations().size(), std::size_t{2});
        QCOMPARE(f->find("/deep/inside/acts")->info().model, std::string("deep/inside"));
        QVERIFY(!f->warnings().empty());  // /short has 12 rows
        QVERIFY_THROWS_EXCEPTION(FormatError, (void)f->find("/short"));
    }

    void missingFilterNamesTheFilter() {
        const auto f = openFixture("missing_filter.h5");
        const auto ok = f->find("/net/ok");
        QCOMPARE(ok->readAll()(1, 1), fixtureValue(0, 1, 1));
        try {
            (void)f->find("/net/packed")->readAll();
            QFAIL("reading a dataset with an unavailable filter must throw");
        } catch (const FormatError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("zfp") && msg.contains("32013") && msg.contains("/net/packed"),
                     e.what());
        }
    }

    void naNAndInfAreReadAsTheyAre() {
        const auto m = openFixture("with_nan.h5")->find("/net/layer1")->readAll();
        QVERIFY(std::isnan(m(3, 1)));
        QVERIFY(std::isinf(m(5, 2)));
    }

    void memoryBudgetRefusesLargeReads() {
        const auto rep = openFixture("native_basic.h5")->find("/alpha/layer1");
        const std::size_t old = memoryBudgetBytes();
        setMemoryBudgetBytes(100);
        QVERIFY_THROWS_EXCEPTION(ResourceError, (void)rep->readAll());
        setMemoryBudgetBytes(old);
        QCOMPARE(rep->readAll().rows(), Eigen::Index{40});
    }
};

QTEST_APPLESS_MAIN(TestIoLayouts)
#include "test_io_layouts.moc"
