// Axis titles of a heatmap whose rows and columns are not stimuli (the Embedding view's layer ×
// prefix-size grid, the units view): they sit between the axis labels and the matrix, clear of
// both. They used to be drawn 16 px from the matrix in a 10 px strip, over the ends of the layer
// names and the prefix sizes. The texts are recorded as painted, with the view's own layout.
#include <QtTest>
#include <memory>

#include "../../views/src/heatmap_overlay.h"
#include "repscope/stimuli.h"
#include "repscope/tiles/dense_tile_source.h"
#include "repscope/views/heatmap_view.h"
#include "text_recorder.h"

using namespace repscope;
using namespace repscope::views;
using repscope::test::TextRecorder;

class TestHeatmapTitles : public QObject {
    Q_OBJECT

private slots:
    void titlesClearTheLabelsAndTheMatrix() {
        MatrixF m(4, 5);
        m.setConstant(0.5F);
        auto source = std::make_shared<tiles::DenseTileSource>(m, "cka_linear");
        auto rows = std::make_shared<Stimuli>();
        rows->count = 4;
        rows->labels = {"hidden1", "hidden2", "hidden3", "logits"};
        auto cols = std::make_shared<Stimuli>();
        cols->count = 5;
        cols->labels = {"8", "10", "16", "32", "64"};
        const QString rowTitle = QStringLiteral("layers");
        const QString colTitle = QStringLiteral("prefix size d");
        for (const QSize size : {QSize(340, 240), QSize(600, 420)}) {
            HeatmapView view(nullptr);
            view.resize(size);
            view.setSource(source, rows, std::string(), cols);
            view.setAxisLabelsShown(true);
            view.setAxisTitles(rowTitle, colTitle);

            detail::OverlayInput in;
            in.layout = view.layout();
            in.viewport = HeatmapViewport::fit(4, 5, in.layout.matrix.size());
            in.rows = 4;
            in.cols = 5;
            in.rowOrder = &source->rowOrder();
            in.colOrder = &source->colOrder();
            in.measure = QStringLiteral("cka_linear");
            in.rowTitle = rowTitle;
            in.colTitle = colTitle;
            TextRecorder device(size);
            QPainter painter(&device);
            detail::paintOverlays(painter, in);
            detail::paintAxisLabels(painter, in, *rows, *cols);
            painter.end();

            const QRectF matrix(in.layout.matrix.topLeft(),
                                QSizeF(in.viewport.toPixelX(5.0), in.viewport.toPixelY(4.0)));
            std::vector<TextRecorder::Text> titles;
            std::vector<TextRecorder::Text> labels;
            for (const TextRecorder::Text& t : device.texts) {
                if (t.text == rowTitle || t.text == colTitle) titles.push_back(t);
                const bool label = std::any_of(rows->labels.begin(), rows->labels.end(),
                                               [&](const std::string& s) { return t.text.toStdString() == s; }) ||
                                   std::any_of(cols->labels.begin(), cols->labels.end(),
                                               [&](const std::string& s) { return t.text.toStdString() == s; });
                if (label) labels.push_back(t);
            }
            QCOMPARE(titles.size(), std::size_t{2});
            QVERIFY(labels.size() >= 9);
            for (const TextRecorder::Text& title : titles) {
                const QRectF inner = title.rect.adjusted(0.5, 0.5, -0.5, -0.5);
                QVERIFY2(!inner.intersects(matrix), qPrintable(title.text));
                for (const TextRecorder::Text& label : labels) {
                    QVERIFY2(!inner.intersects(label.rect),
                             qPrintable(QStringLiteral("'%1' (%2, %3, %4 x %5) over '%6' (%7, %8, %9 x %10)")
                                            .arg(title.text).arg(title.rect.left()).arg(title.rect.top())
                                            .arg(title.rect.width()).arg(title.rect.height()).arg(label.text)
                                            .arg(label.rect.left()).arg(label.rect.top()).arg(label.rect.width())
                                            .arg(label.rect.height())));
                }
            }
        }
    }
};

QTEST_MAIN(TestHeatmapTitles)
#include "test_heatmap_titles.moc"
