// Scatter3DView under Xvfb: a synthetic set of 300 stimuli in three categories with three
// aligned "layers". The frame read back has several colours, among them the category palette's;
// a click at the screen position of a stimulus — computed from the camera by VTK's own
// world→display transform — selects exactly that stimulus (Shift adds, a click on nothing
// clears); a selection made elsewhere shows the stimulus larger in its bright colour and dims
// the rest; with three stimuli selected the trajectory polydata holds three polylines with one
// point per layer at the layers' positions; the number of trajectories is capped and the view
// says so; hiding trajectories empties them; moved into another window (a new GL context) it
// draws again.
#include <QLabel>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <set>

#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkIdList.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

#include "repscope/selection.h"
#include "repscope/views/scatter3d_view.h"
#include "repscope/views/selection_model.h"

using namespace repscope;
using views::Scatter3DView;
using views::ScatterPoints3;
using Indices = std::vector<std::size_t>;

namespace {

constexpr int kN = 300;
constexpr int kLayers = 3;
// Tableau 10's first three colours: the palette the 2-D view and the heatmap strips use.
const QRgb kPalette[3] = {0x4e79a7, 0xf28e2b, 0xe15759};

// Points spread uniformly in a cube, stimulus i in category i % 3, deterministic.
ScatterPoints3 makePoints() {
    std::mt19937 random(7);
    std::uniform_real_distribution<float> uniform(-5.0F, 5.0F);
    ScatterPoints3 p(kN, 3);
    for (int i = 0; i < kN; ++i) p.row(i) << uniform(random), uniform(random), uniform(random);
    return p;
}

std::shared_ptr<Stimuli> makeStimuli() {
    auto s = std::make_shared<Stimuli>();
    s->count = kN;
    CategoryColumn column;
    column.name = "kind";
    column.categories = {"a", "b", "c"};
    for (int i = 0; i < kN; ++i) column.codes.push_back(i % 3);
    s->columns.push_back(column);
    return s;
}

int distance(QRgb a, QRgb b) {
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b))});
}

QRgb faded(QRgb c, double towardsWhite) {
    const auto f = [towardsWhite](int v) {
        return static_cast<int>(std::lround(v + (255 - v) * towardsWhite));
    };
    return qRgb(f(qRed(c)), f(qGreen(c)), f(qBlue(c)));
}

// Pixels that are not background in a 21×21 square around `centre`.
int coveredPixels(const QImage& img, QPoint centre) {
    int n = 0;
    for (int dy = -10; dy <= 10; ++dy) {
        for (int dx = -10; dx <= 10; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (img.rect().contains(p) && (img.pixel(p) & 0xffffffU) != 0xffffffU) ++n;
        }
    }
    return n;
}

QString saveActual(const QImage& img, const QString& name) {
    const QString path = QDir::current().absoluteFilePath(name + QStringLiteral("_actual.png"));
    img.save(path);
    return path;
}

}  // namespace

