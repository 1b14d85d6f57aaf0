#pragma once
// Internal: many small scatter points drawn on the CPU as squares into an image. Under a
// software OpenGL (Mesa llvmpipe, as on machines without a GPU) every primitive costs
// microseconds of setup, so 100k points take a third of a second per frame as triangles; the
// same frame written pixel by pixel takes a few milliseconds. Same colours, dimming and rim as
// shaders/scatter.* in their square mode.
#include <QImage>
#include <cstdint>
#include <vector>

#include "repscope/views/scatter_geometry.h"

namespace repscope::views::detail {

struct SplatInput {
    const ScatterPoints* from = nullptr;  // the layout the animation starts from
    const ScatterPoints* to = nullptr;    // same rows
    float mix = 1.0F;                     // 0 = from, 1 = to
    ScatterViewport viewport;
    const std::vector<std::uint32_t>* colours = nullptr;  // RGBA bytes per point (R lowest)
    const std::vector<std::uint8_t>* selected = nullptr;  // 1 per selected point
    bool hasSelection = false;
    int size = 3;      // square side in pixels; selected points get size + 2 with a dark rim
    float dim = 0.7F;  // how far unselected points fade to a light grey (0.8 × 255)
};

// Draws the points into `image` (the plot area, ARGB32 premultiplied), over what is there:
// unselected points first, selected ones on top.
void splatPoints(QImage& image, const SplatInput& in);

}  // namespace repscope::views::detail
