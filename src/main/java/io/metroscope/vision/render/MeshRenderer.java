package io.metroscope.vision.render;

import io.metroscope.format.MeshData;
import java.util.Arrays;

/**
 * Renders a triangle mesh on the CPU: z-buffered, shaded, optionally supersampled and wireframed, composited over a
 * background.
 *
 * <p>Two passes per frame: visibility first (each sample keeps its nearest triangle and perspective-correct
 * barycentrics), then shading of only the visible samples while box-filtering them down, so hidden surfaces cost no
 * lighting and nothing is allocated per pixel. An instance reuses its buffers between frames and is not thread-safe:
 * use one per thread.
 */
public final class MeshRenderer {

    // Per sample of the supersampled grid.
    private float[] depth = new float[0];
    private int[] triangleAt = new int[0];
    private float[] weight1 = new float[0];
    private float[] weight2 = new float[0];
    // Per vertex: x, y in supersampled pixels, depth, 1/w.
    private float[] screen = new float[0];
    private boolean[] projected = new boolean[0];
    // Per vertex: lit colour seen from the front, then from behind (Gouraud only).
    private float[] litVertices = new float[0];
    // Per face.
    private float[] litFaces = new float[0];
    private boolean[] seenFromBehind = new boolean[0];

    // A triangle clipped by the near plane: up to 4 vertices, screen data and weights of the original corners.
    private final float[] clipScreen = new float[16];
    private final float[] clipBary = new float[12];

    private final float[] color = new float[3];
    private final DepthWriter depthWriter = new DepthWriter();

    /** Renders the mesh as the camera sees it; positions are in the camera's mesh frame. */
    public RenderImage render(MeshData mesh, Camera camera, RenderOptions options) {
        int width = camera.width();
        int height = camera.height();
        int k = options.supersampling();
        if (options.background() instanceof Background.Picture p && (p.width() != width || p.height() != height)) {
            throw new IllegalArgumentException("background is " + p.width() + "×" + p.height()
                    + " but the camera renders " + width + "×" + height);
        }
        long sampleCount = (long) width * k * height * k;
        if (sampleCount > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("image too large: " + width + "×" + height + " at " + k + "×" + k);
        }
        int sw = width * k;
        int sh = height * k;
        prepareSamples((int) sampleCount);
        prepareMesh(mesh.vertexCount(), mesh.faceCount());

        project(mesh, camera, k);
        float[] normals = mesh.normalsOrComputed();
        Shader shader = new Shader(options.lighting(), camera);
        if (options.shading() == Shading.GOURAUD) {
            lightVertices(mesh, normals, options, shader);
        }
        rasterize(mesh, camera, options, shader, sw, sh, k);
        return resolve(mesh, normals, options, shader, width, height, k);
    }

    private void prepareSamples(int n) {
        if (depth.length < n) {
            depth = new float[n];
            triangleAt = new int[n];
            weight1 = new float[n];
            weight2 = new float[n];
        }
        Arrays.fill(depth, 0, n, Float.POSITIVE_INFINITY);
        Arrays.fill(triangleAt, 0, n, -1);
    }

    private void prepareMesh(int vertices, int faces) {
        if (projected.length < vertices) {
            screen = new float[4 * vertices];
            projected = new boolean[vertices];
            litVertices = new float[6 * vertices];
        }
        if (seenFromBehind.length < faces) {
            litFaces = new float[3 * faces];
            seenFromBehind = new boolean[faces];
        }
    }

    private void project(MeshData mesh, Camera camera, int k) {
        float[] pos = mesh.positions();
        for (int v = 0, n = mesh.vertexCount(); v < n; v++) {
            boolean ok = camera.project(pos[3 * v], pos[3 * v + 1], pos[3 * v + 2], screen, 4 * v);
            projected[v] = ok;
            screen[4 * v] *= k;
            screen[4 * v + 1] *= k;
        }
    }

