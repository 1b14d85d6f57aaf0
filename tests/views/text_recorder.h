#pragma once
// Test helper: a paint device that keeps what is written on it and where, in device
// coordinates after the painter's transform (so rotated axis titles come out as drawn). Lines,
// shapes and images are ignored.
#include <QPaintDevice>
#include <QPaintEngine>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QTransform>
#include <limits>
#include <vector>

namespace repscope::test {

class TextRecorder : public QPaintDevice {
public:
    struct Text {
        QString text;
        QRectF rect;
    };
    explicit TextRecorder(QSize size) : size_(size), engine_(this) {}
    QPaintEngine* paintEngine() const override { return &engine_; }
    std::vector<Text> texts;

protected:
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
            case PdmWidth: return size_.width();
            case PdmHeight: return size_.height();
            case PdmWidthMM: return size_.width() * 254 / 960;
            case PdmHeightMM: return size_.height() * 254 / 960;
            case PdmDpiX:
            case PdmDpiY:
            case PdmPhysicalDpiX:
            case PdmPhysicalDpiY: return 96;
            case PdmDepth: return 32;
            case PdmNumColors: return std::numeric_limits<int>::max();
            case PdmDevicePixelRatio: return 1;
            case PdmDevicePixelRatioScaled: return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
            default: return 0;
        }
    }

private:
    class Engine : public QPaintEngine {
    public:
        explicit Engine(TextRecorder* device) : QPaintEngine(QPaintEngine::AllFeatures), device_(device) {}
        bool begin(QPaintDevice*) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState& changed) override {
            if (changed.state() & QPaintEngine::DirtyTransform) transform_ = changed.transform();
        }
        void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
        void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
        void drawPath(const QPainterPath&) override {}
        void drawTextItem(const QPointF& p, const QTextItem& item) override {
            const QRectF r(p.x(), p.y() - item.ascent(), item.width(), item.ascent() + item.descent());
            device_->texts.push_back({item.text(), transform_.mapRect(r)});
        }
        Type type() const override { return QPaintEngine::User; }

    private:
        TextRecorder* device_;
        QTransform transform_;
    };
    QSize size_;
    mutable Engine engine_;
};


}  // namespace repscope::test
