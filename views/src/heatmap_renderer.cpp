#include "heatmap_renderer.h"

#include <QOpenGLContext>
#include <QVector2D>
#include <QVector3D>
#include <QVector4D>
#include <algorithm>
#include <cmath>

#include "repscope/error.h"

// The shaders live in shaders/shaders.qrc, compiled into this static library: its resources
// must be registered by name from outside any namespace.
static void initShaderResources() { Q_INIT_RESOURCE(shaders); }

namespace repscope::views {

namespace {

constexpr int kMaskWidth = 4096;
constexpr auto kSide = static_cast<GLsizei>(tiles::kTileSize);

std::unique_ptr<QOpenGLShaderProgram> linkProgram(const QString& name) {
    auto program = std::make_unique<QOpenGLShaderProgram>();
    if (!program->addShaderFromSourceFile(QOpenGLShader::Vertex, ":/shaders/" + name + ".vert") ||
        !program->addShaderFromSourceFile(QOpenGLShader::Fragment, ":/shaders/" + name + ".frag") ||
        !program->link()) {
        throw Error("the heatmap shader " + name.toStdString() + " does not compile: " +
                    program->log().toStdString());
    }
    return program;
}

void setNearest(QOpenGLExtraFunctions* gl) {
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
}

}  // namespace

void HeatmapRenderer::initialize() {
    initShaderResources();
    gl_ = QOpenGLContext::currentContext()->extraFunctions();
    colourProgram_ = linkProgram(QStringLiteral("heatmap_colour"));
    try {
        tileProgram_ = linkProgram(QStringLiteral("heatmap_tile"));
    } catch (...) {
        colourProgram_.reset();
        throw;
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
    gl_->glGenFramebuffers(1, &framebuffer_);
    gl_->glGenTextures(1, &colormapTex_);
    gl_->glGenTextures(1, &maskRows_);
    gl_->glGenTextures(1, &maskCols_);
    colormapUploaded_.reset();
    hasSelection_ = false;
    ++selectionGeneration_;
}

void HeatmapRenderer::release() {
    if (!colourProgram_) return;
    forgetTiles();
    gl_->glDeleteFramebuffers(1, &framebuffer_);
    gl_->glDeleteTextures(1, &colormapTex_);
    gl_->glDeleteTextures(1, &maskRows_);
    gl_->glDeleteTextures(1, &maskCols_);
    framebuffer_ = colormapTex_ = maskRows_ = maskCols_ = 0;
    vbo_->destroy();
    vao_->destroy();
    vbo_.reset();
    vao_.reset();
    colourProgram_.reset();
    tileProgram_.reset();
}

void HeatmapRenderer::forgetTiles() {
    auto drop = [this](const TileTextures& t) {
        const GLuint ids[] = {t.values, t.colours};
        gl_->glDeleteTextures(2, ids);
    };
    for (const auto& [key, t] : textures_) drop(t);
    for (const TileTextures& t : spare_) drop(t);
    textures_.clear();
    lru_.clear();
    spare_.clear();
}

HeatmapRenderer::TileTextures& HeatmapRenderer::texturesFor(const tiles::Tile& tile) {
    if (auto it = textures_.find(tile.key); it != textures_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second;
    }
    while (textures_.size() >= kMaxTextures) {
        auto victim = textures_.find(lru_.back());
        spare_.push_back(victim->second);
        textures_.erase(victim);
        lru_.pop_back();
    }
    TileTextures t;
    if (!spare_.empty()) {
        t = spare_.back();
        spare_.pop_back();
    } else {
        // Every texture is kTileSize² (a partial tile fills a corner), so the textures of
        // evicted tiles are reused as they are: no allocation, no fresh memory to fault in.
        GLuint ids[2] = {0, 0};
        gl_->glGenTextures(2, ids);
        t.values = ids[0];
        t.colours = ids[1];
        gl_->glBindTexture(GL_TEXTURE_2D, t.values);
        gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, kSide, kSide, 0, GL_RED, GL_FLOAT, nullptr);
        setNearest(gl_);
        gl_->glBindTexture(GL_TEXTURE_2D, t.colours);
        gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kSide, kSide, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        setNearest(gl_);
    }
    t.colouredFor.reset();
    gl_->glBindTexture(GL_TEXTURE_2D, t.values);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl_->glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, tile.cols, tile.rows, GL_RED, GL_FLOAT,
                         tile.values.data());
    lru_.push_front(tile.key);
    t.lru = lru_.begin();
    return textures_[tile.key] = t;
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
    setNearest(gl_);
    // Linear filtering between entries, sampled at texel centres: the CPU path's interpolation.
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    gl_->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
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
    setNearest(gl_);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

void HeatmapRenderer::setSelectionMask(const detail::SelectionMask& mask) {
    // Without a selection before or after (e.g. the zoom level changed) no colour changes.
    if (!hasSelection_ && mask.empty()) return;
    hasSelection_ = !mask.empty();
    maskLevel_ = mask.level;
    maskWidth_ = kMaskWidth;
    uploadMask(maskRows_, hasSelection_ ? mask.rows : std::vector<std::uint8_t>{});
    uploadMask(maskCols_, hasSelection_ ? mask.cols : std::vector<std::uint8_t>{});
    ++selectionGeneration_;
}

void HeatmapRenderer::setColourUniforms(const ColorScale& scale) {
    QOpenGLShaderProgram& p = *colourProgram_;
    p.setUniformValue("uTile", 0);
    p.setUniformValue("uColormap", 1);
    p.setUniformValue("uSelRows", 2);
    p.setUniformValue("uSelCols", 3);
    const float span = scale.high - scale.low;
    p.setUniformValue("uLinear", span > 0.0F ? QVector2D(1.0F / span, -scale.low / span)
                                             : QVector2D(0.0F, 0.5F));
    p.setUniformValue("uCentre", scale.centre);
    p.setUniformValue("uHalfRange", std::max({std::abs(scale.high - scale.centre),
                                              std::abs(scale.low - scale.centre), 1e-30F}));
    p.setUniformValue("uGamma", scale.gamma);
    p.setUniformValue("uHasGamma", scale.gamma != 1.0F);
    p.setUniformValue("uDiverging", isDiverging(scale.colormap));
    p.setUniformValue("uNanColour", QVector3D(float(scale.nanColour[0]) / 255.0F,
                                              float(scale.nanColour[1]) / 255.0F,
                                              float(scale.nanColour[2]) / 255.0F));
    p.setUniformValue("uHasSelection", hasSelection_);
    p.setUniformValue("uSelectionLevel", maskLevel_);
    p.setUniformValue("uSelectionWidth", maskWidth_);
    p.setUniformValue("uDim", detail::kDim);
    p.setUniformValue("uDimColour", QVector3D(detail::kDimColour[0] / 255.0F,
                                              detail::kDimColour[1] / 255.0F,
                                              detail::kDimColour[2] / 255.0F));
}

void HeatmapRenderer::colour(const tiles::Tile& tile, TileTextures& t) {
    gl_->glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t.colours, 0);
    gl_->glActiveTexture(GL_TEXTURE0);
    gl_->glBindTexture(GL_TEXTURE_2D, t.values);
    const int level = tile.key.level;
    colourProgram_->setUniformValue("uLevel", level);
    gl_->glUniform2i(colourProgram_->uniformLocation("uFirst"),
                     static_cast<GLint>((tile.key.col * tiles::kTileSize) << level),
                     static_cast<GLint>((tile.key.row * tiles::kTileSize) << level));
    gl_->glViewport(0, 0, tile.cols, tile.rows);
    gl_->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void HeatmapRenderer::prepare(const std::vector<tiles::TilePtr>& tiles, const ColorScale& scale,
                              GLuint screenFramebuffer) {
    uploadColormap(scale.colormap);
    const ColourKey key{scale.colormap, scale.low, scale.high, scale.centre, scale.gamma,
                        scale.nanColour, selectionGeneration_};
    bool bound = false;
    for (const tiles::TilePtr& tile : tiles) {
        TileTextures& t = texturesFor(*tile);
        if (t.colouredFor == key) continue;
        if (!bound) {
            gl_->glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
            gl_->glDisable(GL_SCISSOR_TEST);
            colourProgram_->bind();
            setColourUniforms(scale);
            gl_->glActiveTexture(GL_TEXTURE1);
            gl_->glBindTexture(GL_TEXTURE_2D, colormapTex_);
            gl_->glActiveTexture(GL_TEXTURE2);
            gl_->glBindTexture(GL_TEXTURE_2D, maskRows_);
            gl_->glActiveTexture(GL_TEXTURE3);
            gl_->glBindTexture(GL_TEXTURE_2D, maskCols_);
            vao_->bind();
            bound = true;
        }
        colour(*tile, t);
        t.colouredFor = key;
    }
    if (bound) {
        vao_->release();
        colourProgram_->release();
        gl_->glActiveTexture(GL_TEXTURE0);
        gl_->glBindFramebuffer(GL_FRAMEBUFFER, screenFramebuffer);
    }
}

void HeatmapRenderer::draw(const std::vector<tiles::TilePtr>& tiles, const HeatmapViewport& vp,
                           QSizeF area, std::int64_t rows, std::int64_t cols, int framebufferHeight) {
    tileProgram_->bind();
    tileProgram_->setUniformValue("uFramebufferHeight", static_cast<GLfloat>(framebufferHeight));
    vao_->bind();
    tileProgram_->setUniformValue("uColours", 0);
    tileProgram_->setUniformValue("uAreaPx", QVector2D(float(area.width()), float(area.height())));
    gl_->glActiveTexture(GL_TEXTURE0);

    std::vector<tiles::TilePtr> ordered(tiles);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a->key.level > b->key.level; });
    for (const tiles::TilePtr& t : ordered) {
        const auto found = textures_.find(t->key);
        if (found == textures_.end()) continue;  // not prepared
        const int level = t->key.level;
        const std::int64_t firstX = (t->key.col * tiles::kTileSize) << level;
        const std::int64_t firstY = (t->key.row * tiles::kTileSize) << level;
        const std::int64_t endX = std::min(cols, (t->key.col * tiles::kTileSize + t->cols) << level);
        const std::int64_t endY = std::min(rows, (t->key.row * tiles::kTileSize + t->rows) << level);
        const double x0 = vp.toPixelX(static_cast<double>(firstX));
        const double y0 = vp.toPixelY(static_cast<double>(firstY));
        const double x1 = vp.toPixelX(static_cast<double>(endX));
        const double y1 = vp.toPixelY(static_cast<double>(endY));
        gl_->glBindTexture(GL_TEXTURE_2D, found->second.colours);
        tileProgram_->setUniformValue("uRectPx", QVector4D(float(x0), float(y0), float(x1 - x0), float(y1 - y0)));
        // Nearest sampling picks cell floor(stimulus / 2^level); the last cell of the matrix may
        // hold fewer than 2^level stimuli, so the quad ends inside it.
        const double cell = std::ldexp(1.0, level);
        tileProgram_->setUniformValue(
            "uTexSpan", QVector2D(float(double(endX - firstX) / cell / kSide),
                                  float(double(endY - firstY) / cell / kSide)));
        gl_->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }
    vao_->release();
    tileProgram_->release();
}

}  // namespace repscope::views