    private void lightVertices(MeshData mesh, float[] normals, RenderOptions options, Shader shader) {
        float[] pos = mesh.positions();
        float[] albedo = mesh.colors();
        Rgb base = options.baseColor();
        boolean twoSided = options.lighting().twoSided();
        for (int v = 0, n = mesh.vertexCount(); v < n; v++) {
            int i = 3 * v;
            float ar = albedo == null ? base.r() : albedo[i];
            float ag = albedo == null ? base.g() : albedo[i + 1];
            float ab = albedo == null ? base.b() : albedo[i + 2];
            shader.shade(pos[i], pos[i + 1], pos[i + 2], normals[i], normals[i + 1], normals[i + 2],
                    ar, ag, ab, litVertices, 6 * v);
            if (twoSided) {
                shader.shade(pos[i], pos[i + 1], pos[i + 2], -normals[i], -normals[i + 1], -normals[i + 2],
                        ar, ag, ab, litVertices, 6 * v + 3);
            } else {
                System.arraycopy(litVertices, 6 * v, litVertices, 6 * v + 3, 3);
            }
        }
    }

    private void rasterize(MeshData mesh, Camera camera, RenderOptions options, Shader shader, int sw, int sh,
                           int k) {
        int[] tris = mesh.triangles();
        DepthWriter writer = depthWriter;
        writer.bind(depth, triangleAt, weight1, weight2, sw);
        for (int t = 0, n = mesh.faceCount(); t < n; t++) {
            int a = tris[3 * t];
            int b = tris[3 * t + 1];
            int c = tris[3 * t + 2];
            boolean pa = projected[a];
            boolean pb = projected[b];
            boolean pc = projected[c];
            if (pa && pb && pc) {
                float ax = screen[4 * a];
                float ay = screen[4 * a + 1];
                float bx = screen[4 * b];
                float by = screen[4 * b + 1];
                float cx = screen[4 * c];
                float cy = screen[4 * c + 1];
                if (!accept(mesh, t, ax, ay, bx, by, cx, cy, options, shader)) {
                    continue;
                }
                writer.start(t, screen, 4 * a, 4 * b, 4 * c);
                Rasterizer.triangle(ax, ay, bx, by, cx, cy, sw, sh, writer);
            } else if (pa || pb || pc) {
                clipAndRasterize(mesh, camera, t, options, shader, sw, sh, k);
            }
        }
    }

    /** Decides facing and culling, and lights the face for flat shading; false when the triangle is culled. */
    private boolean accept(MeshData mesh, int t, float ax, float ay, float bx, float by, float cx, float cy,
                           RenderOptions options, Shader shader) {
        // On a y-down screen a triangle whose normal points at the eye winds with negative signed area.
        float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        boolean behind = area > 0;
        CullMode cull = options.cullMode();
        if ((cull == CullMode.BACK && behind) || (cull == CullMode.FRONT && !behind)) {
            return false;
        }
        seenFromBehind[t] = behind;
        if (options.shading() == Shading.FLAT) {
            lightFace(mesh, t, behind && options.lighting().twoSided(), options.baseColor(), shader);
        }
        return true;
    }

    /**
     * Clips a triangle that crosses the camera's near plane and rasterises the part in front as a fan; the
     * visibility buffer still receives weights of the original triangle, so shading does not know the difference.
     */
    private void clipAndRasterize(MeshData mesh, Camera camera, int t, RenderOptions options, Shader shader,
                                  int sw, int sh, int k) {
        float[] pos = mesh.positions();
        int[] tris = mesh.triangles();
        int n = 0;
        for (int i = 0; i < 3; i++) {
            int cur = tris[3 * t + i];
            int next = tris[3 * t + (i + 1) % 3];
            boolean inCur = projected[cur];
            if (inCur) {
                System.arraycopy(screen, 4 * cur, clipScreen, 4 * n, 4);
                setBary(n, i, 0f);
                n++;
            }
            if (inCur != projected[next]) {
                float dCur = camera.nearDistance(pos[3 * cur], pos[3 * cur + 1], pos[3 * cur + 2]);
                float dNext = camera.nearDistance(pos[3 * next], pos[3 * next + 1], pos[3 * next + 2]);
                if (!Float.isFinite(dCur) || !Float.isFinite(dNext) || dCur == dNext) {
                    return; // a camera that cannot say where its near plane is: drop the triangle
                }
                float u = Math.min(1f, Math.max(0f, dCur / (dCur - dNext)));
                // Nudged toward the visible end so that rounding cannot put the new vertex behind the plane.
                u = inCur ? u * (1 - 1e-5f) : 1 - (1 - u) * (1 - 1e-5f);
                float x = pos[3 * cur] + u * (pos[3 * next] - pos[3 * cur]);
                float y = pos[3 * cur + 1] + u * (pos[3 * next + 1] - pos[3 * cur + 1]);
                float z = pos[3 * cur + 2] + u * (pos[3 * next + 2] - pos[3 * cur + 2]);
                if (!camera.project(x, y, z, clipScreen, 4 * n)) {
                    return;
                }
                clipScreen[4 * n] *= k;
                clipScreen[4 * n + 1] *= k;
                setBary(n, i, u);
                n++;
            }
        }
        float[] cs = clipScreen;
        // Every fan triangle lies in the original plane with the original winding: the first decides facing.
        if (!accept(mesh, t, cs[0], cs[1], cs[4], cs[5], cs[8], cs[9], options, shader)) {
            return;
        }
        DepthWriter writer = depthWriter;
        for (int i = 1; i + 1 < n; i++) {
            writer.start(t, cs, 0, 4 * i, 4 * (i + 1));
            writer.mapTo(clipBary, 0, 3 * i, 3 * (i + 1));
            Rasterizer.triangle(cs[0], cs[1], cs[4 * i], cs[4 * i + 1], cs[4 * (i + 1)], cs[4 * (i + 1) + 1],
                    sw, sh, writer);
        }
        writer.mapped = false;
    }

