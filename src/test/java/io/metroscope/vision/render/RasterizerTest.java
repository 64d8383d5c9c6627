package io.metroscope.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RasterizerTest {

    private static int[] coverage(int w, int h, float[]... triangles) {
        int[] count = new int[w * h];
        for (float[] t : triangles) {
            Rasterizer.triangle(t[0], t[1], t[2], t[3], t[4], t[5], w, h, (x, y, l0, l1, l2) -> count[y * w + x]++);
        }
        return count;
    }

    @Test
    void fullScreenQuadCoversEveryPixelExactlyOnce() {
        // The diagonal passes through every pixel centre (i+½, i+½): only the fill rule decides them.
        int[] count = coverage(64, 64,
                new float[] {0, 0, 64, 0, 64, 64},
                new float[] {0, 0, 64, 64, 0, 64});
        assertThat(count).containsOnly(1);
        // The same with the other winding and the other diagonal.
        count = coverage(64, 64,
                new float[] {64, 0, 0, 0, 0, 64},
                new float[] {64, 0, 0, 64, 64, 64});
        assertThat(count).containsOnly(1);
    }

    @Test
    void fanOfTrianglesHasNoCracksAndNoOverlaps() {
        // A regular 40-gon fan around an off-grid centre, many edges through pixel centres, mixed windings.
        int w = 100;
        int h = 100;
        float cx = 50.5f;
        float cy = 49.5f;
        int n = 40;
        float[][] tris = new float[n][];
        for (int i = 0; i < n; i++) {
            double a0 = 2 * Math.PI * i / n;
            double a1 = 2 * Math.PI * (i + 1) / n;
            float x0 = (float) (cx + 45 * Math.cos(a0));
            float y0 = (float) (cy + 45 * Math.sin(a0));
            float x1 = (float) (cx + 45 * Math.cos(a1));
            float y1 = (float) (cy + 45 * Math.sin(a1));
            tris[i] = i % 2 == 0 ? new float[] {cx, cy, x0, y0, x1, y1} : new float[] {cx, cy, x1, y1, x0, y0};
        }
        int[] count = coverage(w, h, tris);
        assertThat(count).containsOnly(0, 1);
        // Every pixel whose centre is well inside the polygon is covered (no cracks).
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                if (d < 44) {
                    assertThat(count[y * w + x]).as("pixel %d,%d", x, y).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void frontFacesOfAClosedConvexMeshTileItsSilhouetteOnce() {
        // Shared vertices are projected once, so neighbouring triangles see bit-identical edges, as in the renderer.
        io.metroscope.format.MeshData sphere = TestMeshes.sphere(0.03f, -0.02f, 0, 0.8f, 40, 56);
        WeakPerspectiveCamera cam = new WeakPerspectiveCamera(1, 0, 0, 97, 97);
        float[] p = sphere.positions();
        float[] s = new float[4 * sphere.vertexCount()];
        for (int v = 0; v < sphere.vertexCount(); v++) {
            cam.project(p[3 * v], p[3 * v + 1], p[3 * v + 2], s, 4 * v);
        }
        int[] t = sphere.triangles();
        int[] count = new int[97 * 97];
        for (int f = 0; f < t.length; f += 3) {
            int a = 4 * t[f];
            int b = 4 * t[f + 1];
            int c = 4 * t[f + 2];
            float area = (s[b] - s[a]) * (s[c + 1] - s[a + 1]) - (s[b + 1] - s[a + 1]) * (s[c] - s[a]);
            if (area < 0) { // facing the camera
                Rasterizer.triangle(s[a], s[a + 1], s[b], s[b + 1], s[c], s[c + 1], 97, 97,
                        (x, y, l0, l1, l2) -> count[y * 97 + x]++);
            }
        }
        assertThat(count).containsOnly(0, 1);
        int covered = 0;
        for (int c : count) {
            covered += c;
        }
        // The silhouette is a polygon inscribed in the sphere's outline, a disc of radius 0.8·48.5 px.
        double r = 0.8 * 48.5;
        assertThat((double) covered).isCloseTo(Math.PI * r * r, within(0.02 * Math.PI * r * r));
    }

    @Test
    void axisAlignedSquareCoversItsArea() {
        for (float[] origin : new float[][] {{10.3f, 20.7f}, {10f, 20f}, {10.5f, 20.5f}, {3.25f, 7.75f}}) {
            float side = 40;
            float x0 = origin[0];
            float y0 = origin[1];
            int[] count = coverage(80, 80,
                    new float[] {x0, y0, x0 + side, y0, x0 + side, y0 + side},
                    new float[] {x0, y0, x0 + side, y0 + side, x0, y0 + side});
            int total = 0;
            for (int c : count) {
                assertThat(c).isLessThanOrEqualTo(1);
                total += c;
            }
            // Within 1 px² per unit of edge length (each edge can gain or lose at most a strip of pixels).
            assertThat((double) total).as("origin %s,%s", x0, y0).isCloseTo(side * side, within(4.0 * side));
            assertThat(total).isEqualTo(1600); // centres counted on each axis: exactly 40 for a 40 px span
        }
    }

    @Test
    void barycentricsInterpolateTheVertices() {
        float[] xs = {2, 30, 10};
        float[] ys = {3, 8, 28};
        Rasterizer.triangle(xs[0], ys[0], xs[1], ys[1], xs[2], ys[2], 32, 32, (x, y, l0, l1, l2) -> {
            assertThat(l0 + l1 + l2).isCloseTo(1f, within(1e-5f));
            assertThat(l0 * xs[0] + l1 * xs[1] + l2 * xs[2]).isCloseTo(x + 0.5f, within(1e-2f));
            assertThat(l0 * ys[0] + l1 * ys[1] + l2 * ys[2]).isCloseTo(y + 0.5f, within(1e-2f));
        });
        // The same triangle wound the other way reports weights for the vertices as given.
        Rasterizer.triangle(xs[0], ys[0], xs[2], ys[2], xs[1], ys[1], 32, 32, (x, y, l0, l1, l2) -> {
            assertThat(l0 * xs[0] + l1 * xs[2] + l2 * xs[1]).isCloseTo(x + 0.5f, within(1e-2f));
        });
    }

    @Test
    void offScreenAndDegenerateTrianglesDrawNothing() {
        assertThat(coverage(16, 16, new float[] {-10, -10, -5, -10, -5, -5})).containsOnly(0);
        assertThat(coverage(16, 16, new float[] {1, 1, 8, 8, 15, 15})).containsOnly(0);
        assertThat(coverage(16, 16, new float[] {1e9f, 0, 0, 16, 16, 16})).containsOnly(0);
        // A huge triangle clipped to the image still covers it all.
        assertThat(coverage(16, 16, new float[] {-1000, -1000, 3000, -1000, -1000, 3000})).containsOnly(1);
    }
}
