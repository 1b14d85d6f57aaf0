#version 330 core
// A round point with a soft edge, or for many small points a plain square (no blending);
// selected points get a dark rim. The triangle drawn is larger than either: the rest is
// discarded.
in vec4 vColour;
in vec2 vCorner;
flat in int vSelected;
out vec4 fragColor;

uniform bool uRound;

void main() {
    if (!uRound) {
        float edge = max(abs(vCorner.x), abs(vCorner.y));
        if (edge > 1.0) discard;
        fragColor = vec4(vSelected == 1 && edge > 0.6 ? vec3(0.1) : vColour.rgb, 1.0);
        return;
    }
    float r = length(vCorner);  // 0 at the centre, 1 at the edge
    if (r > 1.1) discard;
    float alpha = 1.0 - smoothstep(0.85, 1.1, r);
    vec3 c = vColour.rgb;
    if (vSelected == 1 && r > 0.6) c = vec3(0.1);
    fragColor = vec4(c, alpha);
}
