// Heatmap benchmark (not a test): N = 100,000 stimuli × D = 256 (synthetic, clustered), a
// 1920×1080 HeatmapView under Xvfb/llvmpipe. Measures the time to the first complete frame
// (pyramid + tiles + drawing), frame times over a scripted 300-frame pan/zoom trace with
// glFinish every frame, tile compute time per level, and peak RSS. `--naive N` instead times the
// naive path: the full N×N matrix computed and uploaded as textures.
//   xvfb-run -a -s "-screen 0 1920x1080x24" bench_heatmap [--n 100000] [--d 256] [--naive 20000]
#include <QApplication>
#include <QElapsedTimer>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLWidget>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>
#include <sys/resource.h>

#include "repscope/order/seriation.h"
#include "repscope/selection.h"
#include "repscope/tiles/normalised_rows.h"
#include "repscope/tiles/representation_tile_source.h"
#include "repscope/views/heatmap_view.h"
#include "repscope/views/selection_model.h"

using namespace repscope;

namespace {

MatrixF clusteredData(Eigen::Index n, Eigen::Index d, int clusters,
                      std::vector<std::int32_t>* labels = nullptr) {
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0F, 1.0F);
    MatrixF centres(clusters, d);
    for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = normal(rng);
    std::uniform_int_distribution<int> pick(0, clusters - 1);
    MatrixF x(n, d);
    for (Eigen::Index i = 0; i < n; ++i) {
        const int c = pick(rng);
        if (labels != nullptr) labels->push_back(c);
        for (Eigen::Index j = 0; j < d; ++j) x(i, j) = centres(c, j) + 0.8F * normal(rng);
    }
    return x;
}

double peakRssMiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

class BenchView final : public views::HeatmapView {
public:
    BenchView() : views::HeatmapView(nullptr) {}
    // One frame into the widget's framebuffer, completed with glFinish.
    void renderFrame() {
        makeCurrent();
        paintGL();
        context()->functions()->glFinish();
        doneCurrent();
    }
};

