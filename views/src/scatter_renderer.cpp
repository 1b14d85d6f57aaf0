#include "scatter_renderer.h"

#include <QOpenGLContext>
#include <QVector2D>

#include "repscope/error.h"

// The shaders live in shaders/shaders.qrc, compiled into this static library: its resources
// must be registered by name from outside any namespace.
static void initScatterShaderResources() { Q_INIT_RESOURCE(shaders); }

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
    for (auto* buffer : {&from_, &to_, &colours_, &selected_, &corners_}) {
        *buffer = std::make_unique<QOpenGLBuffer>(QOpenGLBuffer::VertexBuffer);
        (*buffer)->create();
        (*buffer)->setUsagePattern(QOpenGLBuffer::DynamicDraw);
    }
    // The triangle every point is drawn as (it covers the square [-1, 1]², so the disc too; one
    // triangle instead of a quad's two halves llvmpipe's per-triangle setup, which dominates
    // with many points); the other attributes advance once per point.
    const float corners[] = {-1.0F, -1.0F, 3.0F, -1.0F, -1.0F, 3.0F};
    uploadAttribute(*corners_, 4, corners, sizeof(corners), 2, GL_FLOAT, false);
    vao_->bind();
    for (GLuint location = 0; location < 4; ++location) gl_->glVertexAttribDivisor(location, 1);
    vao_->release();
    count_ = 0;
    hasSelection_ = false;
}

void ScatterRenderer::release() {
    if (!program_) return;
    for (auto* buffer : {&from_, &to_, &colours_, &selected_, &corners_}) {
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
    if (frame.round) {
        gl_->glEnable(GL_BLEND);
        gl_->glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    } else {
        gl_->glDisable(GL_BLEND);
    }
    program_->bind();
    vao_->bind();
    program_->setUniformValue("uMix", frame.mix);
    program_->setUniformValue("uCentre", QVector2D(static_cast<float>(frame.viewport.centreX),
                                                   static_cast<float>(frame.viewport.centreY)));
    program_->setUniformValue("uScale", static_cast<float>(frame.viewport.scale));
    program_->setUniformValue("uAreaPx", QVector2D(static_cast<float>(frame.area.width()),
                                                   static_cast<float>(frame.area.height())));
    program_->setUniformValue("uPointSize", static_cast<float>(frame.pointSize));
    program_->setUniformValue("uHasSelection", hasSelection_);
    program_->setUniformValue("uDim", frame.dim);
    program_->setUniformValue("uRound", frame.round);
    // Unselected points first, selected ones on top of them.
    program_->setUniformValue("uPass", 0);
    gl_->glDrawArraysInstanced(GL_TRIANGLES, 0, 3, count_);
    if (hasSelection_) {
        program_->setUniformValue("uPass", 1);
        gl_->glDrawArraysInstanced(GL_TRIANGLES, 0, 3, count_);
    }
    vao_->release();
    program_->release();
    gl_->glDisable(GL_BLEND);
}

}  // namespace repscope::views
