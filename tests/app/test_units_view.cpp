// The Unit matching dock on the demo: hidden docks compute nothing; shown, it follows the focus
// pair. Checks against correlations computed here from the layers' values: the heatmap holds
// exactly the unit×unit correlations (a permutation of rows and columns), the matched diagonal
// runs strongest first, and the matching is at least as good as the identity matching. A layer
// against itself matches every unit to itself with correlation 1.
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <vector>

#include "gui/analysis/analysis_controller.h"
#include "gui/main_window.h"
#include "gui/analysis/representation_cache.h"
#include "gui/units/units_controller.h"
#include "gui/units/units_dock.h"
#include "gui/units/units_panel.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/heatmap_view.h"

using repscope::gui::MainWindow;

namespace {

constexpr int kTimeoutMs = 300000;

Eigen::MatrixXd standardised(const repscope::MatrixF& x) {
    Eigen::MatrixXd z = x.cast<double>();
    z.rowwise() -= z.colwise().mean();
    for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double norm = z.col(j).norm();
        if (norm > 0) z.col(j) /= norm;
    }
    return z;
}

const repscope::tiles::DenseTileSource* shown(const MainWindow& w) {
    return dynamic_cast<const repscope::tiles::DenseTileSource*>(
        w.units()->panel()->view()->source().get());
}

// The dense matrix a tile source shows, read through its level-0 tiles.
Eigen::MatrixXd shownValues(const repscope::tiles::DenseTileSource& s) {
    Eigen::MatrixXd m(s.rows(), s.cols());
    for (std::int64_t r = 0; r < repscope::tiles::tilesAtLevel(s.rows(), 0); ++r) {
        for (std::int64_t c = 0; c < repscope::tiles::tilesAtLevel(s.cols(), 0); ++c) {
            const auto tile = s.compute({0, r, c}, repscope::silentProgress());
            for (int i = 0; i < tile->rows; ++i) {
                for (int j = 0; j < tile->cols; ++j) {
                    m(r * repscope::tiles::kTileSize + i, c * repscope::tiles::kTileSize + j) = tile->at(i, j);
                }
            }
        }
    }
    return m;
}

}  // namespace

class TestUnitsView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RepScope"));
        QApplication::setApplicationName(QStringLiteral("repscope-test-units"));
        w_ = std::make_unique<MainWindow>();
        w_->resize(1280, 820);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
        w_->openDemo();
        QTRY_VERIFY_WITH_TIMEOUT(!w_->isBusy() && w_->analysis()->representations().size() >= 3, kTimeoutMs);
    }
    void cleanupTestCase() { w_.reset(); }

    void hiddenDockComputesNothing() {
        QVERIFY(!w_->units()->dock()->isVisible());
        QVERIFY(!w_->units()->controller()->active());
        QVERIFY(shown(*w_) == nullptr);
    }

    void matchesAgainstIndependentCorrelations() {
        QSignalSpy done(w_->units()->controller(), &repscope::gui::UnitsController::unitsShown);
        w_->analysis()->setFocusPair(0, 1);
        w_->units()->dock()->show();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        const auto* source = shown(*w_);
        QVERIFY(source != nullptr);

        const auto& entries = w_->analysis()->representations();
        auto& cache = *w_->analysis()->representationCache();
        const auto x = cache.read(w_->analysis()->collection(), entries[0], repscope::silentProgress());
        const auto y = cache.read(w_->analysis()->collection(), entries[1], repscope::silentProgress());
        const Eigen::MatrixXd c = standardised(*x).transpose() * standardised(*y);
        QCOMPARE(source->rows(), static_cast<std::int64_t>(c.rows()));
        QCOMPARE(source->cols(), static_cast<std::int64_t>(c.cols()));

        const Eigen::MatrixXd m = shownValues(*source);
        // A permutation of rows and columns: the same multiset of values.
        std::vector<double> a(c.data(), c.data() + c.size());
        std::vector<double> b(m.data(), m.data() + m.size());
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        for (std::size_t i = 0; i < a.size(); ++i) QVERIFY2(std::abs(a[i] - b[i]) < 1e-5, qPrintable(QString::number(i)));
        // Matched pairs on the diagonal, strongest first; at least as good as matching unit i to i.
        const Eigen::Index k = std::min(c.rows(), c.cols());
        for (Eigen::Index i = 1; i < k; ++i) QVERIFY(m(i, i) <= m(i - 1, i - 1) + 1e-6);
        const double matched = m.diagonal().head(k).mean();
        const double identity = c.diagonal().head(k).mean();
        QVERIFY2(matched >= identity - 1e-6, qPrintable(QStringLiteral("%1 < %2").arg(matched).arg(identity)));
        QVERIFY(w_->units()->panel()->note().contains(QString::number(matched, 'f', 4)));
        // For a look: the heatmap as drawn (units_view.png in the working directory).
        QVERIFY(w_->units()->panel()->view()->grabFramebuffer().save(QStringLiteral("units_view.png")));
    }

    void layerAgainstItselfIsTheIdentity() {
        QSignalSpy done(w_->units()->controller(), &repscope::gui::UnitsController::unitsShown);
        w_->analysis()->setFocusPair(2, 2);
        QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 1 && !w_->isBusy(), kTimeoutMs);
        const Eigen::MatrixXd m = shownValues(*shown(*w_));
        // Constant (dead) units correlate 0 with everything, themselves included.
        int ones = 0;
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            QVERIFY(std::abs(m(i, i) - 1.0) < 1e-5 || std::abs(m(i, i)) < 1e-12);
            ones += std::abs(m(i, i) - 1.0) < 1e-5 ? 1 : 0;
        }
        QVERIFY(ones > 0);
        // A dead unit's 0 says why on hover; a matched live pair says nothing of the kind.
        const auto* source = shown(*w_);
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            const std::string why = source->undefinedReason(i, i);
            if (std::abs(m(i, i)) < 1e-12) {
                QVERIFY2(why.find("constant") != std::string::npos, why.c_str());
            } else {
                QVERIFY2(why.empty(), why.c_str());
            }
        }
        // Every off-diagonal value of a matched-to-itself layer stays below 1.
        QVERIFY(w_->units()->panel()->note().contains(QStringLiteral("one-to-one")));
    }

private:
    std::unique_ptr<MainWindow> w_;
};

QTEST_MAIN(TestUnitsView)
#include "test_units_view.moc"
