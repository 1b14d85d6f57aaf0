// Picking in a 3-D scatter without a view: points near the ray through a click, with a reach
// that grows with distance (perspective cone) or stays fixed (parallel cylinder); the front point
// wins among those whose drawn disc covers the click; behind the eye and NaN never hit. Every
// expectation follows from the geometry by hand.
#include <QtTest>
#include <cmath>

#include "repscope/views/scatter3d_picking.h"

using namespace repscope::views;

namespace {

ScatterPoints3 pointsOf(std::initializer_list<std::array<float, 3>> xyz) {
    ScatterPoints3 p(static_cast<Eigen::Index>(xyz.size()), 3);
    Eigen::Index i = 0;
    for (const auto& v : xyz) {
        p.row(i++) << v[0], v[1], v[2];
    }
    return p;
}

// The eye at the origin looking down −z; reach 0.1 per unit of distance.
PickRay cone(double x = 0.0, double y = 0.0) {
    PickRay r;
    r.origin = Eigen::Vector3d::Zero();
    r.direction = Eigen::Vector3d(x, y, -1.0);
    r.slope = 0.1;
    return r;
}

}  // namespace

class TestScatter3DPicking : public QObject {
    Q_OBJECT
private slots:
    void aPointOnTheRayIsHit() {
        const ScatterPoints3 p = pointsOf({{1, 1, -5}, {0, 0, -5}, {-1, 0, -5}});
        QCOMPARE(pickNearestToRay(p, cone()), std::optional<std::size_t>(1));
        // A ray that is not axis-aligned, through (1, 1, −5) (direction need not be unit).
        QCOMPARE(pickNearestToRay(p, cone(0.2, 0.2)), std::optional<std::size_t>(0));
    }

    void reachGrowsWithDistance() {
        // 0.3 off the ray: out of reach at distance 2 (reach 0.2), within at 5 (reach 0.5).
        QCOMPARE(pickNearestToRay(pointsOf({{0.3F, 0, -2}}), cone()), std::nullopt);
        QCOMPARE(pickNearestToRay(pointsOf({{0.3F, 0, -5}}), cone()), std::optional<std::size_t>(0));
    }

    void nearestRelativeToReachWins() {
        // 0.2 off at distance 10 (0.2 of its reach) beats 0.1 off at distance 2 (0.5 of its reach).
        const ScatterPoints3 p = pointsOf({{0.1F, 0, -2}, {0.2F, 0, -10}});
        QCOMPARE(pickNearestToRay(p, cone()), std::optional<std::size_t>(1));
    }

    void theFrontPointUnderTheClickWins() {
        // Both discs cover the click (drawn radius half the reach); the front one is seen.
        const ScatterPoints3 p = pointsOf({{0.0F, 0, -10}, {0.2F, 0, -4}});
        PickRay r = cone();
        r.drawnFraction = 0.6;  // 0.2 / 0.4 = 0.5 ≤ 0.6: covered
        QCOMPARE(pickNearestToRay(p, r), std::optional<std::size_t>(1));
        // Without discs the one exactly on the ray is nearer.
        r.drawnFraction = 0.0;
        QCOMPARE(pickNearestToRay(p, r), std::optional<std::size_t>(0));
        // Equally near the ray: the one closer to the eye.
        const ScatterPoints3 q = pointsOf({{0, 0, -9}, {0, 0, -3}});
        QCOMPARE(pickNearestToRay(q, cone()), std::optional<std::size_t>(1));
    }

    void behindTheEyeAndNanAreNeverHit() {
        const float nan = std::nanf("");
        const ScatterPoints3 p = pointsOf({{0, 0, 5}, {nan, 0, -5}, {0, 0, nan}});
        QCOMPARE(pickNearestToRay(p, cone()), std::nullopt);
        QCOMPARE(pickNearestToRay(ScatterPoints3(), cone()), std::nullopt);
    }

    void parallelRaysReachAFixedRadius() {
        PickRay r;
        r.origin = Eigen::Vector3d(0, 0, 100);
        r.direction = Eigen::Vector3d(0, 0, -3);
        r.radius = 0.5;
        const ScatterPoints3 p = pointsOf({{0.6F, 0, -50}, {0.4F, 0, 90}, {0.45F, 0, -80}});
        QCOMPARE(pickNearestToRay(p, r), std::optional<std::size_t>(1));
        r.radius = 0.3;
        QCOMPARE(pickNearestToRay(p, r), std::nullopt);
    }

    void aZeroDirectionHitsNothing() {
        PickRay r = cone();
        r.direction = Eigen::Vector3d::Zero();
        QCOMPARE(pickNearestToRay(pointsOf({{0, 0, -1}}), r), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestScatter3DPicking)
#include "test_scatter3d_picking.moc"