    /** Clip vertex n lies the fraction u along the edge from corner i to corner i+1 of the original triangle. */
    private void setBary(int n, int i, float u) {
        clipBary[3 * n] = 0;
        clipBary[3 * n + 1] = 0;
        clipBary[3 * n + 2] = 0;
        clipBary[3 * n + i] += 1 - u;
        clipBary[3 * n + (i + 1) % 3] += u;
    }

    private void lightFace(MeshData mesh, int t, boolean flip, Rgb base, Shader shader) {
        float[] pos = mesh.positions();
        float[] albedo = mesh.colors();
        int a = 3 * mesh.triangles()[3 * t];
        int b = 3 * mesh.triangles()[3 * t + 1];
        int c = 3 * mesh.triangles()[3 * t + 2];
        float e1x = pos[b] - pos[a];
        float e1y = pos[b + 1] - pos[a + 1];
        float e1z = pos[b + 2] - pos[a + 2];
        float e2x = pos[c] - pos[a];
        float e2y = pos[c + 1] - pos[a + 1];
        float e2z = pos[c + 2] - pos[a + 2];
        float nx = e1y * e2z - e1z * e2y;
        float ny = e1z * e2x - e1x * e2z;
        float nz = e1x * e2y - e1y * e2x;
        float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        float s = len == 0 ? 0 : (flip ? -1f : 1f) / len;
        float ar = albedo == null ? base.r() : (albedo[a] + albedo[b] + albedo[c]) / 3f;
        float ag = albedo == null ? base.g() : (albedo[a + 1] + albedo[b + 1] + albedo[c + 1]) / 3f;
        float ab = albedo == null ? base.b() : (albedo[a + 2] + albedo[b + 2] + albedo[c + 2]) / 3f;
        shader.shade((pos[a] + pos[b] + pos[c]) / 3f, (pos[a + 1] + pos[b + 1] + pos[c + 1]) / 3f,
                (pos[a + 2] + pos[b + 2] + pos[c + 2]) / 3f, nx * s, ny * s, nz * s, ar, ag, ab, litFaces, 3 * t);
    }