class TestScatter3DView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        selection_ = std::make_unique<Selection>();
        model_ = std::make_unique<views::SelectionModel>(*selection_, nullptr);
        view_ = std::make_unique<Scatter3DView>(nullptr);
        view_->resize(640, 480);
        view_->setSelectionModel(model_.get());
        points_ = makePoints();
        view_->setPoints(points_, makeStimuli());
        view_->setCategoryColumn("kind");
        for (int l = 0; l < kLayers; ++l) {
            // Each layer a rotated, shifted copy: distinct positions per layer.
            ScatterPoints3 layer = points_;
            layer.col(0) = points_.col(0) * static_cast<float>(std::cos(0.3 * l)) -
                           points_.col(1) * static_cast<float>(std::sin(0.3 * l));
            layer.col(1) = points_.col(0) * static_cast<float>(std::sin(0.3 * l)) +
                           points_.col(1) * static_cast<float>(std::cos(0.3 * l));
            layer.col(2).array() += static_cast<float>(0.5 * l);
            layers_.push_back(layer);
        }
        view_->setLayers(layers_);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        (void)view_->grabFramebuffer();  // the first frame fits the camera
    }
    void cleanupTestCase() {
        view_.reset();
        model_.reset();
    }
    void init() {
        model_->clear();
        view_->setTrajectoriesVisible(true);
    }

    void rendersThePaletteColours() {
        const QImage img = view_->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(img.size(), view_->size() * view_->devicePixelRatio());
        std::set<QRgb> colours;
        for (int y = 0; y < img.height(); ++y) {
            for (int x = 0; x < img.width(); ++x) colours.insert(img.pixel(x, y) & 0xffffffU);
        }
        QVERIFY2(colours.size() > 20, qPrintable(saveActual(img, QStringLiteral("scatter3d"))));
        // The centre of a sphere faces the headlight: it shows its category's palette colour.
        for (int code = 0; code < 3; ++code) {
            const QRgb want = kPalette[code];
            const bool present = std::any_of(colours.begin(), colours.end(),
                                             [want](QRgb c) { return distance(c, want) <= 3; });
            QVERIFY2(present, qPrintable(QStringLiteral("category %1 (%2) missing; see %3")
                                             .arg(code)
                                             .arg(want & 0xffffffU, 6, 16, QLatin1Char('0'))
                                             .arg(saveActual(img, QStringLiteral("scatter3d")))));
        }
        // The background is white.
        QCOMPARE(img.pixel(1, 1) & 0xffffffU, 0xffffffU);
    }

    void aClickSelectsTheStimulusUnderIt() {
        const std::vector<QPointF> at = screenPositions();
        const std::size_t target = isolated(at, 0);
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, at[target].toPoint());
        QCOMPARE(selection_->indices(), Indices{target});
        // Shift adds another.
        const std::size_t other = isolated(at, target + 1);
        QVERIFY(other != target);
        QTest::mouseClick(view_.get(), Qt::LeftButton, Qt::ShiftModifier, at[other].toPoint());
        Indices both{target, other};
        std::sort(both.begin(), both.end());
        QCOMPARE(selection_->indices(), both);
        // A click on empty background clears.
        QTest::mouseClick(view_.get(), Qt::LeftButton, {}, QPoint(2, 2));
        QVERIFY(selection_->empty());
    }

    void aSelectionMadeElsewhereIsHighlighted() {
        view_->setTrajectoriesVisible(false);  // only the points here
        const std::vector<QPointF> at = screenPositions();
        const std::size_t chosen = isolated(at, 0);
        const std::size_t unchosen = isolated(at, chosen + 1);
        const QRgb bright = kPalette[chosen % 3];
        const QRgb plain = kPalette[unchosen % 3];
        const QPoint c = at[chosen].toPoint();
        const QPoint u = at[unchosen].toPoint();
        QImage before = view_->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        QVERIFY(distance(before.pixel(u), plain) <= 3);
        model_->select({chosen});
        const QImage after = view_->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        const QString saved = saveActual(after, QStringLiteral("scatter3d_selected"));
        // The selected point keeps its colour and is drawn larger.
        QVERIFY2(distance(after.pixel(c), bright) <= 3, qPrintable(saved));
        QVERIFY2(coveredPixels(after, c) > coveredPixels(before, c) * 3 / 2,
                 qPrintable(QStringLiteral("%1 vs %2 pixels; %3")
                                .arg(coveredPixels(after, c))
                                .arg(coveredPixels(before, c))
                                .arg(saved)));
        // Others fade towards white.
        QVERIFY2(distance(after.pixel(u), faded(plain, 0.75)) <= 4, qPrintable(saved));
    }

    void trajectoriesFollowTheLayers() {
        const Indices chosen{5, 42, 211};
        model_->select(chosen);
        QCOMPARE(view_->trajectoryStimuli(), chosen);
        vtkPolyData* data = view_->trajectoryData();
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{3});
        QCOMPARE(data->GetNumberOfVerts(), vtkIdType{3 * kLayers});  // a marker per layer
        vtkCellArray* lines = data->GetLines();
        vtkNew<vtkIdList> ids;
        for (vtkIdType line = 0; line < 3; ++line) {
            lines->GetCellAtId(line, ids);
            QCOMPARE(ids->GetNumberOfIds(), vtkIdType{kLayers});
            for (int l = 0; l < kLayers; ++l) {
                double p[3];
                data->GetPoint(ids->GetId(l), p);
                const auto row = static_cast<Eigen::Index>(chosen[static_cast<std::size_t>(line)]);
                for (int axis = 0; axis < 3; ++axis)
                    QCOMPARE(static_cast<float>(p[axis]), layers_[static_cast<std::size_t>(l)](row, axis));
            }
        }
        QVERIFY(view_->trajectoryNote().isEmpty());
        // For a look (written next to the test output).
        const QImage img = view_->grabFramebuffer();
        saveActual(img, QStringLiteral("scatter3d_trajectories"));

        view_->setTrajectoriesVisible(false);
        QVERIFY(view_->trajectoryStimuli().empty());
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{0});
        view_->setTrajectoriesVisible(true);
        QCOMPARE(data->GetNumberOfLines(), vtkIdType{3});
    }

    void trajectoriesAreCapped() {
        Indices all(kN);
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        model_->select(all);
        QCOMPARE(view_->trajectoryStimuli().size(), Scatter3DView::kMaxTrajectories);
        QCOMPARE(view_->trajectoryStimuli().front(), std::size_t{0});
        QCOMPARE(view_->trajectoryData()->GetNumberOfLines(),
                 static_cast<vtkIdType>(Scatter3DView::kMaxTrajectories));
        QVERIFY2(view_->trajectoryNote().contains(QStringLiteral("200 of 300")),
                 qPrintable(view_->trajectoryNote()));
        auto* note = view_->findChild<QLabel*>(QStringLiteral("trajectoryNote"));
        QVERIFY(note != nullptr);
        QVERIFY(note->isVisible());
        model_->select({1});
        QVERIFY(view_->trajectoryNote().isEmpty());
        QVERIFY(!note->isVisible());
    }

    void aSelectionOfAnotherSizeDoesNotBreakTheView() {
        // Indices beyond N (a selection from a larger collection) are ignored.
        model_->select({3, static_cast<std::size_t>(kN) + 10});
        QCOMPARE(view_->trajectoryStimuli(), Indices{3});
        (void)view_->grabFramebuffer();
    }

    void aNewContextDrawsAgain() {
        // Moving the view into another window gives it a new GL context (as floating a dock
        // does): VTK's resources go with the old one and are made again in the new one.
        QWidget holder;
        holder.resize(700, 520);
        view_->setParent(&holder);
        view_->move(10, 10);
        holder.show();
        QVERIFY(QTest::qWaitForWindowExposed(&holder));
        const QImage img = view_->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        int palettePixels = 0;
        for (int y = 0; y < img.height(); ++y) {
            for (int x = 0; x < img.width(); ++x) {
                if (distance(img.pixel(x, y), kPalette[0]) <= 3) ++palettePixels;
            }
        }
        QVERIFY2(palettePixels > 0, qPrintable(saveActual(img, QStringLiteral("scatter3d_reparented"))));
        view_->setParent(nullptr);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    }

