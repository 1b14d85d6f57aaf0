#version 330 core
// Colouring pass: one quad over the whole colour texture of a tile, one fragment per cell.
layout(location = 0) in vec2 aCorner;  // (0,0) (1,0) (0,1) (1,1)

void main() { gl_Position = vec4(aCorner * 2.0 - 1.0, 0.0, 1.0); }
