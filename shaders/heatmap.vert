#version 330 core
// One heatmap tile: a quad placed in pixels of the matrix area (computed on the CPU in double
// precision), carrying tile-local stimulus coordinates to the fragment shader.
layout(location = 0) in vec2 aCorner;  // (0,0) (1,0) (0,1) (1,1)

uniform vec4 uRectPx;      // x, y, width, height of the tile in pixels (y down)
uniform vec2 uAreaPx;      // matrix area size in pixels
uniform vec2 uExtent;      // tile extent in stimuli (columns, rows)

out vec2 vLocal;           // stimulus offset inside the tile (x = column, y = row)

void main() {
    vec2 px = uRectPx.xy + aCorner * uRectPx.zw;
    vLocal = aCorner * uExtent;
    gl_Position = vec4(px.x / uAreaPx.x * 2.0 - 1.0, 1.0 - px.y / uAreaPx.y * 2.0, 0.0, 1.0);
}
