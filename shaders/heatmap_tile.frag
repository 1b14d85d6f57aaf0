#version 330 core
// Drawing pass: a plain nearest-neighbour texture lookup, which is all a frame costs per pixel
// (cheap even under a software rasteriser).
in vec2 vTex;
out vec4 fragColor;

uniform sampler2D uColours;    // RGBA8, one texel per cell, nearest; alpha 0: undefined
uniform float uFramebufferHeight;  // device pixels: rows counted from the top, as in exports

// Undefined cells are hatched as colormap.h's hatchedPixel: where (x - y) mod 7 < 2, with y
// counted down from the top, the colour is 0.72 times darker (the same pixels as the CPU path).
void main() {
    vec4 t = texture(uColours, vTex);
    if (t.a < 0.5) {
        float x = floor(gl_FragCoord.x);
        float y = uFramebufferHeight - 1.0 - floor(gl_FragCoord.y);
        if (mod(x - y, 7.0) < 2.0) t.rgb *= 0.72;
    }
    fragColor = vec4(t.rgb, 1.0);
}