    private RenderImage resolve(MeshData mesh, float[] normals, RenderOptions options, Shader shader,
                                int width, int height, int k) {
        byte[] rgb = new byte[3 * width * height];
        byte[] alpha = new byte[width * height];
        int sw = width * k;
        int perPixel = k * k;
        float invPerPixel = 1f / perPixel;
        Background bg = options.background();
        boolean transparent = bg instanceof Background.Transparent;
        byte[] picture = bg instanceof Background.Picture p ? p.rgb() : null;
        Rgb solid = bg instanceof Background.Solid s ? s.color() : Rgb.BLACK;
        Wireframe wire = options.wireframe();
        float wireHalf = wire == null ? 0 : wire.width() * k / 2f;
        float[] c = color;

        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int covered = 0;
                for (int sy = 0; sy < k; sy++) {
                    int row = (y * k + sy) * sw + x * k;
                    for (int sx = 0; sx < k; sx++) {
                        int i = row + sx;
                        int t = triangleAt[i];
                        if (t < 0) {
                            continue;
                        }
                        if (wire != null && nearEdge(mesh, t, x * k + sx + 0.5f, y * k + sy + 0.5f, wireHalf)) {
                            c[0] = wire.color().r();
                            c[1] = wire.color().g();
                            c[2] = wire.color().b();
                        } else {
                            shadeSample(mesh, normals, options, shader, i, t, c);
                        }
                        r += clamp01(c[0]);
                        g += clamp01(c[1]);
                        b += clamp01(c[2]);
                        covered++;
                    }
                }
                int p = y * width + x;
                alpha[p] = (byte) Math.round(255f * covered * invPerPixel);
                if (transparent) {
                    // Straight (not premultiplied) colour: the mean of the covered samples.
                    float inv = covered == 0 ? 0 : 1f / covered;
                    r *= inv;
                    g *= inv;
                    b *= inv;
                } else {
                    float bgR;
                    float bgG;
                    float bgB;
                    if (picture != null) {
                        bgR = (picture[3 * p] & 0xff) / 255f;
                        bgG = (picture[3 * p + 1] & 0xff) / 255f;
                        bgB = (picture[3 * p + 2] & 0xff) / 255f;
                    } else {
                        bgR = clamp01(solid.r());
                        bgG = clamp01(solid.g());
                        bgB = clamp01(solid.b());
                    }
                    // Box filter: uncovered samples show the background.
                    int uncovered = perPixel - covered;
                    r = (r + uncovered * bgR) * invPerPixel;
                    g = (g + uncovered * bgG) * invPerPixel;
                    b = (b + uncovered * bgB) * invPerPixel;
                }
                rgb[3 * p] = toByte(r);
                rgb[3 * p + 1] = toByte(g);
                rgb[3 * p + 2] = toByte(b);
            }
        }
        return new RenderImage(width, height, rgb, alpha);
    }

    private void shadeSample(MeshData mesh, float[] normals, RenderOptions options, Shader shader,
                             int i, int t, float[] out) {
        int[] tris = mesh.triangles();
        int a = tris[3 * t];
        int b = tris[3 * t + 1];
        int c = tris[3 * t + 2];
        float w1 = weight1[i];
        float w2 = weight2[i];
        float w0 = 1f - w1 - w2;
        switch (options.shading()) {
            case FLAT -> {
                out[0] = litFaces[3 * t];
                out[1] = litFaces[3 * t + 1];
                out[2] = litFaces[3 * t + 2];
            }
            case GOURAUD -> {
                int side = seenFromBehind[t] ? 3 : 0;
                float[] lit = litVertices;
                int ia = 6 * a + side;
                int ib = 6 * b + side;
                int ic = 6 * c + side;
                out[0] = w0 * lit[ia] + w1 * lit[ib] + w2 * lit[ic];
                out[1] = w0 * lit[ia + 1] + w1 * lit[ib + 1] + w2 * lit[ic + 1];
                out[2] = w0 * lit[ia + 2] + w1 * lit[ib + 2] + w2 * lit[ic + 2];
            }
            case PHONG -> {
                float[] pos = mesh.positions();
                float[] albedo = mesh.colors();
                Rgb base = options.baseColor();
                int ia = 3 * a;
                int ib = 3 * b;
                int ic = 3 * c;
                float nx = w0 * normals[ia] + w1 * normals[ib] + w2 * normals[ic];
                float ny = w0 * normals[ia + 1] + w1 * normals[ib + 1] + w2 * normals[ic + 1];
                float nz = w0 * normals[ia + 2] + w1 * normals[ib + 2] + w2 * normals[ic + 2];
                float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                float s = len == 0 ? 0 : (seenFromBehind[t] && options.lighting().twoSided() ? -1f : 1f) / len;
                float ar = albedo == null ? base.r() : w0 * albedo[ia] + w1 * albedo[ib] + w2 * albedo[ic];
                float ag = albedo == null ? base.g() : w0 * albedo[ia + 1] + w1 * albedo[ib + 1] + w2 * albedo[ic + 1];
                float ab = albedo == null ? base.b() : w0 * albedo[ia + 2] + w1 * albedo[ib + 2] + w2 * albedo[ic + 2];
                shader.shade(w0 * pos[ia] + w1 * pos[ib] + w2 * pos[ic],
                        w0 * pos[ia + 1] + w1 * pos[ib + 1] + w2 * pos[ic + 1],
                        w0 * pos[ia + 2] + w1 * pos[ib + 2] + w2 * pos[ic + 2],
                        nx * s, ny * s, nz * s, ar, ag, ab, out, 0);
            }
            default -> throw new AssertionError(options.shading());
        }
    }

    /** Whether the sample lies within {@code half} supersampled pixels of one of the triangle's screen edges. */
    private boolean nearEdge(MeshData mesh, int t, float px, float py, float half) {
        int[] tris = mesh.triangles();
        int a = 4 * tris[3 * t];
        int b = 4 * tris[3 * t + 1];
        int c = 4 * tris[3 * t + 2];
        boolean pa = projected[a / 4];
        boolean pb = projected[b / 4];
        boolean pc = projected[c / 4];
        // Edges running behind the near plane have no screen position; they are left undrawn.
        return (pa && pb && edgeDistance(screen[a], screen[a + 1], screen[b], screen[b + 1], px, py) < half)
                || (pb && pc && edgeDistance(screen[b], screen[b + 1], screen[c], screen[c + 1], px, py) < half)
                || (pc && pa && edgeDistance(screen[c], screen[c + 1], screen[a], screen[a + 1], px, py) < half);
    }

    private static float edgeDistance(float ax, float ay, float bx, float by, float px, float py) {
        float dx = bx - ax;
        float dy = by - ay;
        float len = (float) Math.sqrt(dx * dx + dy * dy);
        if (len == 0) {
            return Float.POSITIVE_INFINITY;
        }
        return Math.abs(dx * (py - ay) - dy * (px - ax)) / len;
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static byte toByte(float v) {
        return (byte) Math.round(clamp01(v) * 255f);
    }

    /** The visibility pass: keeps the nearest fragment per sample with its perspective-correct weights. */
    private static final class DepthWriter implements Rasterizer.FragmentVisitor {
        private float[] depth;
        private int[] triangleAt;
        private float[] weight1;
        private float[] weight2;
        private int stride;
        private int triangle;
        private float iw0;
        private float iw1;
        private float iw2;
        private float q0;
        private float q1;
        private float q2;
        // For clipped pieces: the original triangle's weights 1 and 2 at the piece's three corners.
        boolean mapped;
        private float m10;
        private float m11;
        private float m12;
        private float m20;
        private float m21;
        private float m22;

        void bind(float[] depthBuffer, int[] triangles, float[] w1, float[] w2, int rowStride) {
            depth = depthBuffer;
            triangleAt = triangles;
            weight1 = w1;
            weight2 = w2;
            stride = rowStride;
        }

        /** Starts a triangle whose corners' screen data (x, y, depth, 1/w) are at the offsets of {@code sc}. */
        void start(int t, float[] sc, int a, int b, int c) {
            triangle = t;
            iw0 = sc[a + 3];
            iw1 = sc[b + 3];
            iw2 = sc[c + 3];
            q0 = sc[a + 2] * iw0;
            q1 = sc[b + 2] * iw1;
            q2 = sc[c + 2] * iw2;
        }

        /** The corners' weights in the original triangle, at the offsets of {@code bary} (3 per corner). */
        void mapTo(float[] bary, int a, int b, int c) {
            mapped = true;
            m10 = bary[a + 1];
            m11 = bary[b + 1];
            m12 = bary[c + 1];
            m20 = bary[a + 2];
            m21 = bary[b + 2];
            m22 = bary[c + 2];
        }

        @Override
        public void fragment(int x, int y, float l0, float l1, float l2) {
            // 1/w and depth/w are affine in screen space; depth itself is not under perspective.
            float iw = l0 * iw0 + l1 * iw1 + l2 * iw2;
            float z = (l0 * q0 + l1 * q1 + l2 * q2) / iw;
            int i = y * stride + x;
            if (z < depth[i]) {
                depth[i] = z;
                triangleAt[i] = triangle;
                float inv = 1f / iw;
                float p1 = l1 * iw1 * inv;
                float p2 = l2 * iw2 * inv;
                if (mapped) {
                    float p0 = 1f - p1 - p2;
                    weight1[i] = p0 * m10 + p1 * m11 + p2 * m12;
                    weight2[i] = p0 * m20 + p1 * m21 + p2 * m22;
                } else {
                    weight1[i] = p1;
                    weight2[i] = p2;
                }
            }
        }
    }
}