int naive(Eigen::Index n, Eigen::Index d) {
    const MatrixF x = clusteredData(n, d, 50);
    QElapsedTimer t;
    t.start();
    const tiles::NormalisedRows z = tiles::normaliseRows(x, metrics::RdmMeasure::Correlation);
    MatrixF full = z.z * z.z.transpose();
    full.array() = 1.0F - full.array();
    const double computeMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    BenchView view;
    view.resize(1920, 1080);
    view.show();
    QCoreApplication::processEvents();
    view.makeCurrent();
    QOpenGLExtraFunctions* gl = view.context()->extraFunctions();
    GLint maxTex = 0;
    gl->glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTex);
    t.restart();
    std::vector<GLuint> textures;
    for (Eigen::Index r = 0; r < n; r += maxTex) {
        for (Eigen::Index c = 0; c < n; c += maxTex) {
            const Eigen::Index h = std::min<Eigen::Index>(maxTex, n - r);
            const Eigen::Index w = std::min<Eigen::Index>(maxTex, n - c);
            const MatrixF block = full.block(r, c, h, w);
            GLuint id = 0;
            gl->glGenTextures(1, &id);
            gl->glBindTexture(GL_TEXTURE_2D, id);
            gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, static_cast<GLsizei>(w), static_cast<GLsizei>(h), 0,
                             GL_RED, GL_FLOAT, block.data());
            textures.push_back(id);
        }
    }
    gl->glFinish();
    const double uploadMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    gl->glDeleteTextures(static_cast<GLsizei>(textures.size()), textures.data());
    view.doneCurrent();
    std::printf("naive N=%lld D=%lld: full matrix %.0f ms (%.2f GB float32), upload %zu textures "
                "%.0f ms, peak RSS %.0f MiB\n",
                static_cast<long long>(n), static_cast<long long>(d), computeMs,
                static_cast<double>(n) * static_cast<double>(n) * 4.0 / 1e9, textures.size(),
                uploadMs, peakRssMiB());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    Eigen::Index n = 100000;
    Eigen::Index d = 256;
    std::string shot;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--n") n = std::atol(argv[i + 1]);
        if (a == "--d") d = std::atol(argv[i + 1]);
        if (a == "--naive") return naive(std::atol(argv[i + 1]), d);
        if (a == "--shot") shot = argv[i + 1];
    }
    QElapsedTimer t;
    t.start();
    auto stimuli = std::make_shared<Stimuli>();
    stimuli->count = static_cast<std::size_t>(n);
    CategoryColumn column;
    column.name = "category";
    const MatrixF x = clusteredData(n, d, 100, &column.codes);
    for (int c = 0; c < 100; ++c) column.categories.push_back("cluster " + std::to_string(c));
    stimuli->columns.push_back(column);
    std::printf("data: %lld × %lld generated in %.0f ms\n", static_cast<long long>(n),
                static_cast<long long>(d), static_cast<double>(t.nsecsElapsed()) / 1e6);

    BenchView view;
    view.resize(1920, 1080);
    view.show();
    for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
    view.renderFrame();  // context and shaders ready before timing

    // The display order (by category, categories ordered by clustering their means) is computed
    // once when the user picks it; it is timed apart from the first frame.
    t.restart();
    const order::Ordering ordering = order::computeOrdering(
        x, metrics::RdmMeasure::Correlation, order::OrderingMethod::Clustered, &stimuli->columns[0]);
    std::printf("ordering: %s in %.0f ms\n", ordering.description.c_str(),
                static_cast<double>(t.nsecsElapsed()) / 1e6);

    // Time to first complete frame: pyramid, tiles and drawing.
    t.restart();
    auto source = std::make_shared<tiles::RepresentationTileSource>(
        x, metrics::RdmMeasure::Correlation, ordering.order);
    const double pyramidMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    view.setSource(source, stimuli, "category");
    int frames = 0;
    for (;;) {
        view.renderFrame();
        ++frames;
        if (view.lastFrameComplete()) break;
        view.waitForTiles();
    }
    const double firstMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    std::printf("first complete frame: %.0f ms (pyramid %.0f ms, %d frames drawn, level %d, "
                "pyramid %.0f MiB)\n",
                firstMs, pyramidMs, frames, view.currentLevel(),
                static_cast<double>(source->memoryBytes()) / 1048576.0);

    Selection selection;
    views::SelectionModel selectionModel(selection, nullptr);
    view.setSelectionModel(&selectionModel);
    if (!shot.empty()) {
        view.grabFramebuffer().save(QString::fromStdString(shot + "-fit.png"));
        std::vector<std::size_t> picked;
        for (std::size_t i = 0; i < column.codes.size(); ++i) {
            if (column.codes[i] == 7 || column.codes[i] == 42) picked.push_back(i);
        }
        selection.select(picked);
        view.grabFramebuffer().save(QString::fromStdString(shot + "-selection.png"));
        selection.clear();
    }

    // Scripted trace: zoom in 4x, pan, zoom in further, pan diagonally, zoom back out — the
    // matrix covers the whole view throughout (checked on screenshots), so every frame draws
    // 1920×1080 worth of cells. Frames are forced back to back: tiles keep computing meanwhile,
    // the view draws what is ready (stand-ins for the rest).
    std::vector<double> frameMs;
    std::vector<double> completeMs;
    std::vector<double> cpuMs;
    const QPointF centre = view.layout().matrix.center();
    for (int f = 0; f < 300; ++f) {
        if (f < 40) {
            view.zoomAbout(1.035, centre);
        } else if (f < 120) {
            view.panByPixels(QPointF(12.0, 0.0));
        } else if (f < 180) {
            view.zoomAbout(1.06, centre);
        } else if (f < 260) {
            view.panByPixels(QPointF(9.0, 7.0));
        } else {
            view.zoomAbout(1.0 / 1.08, centre);
        }
        timespec c0{}, c1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        QElapsedTimer ft;
        ft.start();
        view.renderFrame();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        cpuMs.push_back(static_cast<double>(c1.tv_sec - c0.tv_sec) * 1e3 +
                        static_cast<double>(c1.tv_nsec - c0.tv_nsec) / 1e6);
        const double ms = static_cast<double>(ft.nsecsElapsed()) / 1e6;
        frameMs.push_back(ms);
        if (view.lastFrameHadAllTiles()) completeMs.push_back(ms);
    }
    std::printf("trace: 300 frames, draw p50 %.1f ms, p95 %.1f ms, max %.1f ms; %zu frames had "
                "every tile at the wanted level\n",
                percentile(frameMs, 0.5), percentile(frameMs, 0.95), percentile(frameMs, 1.0),
                completeMs.size());
    // CPU time of the drawing thread per frame: with LP_NUM_THREADS=0 llvmpipe rasterises in
    // that thread, so this is a frame's whole CPU cost, independent of other load.
    std::printf("trace: drawing-thread CPU per frame p50 %.1f ms, p95 %.1f ms\n",
                percentile(cpuMs, 0.5), percentile(cpuMs, 0.95));
    view.waitForTiles();
    if (!shot.empty()) {
        (void)view.grabFramebuffer();
        view.waitForTiles();
        view.grabFramebuffer().save(QString::fromStdString(shot + "-zoomed.png"));
    }

    // Tile compute time per level (one thread, median of up to 5 tiles near the diagonal).
    std::printf("tile compute (256×256, one thread):");
    for (int level = 0; level <= source->coarsestLevel(); ++level) {
        std::vector<double> ms;
        const std::int64_t count = tiles::tilesAtLevel(n, level);
        for (std::int64_t k = 0; k < std::min<std::int64_t>(5, count); ++k) {
            QElapsedTimer tt;
            tt.start();
            (void)source->compute({level, k, std::min(count - 1, k + 1)}, silentProgress());
            ms.push_back(static_cast<double>(tt.nsecsElapsed()) / 1e6);
        }
        std::printf(" L%d %.1f ms;", level, percentile(ms, 0.5));
    }
    std::printf("\npeak RSS: %.0f MiB\n", peakRssMiB());
    return 0;
}
