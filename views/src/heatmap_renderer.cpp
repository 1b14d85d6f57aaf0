#include "heatmap_renderer.h"

#include <QOpenGLContext>
#include <QVector2D>
#include <QVector3D>
#include <QVector4D>
#include <algorithm>

#include "repscope/error.h"

// The shaders live in shaders/shaders.qrc, compiled into this static library: its resources
// must be registered by name from outside any namespace.
static void initShaderResources() { Q_INIT_RESOURCE(shaders); }

namespace repscope::views {

namespace {
constexpr int kMaskWidth = 4096;
}

void HeatmapRenderer::initialize() {
    initShaderResources();
    gl_ = QOpenGLContext::currentContext()->extraFunctions();
    program_ = std::make_unique<QOpenGLShaderProgram>();
    if (!program_->addShaderFromSourceFile(QOpenGLShader::Vertex, QStringLiteral(":/shaders/heatmap.vert")) ||
        !program_->addShaderFromSourceFile(QOpenGLShader::Fragment, QStringLiteral(":/shaders/heatmap.frag")) ||
        !program_->link()) {
        const std::string log = program_->log().toStdString();
        program_.reset();
        throw Error("the heatmap shaders do not compile: " + log);
    }
    vao_ = std::make_unique<QOpenGLVertexArrayObject>();
    vao_->create();
    vao_->bind();
    vbo_ = std::make_unique<QOpenGLBuffer>(QOpenGLBuffer::VertexBuffer);
    vbo_->create();
    vbo_->bind();
    const float corners[] = {0.0F, 0.0F, 1.0F, 0.0F, 0.0F, 1.0F, 1.0F, 1.0F};
    vbo_->allocate(corners, sizeof(corners));
    gl_->glEnableVertexAttribArray(0);
    gl_->glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    vao_->release();
    gl_->glGenTextures(1, &colormapTex_);
    gl_->glGenTextures(1, &maskRows_);
    gl_->glGenTextures(1, &maskCols_);
    colormapUploaded_.reset();
    hasSelection_ = false;
}

void HeatmapRenderer::release() {
    if (!program_) return;
    forgetTiles();
    gl_->glDeleteTextures(1, &colormapTex_);
    gl_->glDeleteTextures(1, &maskRows_);
    gl_->glDeleteTextures(1, &maskCols_);
    colormapTex_ = maskRows_ = maskCols_ = 0;
    vbo_->destroy();
    vao_->destroy();
    vbo_.reset();
    vao_.reset();
    program_.reset();
}

void HeatmapRenderer::forgetTiles() {
    for (auto& [key, t] : textures_) gl_->glDeleteTextures(1, &t.id);
    textures_.clear();
    lru_.clear();
}

GLuint HeatmapRenderer::textureFor(const tiles::Tile& tile) {
    if (auto it = textures_.find(tile.key); it != textures_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second.id;
    }
    while (textures_.size() >= kMaxTextures) {
        auto victim = textures_.find(lru_.back());
        gl_->glDeleteTextures(1, &victim->second.id);
        textures_.erase(victim);
        lru_.pop_back();
    }
    GLuint id = 0;
    gl_->glGenTextures(1, &id);
    gl_->glBindTexture(GL_TEXTURE_2D, id);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, tile.cols, tile.rows, 0, GL_RED, GL_FLOAT,
                      tile.values.data());
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    lru_.push_front(tile.key);
    textures_[tile.key] = {id, lru_.begin()};
    return id;
}

void HeatmapRenderer::uploadColormap(Colormap map) {
    if (colormapUploaded_ == map) return;
    const auto& table = colormapTable(map);
    std::vector<std::uint8_t> rgba(256 * 4);
    for (std::size_t i = 0; i < 256; ++i) {
        for (std::size_t c = 0; c < 3; ++c) rgba[i * 4 + c] = table[i][c];
        rgba[i * 4 + 3] = 255;
    }
    gl_->glBindTexture(GL_TEXTURE_2D, colormapTex_);
    gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    colormapUploaded_ = map;
}

