#pragma once
// Internal: the OpenGL side of HeatmapView. Two passes: each tile's values (an R32F texture) are
// coloured once into an RGBA8 texture for the current colour scale and selection (colouring
// pass, into a framebuffer object); every frame then only draws those colour textures (drawing
// pass). A frame thereby costs one texture lookup per pixel, which a software rasteriser (Mesa
// llvmpipe) affords at 1920×1080; tiles are recoloured only when the scale or the selection
// change. Textures live in an LRU of bounded count and are recycled rather than reallocated.
// Every method needs the widget's context current; release() must run before it goes away.
#include <QOpenGLBuffer>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLVertexArrayObject>
#include <array>
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
    [[nodiscard]] bool initialized() const { return colourProgram_ != nullptr; }

    void forgetTiles();  // the source changed
    // Whether the tile already has textures (drawing it costs no upload).
    [[nodiscard]] bool resident(const tiles::TileKey& key) const { return textures_.contains(key); }
    void setSelectionMask(const detail::SelectionMask& mask);
    // Uploads and (re)colours what `tiles` need for `scale`, then binds `screenFramebuffer`
    // again. Call before setting the viewport of the drawing pass.
    void prepare(const std::vector<tiles::TilePtr>& tiles, const ColorScale& scale,
                 GLuint screenFramebuffer);
    // Draws prepared tiles (coarse ones first) into the current viewport, which covers the
    // matrix area. framebufferHeight (device pixels) places the hatching of undefined cells on
    // the same pixels as exports.
    void draw(const std::vector<tiles::TilePtr>& tiles, const HeatmapViewport& vp, QSizeF area,
              std::int64_t rows, std::int64_t cols, int framebufferHeight);

private:
    // Everything a tile's colours depend on besides its values.
    struct ColourKey {
        Colormap colormap = Colormap::Viridis;
        float low = 0.0F, high = 0.0F, centre = 0.0F, gamma = 0.0F;
        std::array<std::uint8_t, 3> nanColour{};
        std::uint64_t selection = 0;  // generation of the selection mask
        bool operator==(const ColourKey&) const = default;
    };
    struct TileTextures {
        GLuint values = 0;   // R32F
        GLuint colours = 0;  // RGBA8
        std::optional<ColourKey> colouredFor;
        std::list<tiles::TileKey>::iterator lru;
    };
    TileTextures& texturesFor(const tiles::Tile& tile);
    void colour(const tiles::Tile& tile, TileTextures& t);
    void setColourUniforms(const ColorScale& scale);
    void uploadColormap(Colormap map);
    void uploadMask(GLuint& tex, const std::vector<std::uint8_t>& mask);

    QOpenGLExtraFunctions* gl_ = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> colourProgram_;
    std::unique_ptr<QOpenGLShaderProgram> tileProgram_;
    std::unique_ptr<QOpenGLVertexArrayObject> vao_;
    std::unique_ptr<QOpenGLBuffer> vbo_;
    GLuint framebuffer_ = 0;  // target of the colouring pass
    GLuint colormapTex_ = 0;
    std::optional<Colormap> colormapUploaded_;
    GLuint maskRows_ = 0;
    GLuint maskCols_ = 0;
    int maskWidth_ = 1;
    int maskLevel_ = 0;
    bool hasSelection_ = false;
    std::uint64_t selectionGeneration_ = 0;
    std::unordered_map<tiles::TileKey, TileTextures, tiles::TileKeyHash> textures_;
    std::list<tiles::TileKey> lru_;
    std::vector<TileTextures> spare_;  // textures of evicted tiles, reused by the next uploads
    static constexpr std::size_t kMaxTextures = 384;  // 384 × (256 + 256) KiB = 192 MiB
};

}  // namespace repscope::views
