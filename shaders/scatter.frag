#version 330 core
// A round point with a soft edge; selected points get a dark rim.
in vec4 vColour;
flat in int vSelected;
out vec4 fragColor;

void main() {
    float r = length(gl_PointCoord - vec2(0.5)) * 2.0;  // 0 at the centre, 1 at the edge
    if (r > 1.0) discard;
    float alpha = 1.0 - smoothstep(0.8, 1.0, r);
    vec3 c = vColour.rgb;
    if (vSelected == 1 && r > 0.6) c = vec3(0.1);
    fragColor = vec4(c, alpha);
}
