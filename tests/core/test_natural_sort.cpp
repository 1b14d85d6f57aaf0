#include <QtTest>

#include "repscope/natural_sort.h"

using namespace repscope;

class TestNaturalSort : public QObject {
    Q_OBJECT
private slots:
    void numbersCompareAsNumbers() {
        QVERIFY(naturalLess("layer2", "layer10"));
        QVERIFY(!naturalLess("layer10", "layer2"));
        QVERIFY(naturalLess("block1.conv2", "block1.conv10"));
        QVERIFY(naturalLess("layer9", "layer09x"));
        QVERIFY(naturalLess("a", "b"));
        QVERIFY(!naturalLess("same", "same"));
        QVERIFY(naturalLess("layer99999999999999999999", "layer100000000000000000000"));
    }
    void layerOrderPutsPlainNamesLastInGivenOrder() {
        const std::vector<std::string> names = {"logits", "layer10", "fc", "layer2", "layer1"};
        const auto order = layerDisplayOrder(names);
        QStringList got;
        for (auto k : order) got << QString::fromStdString(names[k]);
        QCOMPARE(got, (QStringList{"layer1", "layer2", "layer10", "logits", "fc"}));
    }
};

QTEST_APPLESS_MAIN(TestNaturalSort)
#include "test_natural_sort.moc"
