#version 330 core
// One scatter point, drawn as an instanced triangle that covers the point's square (llvmpipe's
// per-primitive setup dominates with many points, so one triangle rather than wide GL_POINTS
// or a quad): its position interpolated between two layouts (uMix: 0 = aFrom, 1 = aTo; the
// layer animation), mapped from data coordinates to clip space, and the triangle's corner pushed
// out by the point's radius in pixels. Points of the other pass (selected vs. not) are moved
// outside the clip volume.
layout(location = 0) in vec2 aFrom;      // per point
layout(location = 1) in vec2 aTo;        // per point
layout(location = 2) in vec4 aColour;    // per point: category colour, normalised bytes
layout(location = 3) in float aSelected; // per point: 1 selected, 0 not
layout(location = 4) in vec2 aCorner;    // per triangle vertex: (-1, -1), (3, -1), (-1, 3)

uniform float uMix;
uniform vec2 uCentre;       // data point at the centre of the plot area
uniform float uScale;       // pixels per data unit
uniform vec2 uAreaPx;       // plot area size in pixels
uniform float uPointSize;   // diameter in pixels
uniform int uPass;          // 0: unselected points, 1: selected points
uniform bool uHasSelection;
uniform float uDim;         // how far unselected points fade to a light grey
uniform bool uRound;        // round points with a soft edge; else plain squares (many points)

out vec4 vColour;
out vec2 vCorner;           // position in the triangle, in units of the point's radius
flat out int vSelected;

void main() {
    bool selected = aSelected > 0.5;
    bool drawn = uPass == 0 ? !(uHasSelection && selected) : selected;
    float radius = 0.5 * (selected && uHasSelection ? uPointSize + 2.0 : uPointSize);
    float reach = uRound ? radius + 1.0 : radius;  // one pixel more for the soft edge
    vec2 p = mix(aFrom, aTo, uMix);
    vec2 px = (p - uCentre) * uScale + aCorner * reach;  // pixels from the centre, y up
    vec2 ndc = px / (uAreaPx * 0.5);
    gl_Position = drawn ? vec4(ndc, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
    vCorner = aCorner * reach / radius;
    vec3 c = aColour.rgb;
    // Light grey rather than white, so that faded points of light categories stay visible.
    if (uHasSelection && !selected) c = mix(c, vec3(0.8), uDim);
    vColour = vec4(c, 1.0);
    vSelected = (uHasSelection && selected) ? 1 : 0;
}
