#pragma once
// Internal: the OpenGL side of HeatmapView — shader program, quad, colormap and selection mask
// textures, and one R32F texture per tile (LRU, bounded count). Every method needs the
// widget's context current; release() must run before the context goes away.
#include <QOpenGLBuffer>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLVertexArrayObject>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <unordered_map>

#include "heatmap_overlay.h"
#include "repscope/tiles/tile.h"
#include "repscope/views/colormap.h"
#include "repscope/views/heatmap_geometry.h"

namespace repscope::views {

class HeatmapRenderer {
public:
    HeatmapRenderer() = default;
    ~HeatmapRenderer() = default;
    HeatmapRenderer(const HeatmapRenderer&) = delete;
    HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

    // Compiles the shaders from the Qt resources; throws repscope::Error with the GL log.
    void initialize();
    void release();
    [[nodiscard]] bool initialized() const { return program_ != nullptr; }

    void forgetTiles();  // the source changed
    void setSelectionMask(const detail::SelectionMask& mask);
    // Draws tiles (coarse ones first) into the current viewport, which covers the matrix area.
    void draw(const std::vector<tiles::TilePtr>& tiles, const HeatmapViewport& vp, QSizeF area,
              std::int64_t rows, std::int64_t cols, const ColorScale& scale);

private:
    struct TileTexture {
        GLuint id = 0;
        std::list<tiles::TileKey>::iterator lru;
    };
    GLuint textureFor(const tiles::Tile& tile);
    void uploadColormap(Colormap map);
    void uploadMask(GLuint& tex, const std::vector<std::uint8_t>& mask);

    QOpenGLExtraFunctions* gl_ = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> program_;
    std::unique_ptr<QOpenGLVertexArrayObject> vao_;
    std::unique_ptr<QOpenGLBuffer> vbo_;
    GLuint colormapTex_ = 0;
    std::optional<Colormap> colormapUploaded_;
    GLuint maskRows_ = 0;
    GLuint maskCols_ = 0;
    int maskWidth_ = 1;
    int maskLevel_ = 0;
    bool hasSelection_ = false;
    std::unordered_map<tiles::TileKey, TileTexture, tiles::TileKeyHash> textures_;
    std::list<tiles::TileKey> lru_;
    static constexpr std::size_t kMaxTextures = 768;  // 768 × 256 KiB = 192 MiB
};

}  // namespace repscope::views
