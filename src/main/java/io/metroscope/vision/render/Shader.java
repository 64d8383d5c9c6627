package io.metroscope.vision.render;

import java.util.List;

/** Evaluates a {@link Lighting} at a point, with the lights unpacked into arrays so no sample allocates. */
final class Shader {
    private final Camera camera;
    private final float ambR;
    private final float ambG;
    private final float ambB;
    private final float specR;
    private final float specG;
    private final float specB;
    private final float shininess;
    private final boolean specular;
    private final int count;
    private final boolean[] isPoint;
    private final float[] vec;
    private final float[] col;
    private final float[] eye = new float[3];

    Shader(Lighting lighting, Camera camera) {
        this.camera = camera;
        ambR = lighting.ambient().r();
        ambG = lighting.ambient().g();
        ambB = lighting.ambient().b();
        specR = lighting.specular().r();
        specG = lighting.specular().g();
        specB = lighting.specular().b();
        shininess = lighting.shininess();
        specular = !lighting.specular().isBlack();
        List<Light> lights = lighting.lights();
        count = lights.size();
        isPoint = new boolean[count];
        vec = new float[3 * count];
        col = new float[3 * count];
        for (int i = 0; i < count; i++) {
            Light light = lights.get(i);
            // Java 17 has no pattern switch; the interface is sealed to these two.
            Vec3 v = light instanceof Light.Point p ? p.position() : ((Light.Directional) light).towardLight();
            isPoint[i] = light instanceof Light.Point;
            vec[3 * i] = v.x();
            vec[3 * i + 1] = v.y();
            vec[3 * i + 2] = v.z();
            col[3 * i] = light.color().r();
            col[3 * i + 1] = light.color().g();
            col[3 * i + 2] = light.color().b();
        }
    }

    /**
     * Writes the lit colour of a point with unit normal n and albedo a to {@code out[at..at+2]}, unclamped.
     * Not thread-safe: it reuses a scratch vector.
     */
    void shade(float px, float py, float pz, float nx, float ny, float nz, float ar, float ag, float ab,
               float[] out, int at) {
        float r = ambR * ar;
        float g = ambG * ag;
        float b = ambB * ab;
        if (specular) {
            camera.towardEye(px, py, pz, eye);
        }
        for (int i = 0; i < count; i++) {
            float lx = vec[3 * i];
            float ly = vec[3 * i + 1];
            float lz = vec[3 * i + 2];
            if (isPoint[i]) {
                lx -= px;
                ly -= py;
                lz -= pz;
                float len = (float) Math.sqrt(lx * lx + ly * ly + lz * lz);
                if (len == 0) {
                    continue;
                }
                float inv = 1f / len;
                lx *= inv;
                ly *= inv;
                lz *= inv;
            }
            float ndl = nx * lx + ny * ly + nz * lz;
            if (ndl <= 0) {
                continue;
            }
            float cr = col[3 * i];
            float cg = col[3 * i + 1];
            float cb = col[3 * i + 2];
            r += cr * ar * ndl;
            g += cg * ag * ndl;
            b += cb * ab * ndl;
            if (specular) {
                float hx = lx + eye[0];
                float hy = ly + eye[1];
                float hz = lz + eye[2];
                float hl = (float) Math.sqrt(hx * hx + hy * hy + hz * hz);
                float ndh = hl == 0 ? 0 : (nx * hx + ny * hy + nz * hz) / hl;
                if (ndh > 0) {
                    float s = (float) Math.pow(ndh, shininess);
                    r += specR * cr * s;
                    g += specG * cg * s;
                    b += specB * cb * s;
                }
            }
        }
        out[at] = r;
        out[at + 1] = g;
        out[at + 2] = b;
    }
}
