// The shared selection: deltas, modes, no notification without a change, re-entry guard.
#include <QtTest>

#include "repscope/selection.h"

using repscope::Selection;
using Idx = std::vector<std::size_t>;

class TestSelection : public QObject {
    Q_OBJECT
private slots:
    void reportsDeltas() {
        Selection s;
        std::vector<Selection::Change> changes;
        s.addListener([&](const Selection::Change& c) { changes.push_back(c); });
        QVERIFY(s.select({5, 1, 3, 3}));
        QCOMPARE(changes.back().added, (Idx{1, 3, 5}));
        QVERIFY(s.select({3, 4}, Selection::Mode::Replace));
        QCOMPARE(changes.back().added, (Idx{4}));
        QCOMPARE(changes.back().removed, (Idx{1, 5}));
        QVERIFY(s.select({4, 9}, Selection::Mode::Toggle));
        QCOMPARE(changes.back().added, (Idx{9}));
        QCOMPARE(changes.back().removed, (Idx{4}));
        QVERIFY(s.select({0}, Selection::Mode::Add));
        QVERIFY(s.select({9}, Selection::Mode::Remove));
        QCOMPARE(s.indices(), (Idx{0, 3}));
        QCOMPARE(s.size(), std::size_t{2});
        QVERIFY(s.clear());
        QVERIFY(changes.back().cleared);
        QCOMPARE(changes.back().removed, (Idx{0, 3}));
        QVERIFY(s.empty());
        QVERIFY(!s.contains(3));
    }
    void noChangeNoNotification() {
        Selection s;
        int calls = 0;
        const auto id = s.addListener([&](const Selection::Change&) { ++calls; });
        s.select({1, 2});
        QVERIFY(!s.select({2, 1}));
        QVERIFY(!s.select({7}, Selection::Mode::Remove));
        QVERIFY(!s.select({1}, Selection::Mode::Add));
        QCOMPARE(calls, 1);
        s.removeListener(id);
        s.clear();
        QVERIFY(!s.clear());
        QCOMPARE(calls, 1);
    }
    void reentrantChangeDoesNotRecurse() {
        Selection s;
        int calls = 0;
        s.addListener([&](const Selection::Change&) {
            ++calls;
            s.select({42}, Selection::Mode::Add);
        });
        s.select({1});
        QCOMPARE(calls, 1);
        QVERIFY(s.contains(42));
    }
};

QTEST_APPLESS_MAIN(TestSelection)
#include "test_selection.moc"
