// Files from others cannot take the loader down: each case reproduces a defect found by trying
// hand-made and corrupted files (tests/fixtures/make_files.py writes them with h5py), and checks
// the clean outcome: a one-sentence warning or error, nothing out of bounds, nothing followed
// that the link policy refuses.
#include <QtTest>

#include <cstring>
#include <fstream>

#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/order/seriation.h"
#include "repscope/representation.h"
#include "repscope/text.h"
#include "test_support.h"

using namespace repscope;

namespace {

std::shared_ptr<const DataFile> openFixture(const char* name, OpenOptions options = {}) {
    return DataFile::open(test::makeFixture(QString::fromLatin1(name)).toStdString(), options);
}

QString allWarnings(const DataFile& f) {
    QStringList out;
    for (const auto& w : f.warnings()) out << QString::fromStdString(w);
    return out.join('\n');
}

bool hasRepresentation(const DataFile& f, const std::string& path) {
    for (const auto& r : f.representations()) {
        if (r->info().path == path) return true;
    }
    return false;
}

// What make_files.py's layer_values writes: seed + i + j/1000.
float layerValue(int seed, int i, int j) {
    return static_cast<float>(seed + i + j / 1000.0);
}

}  // namespace

class TestIoHostile : public QObject {
    Q_OBJECT
private slots:
    // 1. Thumbnails (4, 2^32+2, 2): the height is checked before it is narrowed; nothing is read.
    void thumbnailShapeIsCheckedBeforeNarrowing() {
        const auto f = openFixture("thumbs_overflow.h5");
        QVERIFY(f->stimuli().thumbnails.empty());
        QVERIFY2(allWarnings(*f).contains("/stimuli/thumbnails has images of 4294967298 × 2 pixels"),
                 qPrintable(allWarnings(*f)));
        QCOMPARE(f->representations().size(), std::size_t{1});
    }

