#pragma once
// Internal: the OpenGL side of ProjectionView — the point shader program and one vertex buffer
// per attribute (two layouts for the animation, colours, selection flags); every point is an
// instance of one triangle. Every method needs
// the widget's context current; release() must run before the context goes away.
#include <QOpenGLBuffer>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLVertexArrayObject>
#include <QSizeF>
#include <cstdint>
#include <memory>
#include <vector>

#include "repscope/views/scatter_geometry.h"

namespace repscope::views {

class ScatterRenderer {
public:
    ScatterRenderer() = default;
    ~ScatterRenderer() = default;
    ScatterRenderer(const ScatterRenderer&) = delete;
    ScatterRenderer& operator=(const ScatterRenderer&) = delete;

    // Compiles the shaders from the Qt resources; throws repscope::Error with the GL log.
    void initialize();
    void release();
    [[nodiscard]] bool initialized() const { return program_ != nullptr; }

    // Same number of rows in both; colours are RGBA bytes, flags one byte per point.
    void setPositions(const ScatterPoints& from, const ScatterPoints& to);
    void setColours(const std::vector<std::uint32_t>& rgba);
    void setSelected(const std::vector<std::uint8_t>& flags, bool hasSelection);

    struct Frame {
        ScatterViewport viewport;
        QSizeF area;             // plot area in widget pixels
        double pointSize = 6.0;   // widget pixels
        bool round = true;        // round with a soft edge, else squares (fast for many points)
        float mix = 1.0F;         // 0 = from, 1 = to
        float dim = 0.7F;
    };
    // Draws into the current viewport, which covers the plot area.
    void draw(const Frame& frame);

private:
    void uploadAttribute(QOpenGLBuffer& buffer, int location, const void* data, int bytes,
                         int components, GLenum type, bool normalised);

    QOpenGLExtraFunctions* gl_ = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> program_;
    std::unique_ptr<QOpenGLVertexArrayObject> vao_;
    std::unique_ptr<QOpenGLBuffer> from_;
    std::unique_ptr<QOpenGLBuffer> to_;
    std::unique_ptr<QOpenGLBuffer> colours_;
    std::unique_ptr<QOpenGLBuffer> selected_;
    std::unique_ptr<QOpenGLBuffer> corners_;  // the triangle each point is drawn as
    int count_ = 0;
    bool hasSelection_ = false;
};

}  // namespace repscope::views
