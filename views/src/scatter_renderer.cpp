#include "scatter_renderer.h"

#include <QOpenGLContext>
#include <QVector2D>

#include "repscope/error.h"

// The shaders live in shaders/shaders.qrc, compiled into this static library: its resources
// must be registered by name from outside any namespace.
static void initScatterShaderResources() { Q_INIT_RESOURCE(shaders); }

#ifndef GL_PROGRAM_POINT_SIZE
#define GL_PROGRAM_POINT_SIZE 0x8642
#endif

namespace repscope::views {

void ScatterRenderer::initialize() {
    initScatterShaderResources();
    gl_ = QOpenGLContext::currentContext()->extraFunctions();
    program_ = std::make_unique<QOpenGLShaderProgram>();
    if (!program_->addShaderFromSourceFile(QOpenGLShader::Vertex, QStringLiteral(":/shaders/scatter.vert")) ||
        !program_->addShaderFromSourceFile(QOpenGLShader::Fragment, QStringLiteral(":/shaders/scatter.frag")) ||
        !program_->link()) {
        const std::string log = program_->log().toStdString();
        program_.reset();
        throw Error("the scatter shaders do not compile: " + log);
    }
    vao_ = std::make_unique<QOpenGLVertexArrayObject>();
    vao_->create();
    for (auto* buffer : {&from_, &to_, &colours_, &selected_}) {
        *buffer = std::make_unique<QOpenGLBuffer>(QOpenGLBuffer::VertexBuffer);
        (*buffer)->create();
        (*buffer)->setUsagePattern(QOpenGLBuffer::DynamicDraw);
    }
    count_ = 0;
    hasSelection_ = false;
}

void ScatterRenderer::release() {
    if (!program_) return;
    for (auto* buffer : {&from_, &to_, &colours_, &selected_}) {
        (*buffer)->destroy();
        buffer->reset();
    }
    vao_->destroy();
    vao_.reset();
    program_.reset();
    count_ = 0;
}

void ScatterRenderer::uploadAttribute(QOpenGLBuffer& buffer, int location, const void* data,
                                      int bytes, int components, GLenum type, bool normalised) {
    vao_->bind();
    buffer.bind();
    buffer.allocate(data, bytes);
    gl_->glEnableVertexAttribArray(static_cast<GLuint>(location));
    gl_->glVertexAttribPointer(static_cast<GLuint>(location), components, type,
                               normalised ? GL_TRUE : GL_FALSE, 0, nullptr);
    buffer.release();
    vao_->release();
}

void ScatterRenderer::setPositions(const ScatterPoints& from, const ScatterPoints& to) {
    count_ = static_cast<int>(to.rows());
    const int bytes = count_ * 2 * static_cast<int>(sizeof(float));
    uploadAttribute(*from_, 0, from.data(), bytes, 2, GL_FLOAT, false);
    uploadAttribute(*to_, 1, to.data(), bytes, 2, GL_FLOAT, false);
}

void ScatterRenderer::setColours(const std::vector<std::uint32_t>& rgba) {
    uploadAttribute(*colours_, 2, rgba.data(), static_cast<int>(rgba.size() * sizeof(std::uint32_t)),
                    4, GL_UNSIGNED_BYTE, true);
}

void ScatterRenderer::setSelected(const std::vector<std::uint8_t>& flags, bool hasSelection) {
    hasSelection_ = hasSelection;
    uploadAttribute(*selected_, 3, flags.data(), static_cast<int>(flags.size()), 1,
                    GL_UNSIGNED_BYTE, false);
}

void ScatterRenderer::draw(const Frame& frame) {
    if (count_ == 0) return;
    gl_->glEnable(GL_PROGRAM_POINT_SIZE);
    gl_->glEnable(GL_BLEND);
    gl_->glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    program_->bind();
    vao_->bind();
    const auto ratio = static_cast<float>(frame.pixelRatio);
    program_->setUniformValue("uMix", frame.mix);
    program_->setUniformValue("uCentre", QVector2D(static_cast<float>(frame.viewport.centreX),
                                                   static_cast<float>(frame.viewport.centreY)));
    program_->setUniformValue("uScale", static_cast<float>(frame.viewport.scale));
    program_->setUniformValue("uAreaPx", QVector2D(static_cast<float>(frame.area.width()),
                                                   static_cast<float>(frame.area.height())));
    program_->setUniformValue("uPointSize", static_cast<float>(frame.pointSize) * ratio);
    program_->setUniformValue("uHasSelection", hasSelection_);
    program_->setUniformValue("uDim", frame.dim);
    // Unselected points first, selected ones on top of them.
    program_->setUniformValue("uPass", 0);
    gl_->glDrawArrays(GL_POINTS, 0, count_);
    if (hasSelection_) {
        program_->setUniformValue("uPass", 1);
        gl_->glDrawArrays(GL_POINTS, 0, count_);
    }
    vao_->release();
    program_->release();
    gl_->glDisable(GL_BLEND);
}

}  // namespace repscope::views
