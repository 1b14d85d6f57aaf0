#pragma once
// Internal: the OpenGL side of HeatmapView. Each tile's cells are coloured once on the CPU
// (heatmap_cell_colours.h: the numbers of the CPU path and exports) for the current colour scale
// and selection and uploaded as an RGBA8 texture; every frame only draws those textures, one
// texture lookup per pixel, which a software rasteriser (Mesa llvmpipe) affords at 1920×1080.
// Tiles are recoloured only when the scale or the selection change. Textures live in an LRU of
// bounded count and are recycled rather than reallocated.
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
    [[nodiscard]] bool initialized() const { return tileProgram_ != nullptr; }

    void forgetTiles();  // the source changed
    // Whether the tile already has textures (drawing it costs no upload).
    [[nodiscard]] bool resident(const tiles::TileKey& key) const { return textures_.contains(key); }
    void setSelectionMask(const detail::SelectionMask& mask);
    // Colours and uploads what `tiles` need for `scale` (only tiles whose colours are missing
    // or were made for another scale or selection).
    void prepare(const std::vector<tiles::TilePtr>& tiles, const ColorScale& scale);
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
    struct TileTexture {
        GLuint colours = 0;  // RGBA8
        std::optional<ColourKey> colouredFor;
        std::list<tiles::TileKey>::iterator lru;
    };
    TileTexture& textureFor(const tiles::Tile& tile);
    void colour(const tiles::Tile& tile, const ColorScale& scale, TileTexture& t);

    QOpenGLExtraFunctions* gl_ = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> tileProgram_;
    std::unique_ptr<QOpenGLVertexArrayObject> vao_;
    std::unique_ptr<QOpenGLBuffer> vbo_;
    detail::SelectionMask mask_;
    std::uint64_t selectionGeneration_ = 0;
    std::vector<std::uint8_t> rgba_;  // colours of the tile being uploaded
    std::unordered_map<tiles::TileKey, TileTexture, tiles::TileKeyHash> textures_;
    std::list<tiles::TileKey> lru_;
    std::vector<TileTexture> spare_;  // textures of evicted tiles, reused by the next uploads
    static constexpr std::size_t kMaxTextures = 512;  // 512 × 256 KiB = 128 MiB
};

}  // namespace repscope::views
