#version 330 core
// Colours one tile: looks up the cell value (R32F), maps it through the colour scale onto the
// 256-entry colormap (linear between entries, as ColorScale::colour in views/src/colormap.cpp
// does on the CPU), then dims cells whose row and column are both outside the selection.
in vec2 vLocal;
out vec4 fragColor;

uniform sampler2D uTile;        // cells of the tile, R32F
uniform sampler2D uColormap;    // 256 x 1 RGBA8
uniform usampler2D uSelRows;    // R8UI, one texel per row cell of the selection level, wrapped
uniform usampler2D uSelCols;    // the same for columns
uniform int uLevel;             // level of this tile's cells
uniform ivec2 uCells;           // cells in this tile (columns, rows)
uniform ivec2 uFirst;           // first stimulus of the tile (column, row)
uniform float uLow;
uniform float uHigh;
uniform float uCentre;
uniform float uGamma;
uniform bool uDiverging;
uniform vec3 uNanColour;        // 0..255
uniform bool uHasSelection;
uniform int uSelectionLevel;
uniform int uSelectionWidth;
uniform float uDim;             // how far unselected cells fade to uDimColour
uniform vec3 uDimColour;        // 0..255

float colourPosition(float v) {
    if (uDiverging) {
        float halfRange = max(max(abs(uHigh - uCentre), abs(uLow - uCentre)), 1e-30);
        float s = clamp((v - uCentre) / halfRange, -1.0, 1.0);
        s = sign(s) * pow(abs(s), uGamma);
        return 0.5 + 0.5 * s;
    }
    float span = uHigh - uLow;
    float t = span > 0.0 ? clamp((v - uLow) / span, 0.0, 1.0) : 0.5;
    return pow(t, uGamma);
}

bool selected(usampler2D mask, int stimulus) {
    int cell = stimulus >> uSelectionLevel;
    return texelFetch(mask, ivec2(cell % uSelectionWidth, cell / uSelectionWidth), 0).r != 0u;
}

void main() {
    ivec2 local = ivec2(floor(vLocal));
    ivec2 cell = clamp(local >> uLevel, ivec2(0), uCells - 1);
    float v = texelFetch(uTile, ivec2(cell.x, cell.y), 0).r;
    vec3 c;
    if (isnan(v)) {
        c = uNanColour;
    } else {
        float x = colourPosition(v) * 255.0;
        int i0 = min(int(floor(x)), 254);
        float f = x - float(i0);
        vec3 a = texelFetch(uColormap, ivec2(i0, 0), 0).rgb * 255.0;
        vec3 b = texelFetch(uColormap, ivec2(i0 + 1, 0), 0).rgb * 255.0;
        c = a + f * (b - a);
    }
    if (uHasSelection) {
        ivec2 stim = uFirst + local;
        if (!selected(uSelCols, stim.x) && !selected(uSelRows, stim.y)) c = mix(c, uDimColour, uDim);
    }
    fragColor = vec4(c / 255.0, 1.0);
}
