#version 330 core
// Colouring pass: turns a tile's cell values (R32F) into colours (RGBA8), once per tile and
// colour scale rather than once per screen pixel and frame. The value is mapped through the
// colour scale onto the 256-entry colormap, sampled with linear filtering at texel centres —
// the same linear interpolation between entries as ColorScale::colour in
// views/src/colormap.cpp — and cells whose row and column are both outside the selection are
// dimmed. Fragment (x, y) is the tile's cell (column x, row y). Undefined (NaN) cells get alpha 0.
out vec4 fragColor;

uniform sampler2D uTile;        // cells of the tile, R32F
uniform sampler2D uColormap;    // 256 x 1 RGBA8, linear
uniform usampler2D uSelRows;    // R8UI, one texel per row cell of the selection level, wrapped
uniform usampler2D uSelCols;    // the same for columns
uniform int uLevel;             // level of this tile's cells
uniform ivec2 uFirst;           // first stimulus of the tile (column, row)
uniform vec2 uLinear;           // sequential maps: position = clamp(v * x + y, 0, 1)
uniform float uCentre;
uniform float uHalfRange;       // diverging maps: position = 0.5 + 0.5 * clamp((v - centre) / halfRange)
uniform float uGamma;
uniform bool uHasGamma;         // gamma != 1
uniform bool uDiverging;
uniform vec3 uNanColour;        // 0..1
uniform bool uHasSelection;
uniform int uSelectionLevel;
uniform int uSelectionWidth;
uniform float uDim;             // how far unselected cells fade to uDimColour
uniform vec3 uDimColour;        // 0..1

float colourPosition(float v) {
    if (uDiverging) {
        float s = clamp((v - uCentre) / uHalfRange, -1.0, 1.0);
        if (uHasGamma) s = sign(s) * pow(abs(s), uGamma);
        return 0.5 + 0.5 * s;
    }
    float t = clamp(v * uLinear.x + uLinear.y, 0.0, 1.0);
    return uHasGamma ? pow(t, uGamma) : t;
}

bool selected(usampler2D mask, int stimulus) {
    int cell = stimulus >> uSelectionLevel;
    return texelFetch(mask, ivec2(cell % uSelectionWidth, cell / uSelectionWidth), 0).r != 0u;
}

void main() {
    ivec2 cell = ivec2(gl_FragCoord.xy);
    float v = texelFetch(uTile, cell, 0).r;
    vec3 c = isnan(v) ? uNanColour
                      : texture(uColormap, vec2(colourPosition(v) * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
    if (uHasSelection) {
        // A coarser stand-in tile is dimmed by the first stimulus of each of its cells.
        ivec2 stim = uFirst + (cell << uLevel);
        if (!selected(uSelCols, stim.x) && !selected(uSelRows, stim.y)) c = mix(c, uDimColour, uDim);
    }
    // Alpha 0 marks an undefined cell: the drawing pass hatches it in screen pixels.
    fragColor = vec4(c, isnan(v) ? 0.0 : 1.0);
}
