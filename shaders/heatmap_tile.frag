#version 330 core
// Drawing pass: a plain nearest-neighbour texture lookup, which is all a frame costs per pixel
// (cheap even under a software rasteriser).
in vec2 vTex;
out vec4 fragColor;

uniform sampler2D uColours;  // RGBA8, one texel per cell, nearest

void main() { fragColor = texture(uColours, vTex); }
