#version 330 core
// Drawing pass: one tile's colour texture as a quad placed in pixels of the matrix area
// (computed on the CPU in double precision).
layout(location = 0) in vec2 aCorner;  // (0,0) (1,0) (0,1) (1,1)

uniform vec4 uRectPx;      // x, y, width, height of the tile in pixels (y down)
uniform vec2 uAreaPx;      // matrix area size in pixels
uniform vec2 uTexSpan;     // the tile's cells in texture coordinates (a partial tile uses a corner)

out vec2 vTex;

void main() {
    vec2 px = uRectPx.xy + aCorner * uRectPx.zw;
    vTex = aCorner * uTexSpan;
    gl_Position = vec4(px.x / uAreaPx.x * 2.0 - 1.0, 1.0 - px.y / uAreaPx.y * 2.0, 0.0, 1.0);
}
