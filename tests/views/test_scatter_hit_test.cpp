// Hit-testing of scatter brushes in data coordinates: rectangles (corners in any order, borders
// included) and lasso polygons (even-odd rule, concave and self-crossing shapes), checked on
// points whose answer follows from the geometry by hand.
#include <QtTest>
#include <cmath>
#include <random>

#include "repscope/views/scatter_geometry.h"
#include "repscope/views/scatter_hit_test.h"

using namespace repscope::views;
using Indices = std::vector<std::size_t>;

namespace {

ScatterPoints pointsOf(std::initializer_list<std::pair<float, float>> xy) {
    ScatterPoints p(static_cast<Eigen::Index>(xy.size()), 2);
    Eigen::Index i = 0;
    for (const auto& [x, y] : xy) {
        p(i, 0) = x;
        p(i, 1) = y;
        ++i;
    }
    return p;
}

}  // namespace

class TestScatterHitTest : public QObject {
    Q_OBJECT
private slots:
    void rectangleIncludesItsBordersAndIgnoresCornerOrder() {
        const ScatterPoints p = pointsOf({{0, 0}, {1, 1}, {2, 2}, {1, 2.5F}, {-1, 1}, {1.5F, 0.5F}});
        const Indices expected{1, 2, 5};  // (0,0) and (1,2.5) outside; (2,2) on the corner
        QCOMPARE(pointsInRectangle(p, {0.5, 0.5}, {2, 2}), expected);
        QCOMPARE(pointsInRectangle(p, {2, 2}, {0.5, 0.5}), expected);
        QCOMPARE(pointsInRectangle(p, {0.5, 2}, {2, 0.5}), expected);
        QCOMPARE(pointsInRectangle(p, {2, 0.5}, {0.5, 2}), expected);
        // A degenerate rectangle is a segment: points on it count.
        QCOMPARE(pointsInRectangle(p, {1, 0}, {1, 3}), (Indices{1, 3}));
        QCOMPARE(pointsInRectangle(p, {10, 10}, {11, 11}), Indices{});
    }

    void nanPointsAreNeverInside() {
        const float nan = std::nanf("");
        const ScatterPoints p = pointsOf({{nan, 0}, {0, nan}, {0, 0}});
        QCOMPARE(pointsInRectangle(p, {-1, -1}, {1, 1}), Indices{2});
        QCOMPARE(pointsInPolygon(p, {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}), Indices{2});
    }

    void triangle() {
        // x ≥ 0, y ≥ 0, x + y ≤ 4.
        const std::vector<QPointF> tri{{0, 0}, {4, 0}, {0, 4}};
        const ScatterPoints p =
            pointsOf({{1, 1}, {3, 3}, {2, 1.9F}, {2, 2.1F}, {-0.1F, 1}, {0.5F, -0.1F}, {3.9F, 0.05F}});
        QCOMPARE(pointsInPolygon(p, tri), (Indices{0, 2, 6}));
        // Orientation does not matter.
        QCOMPARE(pointsInPolygon(p, {{0, 4}, {4, 0}, {0, 0}}), (Indices{0, 2, 6}));
    }

