package io.metroscope.format;

import java.util.Random;

/** Meshes shared by the mesh format tests. */
final class MeshFixtures {
    private MeshFixtures() {
    }

    /** Unit cube, 8 vertices, 12 outward-wound triangles. */
    static MeshData cube() {
        float[] p = {
            0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0,
            0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1,
        };
        int[] t = {
            0, 2, 1, 0, 3, 2, // z = 0, facing -z
            4, 5, 6, 4, 6, 7, // z = 1
            0, 1, 5, 0, 5, 4, // y = 0
            3, 7, 6, 3, 6, 2, // y = 1
            0, 4, 7, 0, 7, 3, // x = 0
            1, 2, 6, 1, 6, 5, // x = 1
        };
        return MeshData.of(p, t);
    }

    /** A random mesh with awkward coordinates (tiny, large, negative) and arbitrary colours. */
    static MeshData random(long seed, int vertices, int faces, boolean colors) {
        Random r = new Random(seed);
        float[] p = new float[vertices * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7) - 4));
        }
        int[] t = new int[faces * 3];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(vertices);
        }
        MeshData m = MeshData.of(p, t);
        if (colors) {
            float[] c = new float[p.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextFloat();
            }
            m = m.withColors(c);
        }
        return m;
    }
}