private:
    // Each stimulus's position in widget pixels, as VTK's camera transform puts it.
    std::vector<QPointF> screenPositions() const {
        (void)view_->grabFramebuffer();  // a frame with the current size and camera
        vtkNew<vtkCoordinate> coordinate;
        coordinate->SetCoordinateSystemToWorld();
        const double dpr = view_->devicePixelRatioF();
        const double height = view_->height() * dpr;
        std::vector<QPointF> at(kN);
        for (int i = 0; i < kN; ++i) {
            coordinate->SetValue(points_(i, 0), points_(i, 1), points_(i, 2));
            const double* d = coordinate->GetComputedDoubleDisplayValue(view_->renderer());
            at[static_cast<std::size_t>(i)] = QPointF(d[0] / dpr, (height - d[1]) / dpr);
        }
        return at;
    }

    // The first stimulus from `from` on whose point lies well inside the view, with no other
    // point within 2 point diameters on screen (so nothing covers it or is in reach).
    std::size_t isolated(const std::vector<QPointF>& at, std::size_t from) const {
        const double clearance = 2.0 * view_->pointSize();
        const QRectF inner = QRectF(view_->rect()).adjusted(20, 20, -20, -20);
        for (std::size_t i = from; i < at.size(); ++i) {
            if (!inner.contains(at[i])) continue;
            bool alone = true;
            for (std::size_t j = 0; j < at.size() && alone; ++j) {
                if (j != i && QLineF(at[i], at[j]).length() < clearance) alone = false;
            }
            if (alone) return i;
        }
        qFatal("no isolated stimulus on screen");
    }

    std::unique_ptr<Selection> selection_;
    std::unique_ptr<views::SelectionModel> model_;
    std::unique_ptr<Scatter3DView> view_;
    ScatterPoints3 points_;
    std::vector<ScatterPoints3> layers_;
};

QTEST_MAIN(TestScatter3DView)
#include "test_scatter3d_view.moc"