    // 3. Shapes whose products wrap in 64 bits are refused, never read as D = 0 or D = 1.
    void dimensionProductsAreChecked() {
        const auto f = openFixture("dims_overflow.h5");
        QVERIFY(hasRepresentation(*f, "/net/layer1"));
        QVERIFY(!hasRepresentation(*f, "/net/wraps_to_zero"));
        QVERIFY(!hasRepresentation(*f, "/net/wraps_to_one"));
        const QString w = allWarnings(*f);
        QVERIFY2(w.contains("/net/wraps_to_one has shape 4 × 274177 × 67280421310721, more than 2^56"),
                 qPrintable(w));
        QVERIFY2(w.contains("/net/wraps_to_zero has shape 4 × 4294967296 × 4294967296"), qPrintable(w));
        try {
            (void)f->find("/net/wraps_to_zero");
            QFAIL("no error");
        } catch (const FormatError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("more than 2^56 values"), e.what());
        }
    }

    // 2. Categorical codes past the categories are refused per column (with a warning), so no
    //    ordering can index out of range; 9. a codes column of the wrong length is a warning.
    void categoricalCodesAreValidated() {
        const auto f = openFixture("h5ad_bad_codes.h5");
        QCOMPARE(f->stimuli().columns.size(), std::size_t{1});
        const CategoryColumn& good = f->stimuli().columns.front();
        QCOMPARE(good.name, std::string("good"));
        QCOMPARE(good.codes, (std::vector<std::int32_t>{0, 1, 2, 2, 1, -1}));
        const QString w = allWarnings(*f);
        QVERIFY2(w.contains("/obs/bad/codes has code 57 at stimulus 2 but only 3 categories; column bad skipped"),
                 qPrintable(w));
        QVERIFY2(w.contains("/obs/short/codes has 3 entries but the file has 6 stimuli; column short skipped"),
                 qPrintable(w));
    }

    // The ordering itself treats a code outside the categories as missing (defence in depth).
    void orderingIgnoresOutOfRangeCodes() {
        CategoryColumn c;
        c.name = "c";
        c.categories = {"a", "b"};
        const std::size_t n = 2100;  // above the clustering limit: category means are used
        MatrixF x(static_cast<Eigen::Index>(n), 3);
        for (std::size_t i = 0; i < n; ++i) {
            c.codes.push_back(i == 7 ? 1000000 : static_cast<std::int32_t>(i % 2));
            x.row(static_cast<Eigen::Index>(i)) << 1.0F + static_cast<float>(i % 2), 2.0F,
                static_cast<float>(i % 5);
        }
        const auto result = order::computeOrdering(x, metrics::RdmMeasure::Correlation,
                                                  order::OrderingMethod::Clustered, &c);
        QCOMPARE(result.order.size(), n);
        QCOMPARE(result.order.back(), std::size_t{7});  // sorted with the missing ones, last
    }

    // 9. rsatoolbox descriptors of the wrong length are named, not dropped silently.
    void rsatoolboxDescriptorLengthsAreWarned() {
        const auto f = openFixture("rsa_bad_descriptors.h5");
        const QString w = allWarnings(*f);
        QVERIFY2(w.contains("/pattern_descriptors/extra has 2 entries but the file has 5 stimuli; descriptor skipped"),
                 qPrintable(w));
        QVERIFY2(w.contains("/rdm_descriptors/name has 3 entries but the file has 2 RDMs; descriptor skipped"),
                 qPrintable(w));
        QCOMPARE(f->stimuli().labels.size(), std::size_t{5});
    }

    // 4. A hard-link cycle is walked once and named; a dataset's second name is listed as such.
    void hardLinkCyclesAreWalkedOnce() {
        const auto f = openFixture("hardlink_cycle.h5");
        QVERIFY(hasRepresentation(*f, "/net/layer1"));
        QVERIFY(hasRepresentation(*f, "/alias"));
        QVERIFY(!hasRepresentation(*f, "/net/again/layer1"));
        QVERIFY2(allWarnings(*f).contains("/net/again links back to /net; walked once"),
                 qPrintable(allWarnings(*f)));
    }

    // 5. 1,000 nested groups: the walk stops at its depth limit and says so (it used to take
    //    minutes re-checking every prefix of every path).
    void deepNestingIsBounded() {
        const auto f = openFixture("deep_nesting.h5");
        QVERIFY(hasRepresentation(*f, "/net/layer1"));
        QCOMPARE(f->representations().size(), std::size_t{1});
        QVERIFY2(allWarnings(*f).contains("is nested deeper than 64 groups; not walked further"),
                 qPrintable(allWarnings(*f)));
    }

    // 6. bfloat16 is decoded exactly (the upper half of a float32); another 16-bit layout is
    //    refused by name instead of being read as IEEE halves, and so are floats wider than 64
    //    bits, whatever their exponent's width (a 139-bit one was shifted by 138 bits: undefined
    //    behaviour, which the sanitizer build of this test stops on).
    void bfloat16IsDecodedExactly() {
        const auto f = openFixture("float16_layouts.h5");
        const auto r = f->find("/net/bf16");
        QCOMPARE(r->info().dtype, std::string("bfloat16"));
        const MatrixF m = r->readAll();
        const float expected[2][3] = {{1.0F, -2.5F, 0.15625F}, {3.0F, 1024.0F, -0.0078125F}};
        for (int i = 0; i < 2; ++i) {
            for (int j = 0; j < 3; ++j) QCOMPARE(m(i, j), expected[i][j]);
        }
        QVERIFY(!hasRepresentation(*f, "/net/e6m9"));
        QVERIFY2(allWarnings(*f).contains(
                     "/net/e6m9 holds float16 (non-IEEE: 6-bit exponent, 9-bit mantissa) values, "
                     "which RepScope does not decode"),
                 qPrintable(allWarnings(*f)));
        for (const char* wide : {"/net/e139 holds float256 (non-IEEE: 139-bit exponent, 116-bit mantissa)",
                                 "/net/e64 holds float128 (non-IEEE: 64-bit exponent, 63-bit mantissa)"}) {
            QVERIFY2(allWarnings(*f).contains(wide), qPrintable(allWarnings(*f)));
        }
    }

    // 7. Text from a file is escaped before it is shown: control characters become \xNN.
    void printableEscapesControlCharacters() {
        QCOMPARE(printable("plain ü label"), std::string("plain ü label"));
        QCOMPARE(printable("\x1b]0;pwned\x07"), std::string("\\x1b]0;pwned\\x07"));
        QCOMPARE(printable("red\x1b[31m"), std::string("red\\x1b[31m"));
        QCOMPARE(printable("two\nlines\r"), std::string("two\\nlines\\r"));
        QCOMPARE(printable("\xc2\x9b" "2J"), std::string("\\xc2\\x9b2J"));   // C1 CSI
        QCOMPARE(printable("bad \xff byte"), std::string("bad \\xff byte"));  // not UTF-8
        QCOMPARE(printable("\xe2\x80\xae" "evil"), std::string("\\xe2\\x80\\xaeevil"));  // RLO
        const auto f = openFixture("escape_names.h5");
        bool found = false;
        for (const auto& r : f->representations()) {
            const std::string shown = printable(r->info().qualifiedName());
            QVERIFY(shown.find('\x1b') == std::string::npos);
            found = found || shown.find("/net\\x1b[2J/layer\\x1b]0;x\\x07") != std::string::npos;
        }
        QVERIFY(found);
    }

    // Labels longer than the bound are cut (marked with …), not kept whole.
    void stringLengthsAreBounded() {
        const auto f = openFixture("escape_names.h5");
        for (const auto& l : f->stimuli().labels) QVERIFY(l.size() <= 4096 + 3);
    }

    // Links: inside the file's folder followed, outside refused (and named), broken ones and
    // virtual datasets that read nothing or themselves named; every followed file listed.
    // A file can declare a billion labels (a shape, nothing stored): reading them asked for
    // 34 GB and aborted (found by the fuzzer). Their memory is now counted against the budget
    // before any is allocated.
    void declaredStringsAreCountedAgainstTheBudget() {
        struct Restore {
            std::size_t bytes = memoryBudgetBytes();
            ~Restore() { setMemoryBudgetBytes(bytes); }
        } restore;
        // 2^30 variable-length labels: 2^30 × (32 + 8) bytes = 42.9 GB, over an 8 GB budget.
        const auto refusal = [](const char* fixture) {
            try {
                openFixture(fixture);
            } catch (const ResourceError& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        setMemoryBudgetBytes(std::size_t{8} << 30);
        QString message = refusal("declared_labels.h5");
        QVERIFY2(message.endsWith(QStringLiteral(
                     ":/stimuli/labels holds 1073741824 strings, which need 42.95 GB of memory, more than "
                     "the memory budget of 8.59 GB")),
                 qPrintable(message));
        // Integer columns too: native_basic's 40 block numbers (320 bytes; the first column read)
        // against a 64-byte budget.
        setMemoryBudgetBytes(64);
        message = refusal("native_basic.h5");
        QVERIFY2(message.endsWith(QStringLiteral(
                     ":/stimuli/block holds 40 values, which need 320 bytes of memory, more than the memory "
                     "budget of 64 bytes")),
                 qPrintable(message));
        setMemoryBudgetBytes(restore.bytes);
        QCOMPARE(openFixture("native_basic.h5")->stimuli().labels.size(), std::size_t{40});
    }

    void linkPolicy() {
        const QString main = test::makeFixture(QStringLiteral("links/links_main.h5"));
        const auto f = DataFile::open(main.toStdString(), OpenOptions{});
        QVERIFY(hasRepresentation(*f, "/net/layer1"));
        QVERIFY(hasRepresentation(*f, "/linked/inside"));
        QVERIFY(hasRepresentation(*f, "/virtual/inside"));
        for (const char* p : {"/linked/secret", "/virtual/secret", "/raw/outside", "/linked/gone",
                              "/linked/dangling", "/virtual/missing", "/virtual/itself"}) {
            QVERIFY2(!hasRepresentation(*f, p), p);
        }
        // The followed data is the linked file's, read from any working directory.
        const MatrixF inside = f->find("/virtual/inside")->readAll();
        QCOMPARE(inside(2, 3), layerValue(50, 2, 3));
        QCOMPARE(f->find("/linked/inside")->readAll()(5, 1), layerValue(50, 5, 1));
        const QString w = allWarnings(*f);
        QVERIFY2(w.contains("/linked/secret is an external link to ../outside/secret.h5:/layer, outside "
                            "the file's folder; not followed (allow with --allow-links-outside)"),
                 qPrintable(w));
        QVERIFY2(w.contains("/virtual/secret is a virtual dataset reading ../outside/secret.h5:layer, "
                            "outside the file's folder"),
                 qPrintable(w));
        QVERIFY2(w.contains("/raw/outside stores its values in the external raw file ../outside/raw.bin, "
                            "outside the file's folder"),
                 qPrintable(w));
        QVERIFY2(w.contains("/linked/gone is an external link to sub/missing.h5:/layer, which does not exist"),
                 qPrintable(w));
        QVERIFY2(w.contains("/linked/dangling is a soft link to /net/nothing, which does not exist"),
                 qPrintable(w));
        QVERIFY2(w.contains("/virtual/missing is a virtual dataset whose source file sub/missing.h5 does "
                            "not exist (it would read fill values)"),
                 qPrintable(w));
        QVERIFY2(w.contains("/virtual/itself is a virtual dataset that reads itself"), qPrintable(w));
        QCOMPARE(f->linkedFiles().size(), std::size_t{1});
        QVERIFY(QString::fromStdString(f->linkedFiles().front()).endsWith("/links/sub/inside.h5"));
        // Naming a refused path says why.
        try {
            (void)f->find("/linked/secret");
            QFAIL("no error");
        } catch (const FormatError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("outside the file's folder"), e.what());
        }
    }

    void linksOutsideWhenAllowed() {
        const QString main = test::makeFixture(QStringLiteral("links/links_main.h5"));
        OpenOptions allow;
        allow.allowLinksOutside = true;
        const auto f = DataFile::open(main.toStdString(), allow);
        QCOMPARE(f->find("/linked/secret")->readAll()(1, 1), layerValue(90, 1, 1));
        QCOMPARE(f->find("/virtual/secret")->readAll()(3, 0), layerValue(90, 3, 0));
        QCOMPARE(f->find("/raw/outside")->readAll()(4, 1), layerValue(7, 4, 1));
        // Broken and self-reading ones stay refused.
        QVERIFY(!hasRepresentation(*f, "/virtual/itself"));
        QVERIFY(!hasRepresentation(*f, "/virtual/missing"));
        QCOMPARE(f->linkedFiles().size(), std::size_t{3});
    }
};

QTEST_APPLESS_MAIN(TestIoHostile)
#include "test_io_hostile.moc"