    void diamond() {
        // |x| + |y| < 1: inside the bounding box is not enough.
        const std::vector<QPointF> diamond{{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        const ScatterPoints p =
            pointsOf({{0, 0}, {0.45F, 0.45F}, {0.55F, 0.55F}, {-0.9F, 0.05F}, {-0.9F, 0.2F}, {0, -0.99F}});
        QCOMPARE(pointsInPolygon(p, diamond), (Indices{0, 1, 3, 5}));
    }

    void concaveLassoLeavesItsNotchOut() {
        // A "U": the square [0,3]² without the notch (1,2)×(1,3].
        const std::vector<QPointF> u{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}};
        const ScatterPoints p = pointsOf({{0.5F, 2.5F}, {1.5F, 2.5F}, {2.5F, 2.5F}, {1.5F, 0.5F},
                                          {1.5F, 1.5F}, {3.5F, 1}});
        QCOMPARE(pointsInPolygon(p, u), (Indices{0, 2, 3}));
    }

    void selfCrossingLassoUsesTheEvenOddRule() {
        // A bow tie through (1, 1): two triangles, left and right; above and below the crossing
        // are outside.
        const std::vector<QPointF> bowTie{{0, 0}, {2, 2}, {2, 0}, {0, 2}};
        const ScatterPoints p = pointsOf({{0.3F, 1}, {1.7F, 1}, {1, 0.3F}, {1, 1.7F}});
        QCOMPARE(pointsInPolygon(p, bowTie), (Indices{0, 1}));
    }

    void fewerThanThreeVerticesSelectNothing() {
        const ScatterPoints p = pointsOf({{0, 0}, {1, 1}});
        QCOMPARE(pointsInPolygon(p, {}), Indices{});
        QCOMPARE(pointsInPolygon(p, {{0, 0}, {1, 1}}), Indices{});
    }

    void unitDiscPolygonMatchesTheDiscAwayFromItsEdge() {
        // A 256-gon inscribed in the unit circle: random points clearly inside or outside the
        // circle (away from the chords) must be classified as the circle says.
        std::vector<QPointF> circle;
        for (int k = 0; k < 256; ++k) {
            const double a = 2.0 * M_PI * k / 256.0;
            circle.emplace_back(std::cos(a), std::sin(a));
        }
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> u(-1.5F, 1.5F);
        ScatterPoints p(20000, 2);
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            p(i, 0) = u(rng);
            p(i, 1) = u(rng);
        }
        Indices expected;
        std::vector<bool> ambiguous(static_cast<std::size_t>(p.rows()), false);
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            const double r = std::hypot(p(i, 0), p(i, 1));
            if (r < 0.999) expected.push_back(static_cast<std::size_t>(i));
            ambiguous[static_cast<std::size_t>(i)] = r >= 0.999 && r <= 1.0;  // between chord and arc
        }
        Indices got = pointsInPolygon(p, circle);
        got.erase(std::remove_if(got.begin(), got.end(), [&](std::size_t i) { return ambiguous[i]; }),
                  got.end());
        QCOMPARE(got, expected);
    }

    void fitShowsEveryPointAndZoomKeepsTheAnchor() {
        const ScatterPoints p = pointsOf({{-3, 1}, {5, 2}, {1, -4}});
        const QSizeF area(400, 300);
        const ScatterViewport vp = ScatterViewport::fit(p, area);
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            const QPointF px = vp.toPixel(QPointF(p(i, 0), p(i, 1)), area);
            QVERIFY(px.x() >= 0 && px.x() <= area.width() && px.y() >= 0 && px.y() <= area.height());
        }
        // y grows upwards on screen.
        QVERIFY(vp.toPixel({0, 1}, area).y() < vp.toPixel({0, 0}, area).y());
        ScatterViewport zoomed = vp;
        const QPointF anchor(123, 77);
        const QPointF before = zoomed.toData(anchor, area);
        zoomed.zoomAbout(2.5, anchor, area);
        const QPointF after = zoomed.toData(anchor, area);
        QVERIFY(std::abs(before.x() - after.x()) < 1e-9 && std::abs(before.y() - after.y()) < 1e-9);
        QCOMPARE(zoomed.scale, vp.scale * 2.5);
    }

    void ticksAreRoundAndInside() {
        // The smallest step of 1, 2 or 5 × 10^k that is at least range / target.
        QCOMPARE(niceTicks(-0.37, 2.21, 6), (std::vector<double>{0.0, 0.5, 1.0, 1.5, 2.0}));
        QCOMPARE(niceTicks(-0.37, 2.21, 5), (std::vector<double>{0.0, 1.0, 2.0}));
        for (double v : niceTicks(1234.0, 1299.0, 4)) QVERIFY(v >= 1234.0 && v <= 1299.0);
        QVERIFY(niceTicks(1.0, 1.0, 5).empty());
    }
};

QTEST_APPLESS_MAIN(TestScatterHitTest)
#include "test_scatter_hit_test.moc"
