#include "heatmap_renderer.h"

#include <QOpenGLContext>
#include <QVector2D>
#include <QVector4D>
#include <algorithm>
#include <cmath>

#include "heatmap_cell_colours.h"
#include "repscope/error.h"

// The shaders live in shaders/shaders.qrc, compiled into this static library: its resources
// must be registered by name from outside any namespace.
static void initShaderResources() { Q_INIT_RESOURCE(shaders); }

namespace repscope::views {

namespace {

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
    tileProgram_ = linkProgram(QStringLiteral("heatmap_tile"));
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
    mask_ = {};
    ++selectionGeneration_;
}

void HeatmapRenderer::release() {
    if (!tileProgram_) return;
    forgetTiles();
    vbo_->destroy();
    vao_->destroy();
    vbo_.reset();
    vao_.reset();
    tileProgram_.reset();
}

void HeatmapRenderer::forgetTiles() {
    for (const auto& [key, t] : textures_) gl_->glDeleteTextures(1, &t.colours);
    for (const TileTexture& t : spare_) gl_->glDeleteTextures(1, &t.colours);
    textures_.clear();
    lru_.clear();
    spare_.clear();
}

HeatmapRenderer::TileTexture& HeatmapRenderer::textureFor(const tiles::Tile& tile) {
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
    TileTexture t;
    if (!spare_.empty()) {
        t = spare_.back();
        spare_.pop_back();
    } else {
        // Every texture is kTileSize² (a partial tile fills a corner), so the textures of
        // evicted tiles are reused as they are: no allocation, no fresh memory to fault in.
        gl_->glGenTextures(1, &t.colours);
        gl_->glBindTexture(GL_TEXTURE_2D, t.colours);
        gl_->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kSide, kSide, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        setNearest(gl_);
    }
    t.colouredFor.reset();
    lru_.push_front(tile.key);
    t.lru = lru_.begin();
    return textures_[tile.key] = t;
}

void HeatmapRenderer::setSelectionMask(const detail::SelectionMask& mask) {
    // Without a selection before or after (e.g. the zoom level changed) no colour changes.
    if (mask_.empty() && mask.empty()) return;
    mask_ = mask;
    ++selectionGeneration_;
}

void HeatmapRenderer::colour(const tiles::Tile& tile, const ColorScale& scale, TileTexture& t) {
    detail::colourCells(tile, scale, mask_, rgba_);
    gl_->glBindTexture(GL_TEXTURE_2D, t.colours);
    gl_->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl_->glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, tile.cols, tile.rows, GL_RGBA, GL_UNSIGNED_BYTE,
                         rgba_.data());
}

void HeatmapRenderer::prepare(const std::vector<tiles::TilePtr>& tiles, const ColorScale& scale) {
    const ColourKey key{scale.colormap, scale.low, scale.high, scale.centre, scale.gamma,
                        scale.nanColour, selectionGeneration_};
    gl_->glActiveTexture(GL_TEXTURE0);
    for (const tiles::TilePtr& tile : tiles) {
        TileTexture& t = textureFor(*tile);
        if (t.colouredFor == key) continue;
        colour(*tile, scale, t);
        t.colouredFor = key;
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