void HeatmapRenderer::uploadMask(GLuint& tex, const std::vector<std::uint8_t>& mask) {
    const auto height = static_cast<int>((mask.size() + kMaskWidth - 1) / kMaskWidth);
    std::vector<std::uint8_t> padded(static_cast<std::size_t>(std::max(1, height)) * kMaskWidth, 0);
    std::copy(mask.begin(), mask.end(), padded.begin());
    gl_->glBindTexture(GL_TEXTURE_2D, tex);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_R8UI, kMaskWidth, std::max(1, height), 0,
                      GL_RED_INTEGER, GL_UNSIGNED_BYTE, padded.data());
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

void HeatmapRenderer::setSelectionMask(const detail::SelectionMask& mask) {
    hasSelection_ = !mask.empty();
    maskLevel_ = mask.level;
    maskWidth_ = kMaskWidth;
    uploadMask(maskRows_, hasSelection_ ? mask.rows : std::vector<std::uint8_t>{});
    uploadMask(maskCols_, hasSelection_ ? mask.cols : std::vector<std::uint8_t>{});
}

void HeatmapRenderer::draw(const std::vector<tiles::TilePtr>& tiles, const HeatmapViewport& vp,
                           QSizeF area, std::int64_t rows, std::int64_t cols,
                           const ColorScale& scale) {
    uploadColormap(scale.colormap);
    program_->bind();
    vao_->bind();
    program_->setUniformValue("uTile", 0);
    program_->setUniformValue("uColormap", 1);
    program_->setUniformValue("uSelRows", 2);
    program_->setUniformValue("uSelCols", 3);
    program_->setUniformValue("uAreaPx", QVector2D(float(area.width()), float(area.height())));
    program_->setUniformValue("uLow", scale.low);
    program_->setUniformValue("uHigh", scale.high);
    program_->setUniformValue("uCentre", scale.centre);
    program_->setUniformValue("uGamma", scale.gamma);
    program_->setUniformValue("uDiverging", isDiverging(scale.colormap));
    program_->setUniformValue("uNanColour", QVector3D(scale.nanColour[0], scale.nanColour[1],
                                                      scale.nanColour[2]));
    program_->setUniformValue("uHasSelection", hasSelection_);
    program_->setUniformValue("uSelectionLevel", maskLevel_);
    program_->setUniformValue("uSelectionWidth", maskWidth_);
    program_->setUniformValue("uDim", detail::kDim);
    program_->setUniformValue("uDimColour", QVector3D(detail::kDimColour[0], detail::kDimColour[1],
                                                      detail::kDimColour[2]));
    gl_->glActiveTexture(GL_TEXTURE1);
    gl_->glBindTexture(GL_TEXTURE_2D, colormapTex_);
    gl_->glActiveTexture(GL_TEXTURE2);
    gl_->glBindTexture(GL_TEXTURE_2D, maskRows_);
    gl_->glActiveTexture(GL_TEXTURE3);
    gl_->glBindTexture(GL_TEXTURE_2D, maskCols_);
    gl_->glActiveTexture(GL_TEXTURE0);

    std::vector<tiles::TilePtr> ordered(tiles);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a->key.level > b->key.level; });
    for (const tiles::TilePtr& t : ordered) {
        const int level = t->key.level;
        const std::int64_t firstX = (t->key.col * tiles::kTileSize) << level;
        const std::int64_t firstY = (t->key.row * tiles::kTileSize) << level;
        const std::int64_t endX = std::min(cols, (t->key.col * tiles::kTileSize + t->cols) << level);
        const std::int64_t endY = std::min(rows, (t->key.row * tiles::kTileSize + t->rows) << level);
        const double x0 = vp.toPixelX(static_cast<double>(firstX));
        const double y0 = vp.toPixelY(static_cast<double>(firstY));
        const double x1 = vp.toPixelX(static_cast<double>(endX));
        const double y1 = vp.toPixelY(static_cast<double>(endY));
        gl_->glBindTexture(GL_TEXTURE_2D, textureFor(*t));
        program_->setUniformValue("uRectPx", QVector4D(float(x0), float(y0), float(x1 - x0), float(y1 - y0)));
        program_->setUniformValue("uExtent", QVector2D(float(endX - firstX), float(endY - firstY)));
        program_->setUniformValue("uLevel", level);
        gl_->glUniform2i(program_->uniformLocation("uCells"), t->cols, t->rows);
        gl_->glUniform2i(program_->uniformLocation("uFirst"), static_cast<GLint>(firstX),
                         static_cast<GLint>(firstY));
        gl_->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }
    vao_->release();
    program_->release();
}

}  // namespace repscope::views
